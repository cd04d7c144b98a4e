import { CustomerUpsertInput, EventInput, MAX_BATCH } from '@sopline/domain';
import { z } from 'zod';

const count = z.int().nonnegative();

/** The zod schemas of the REST surface: the handlers validate with them and openapi.json is generated from them. */

export const ErrorBody = z.object({
  error: z.object({ code: z.string().describe('Stable, e.g. invalid-json, missing-api-key, rate-limited'), message: z.string() }),
});

export const ItemError = z.object({
  path: z.string().describe('Dotted path inside the item, e.g. payload.amount or customer.phone ("" for the item itself)'),
  message: z.string(),
});

export const EventBatch = z.object({ events: z.array(EventInput).min(1).max(MAX_BATCH) });
export const EventsBody = z.union([EventInput, EventBatch]).describe(`One event, or { events: [...] } with 1 to ${MAX_BATCH} events (a body with an events field is read as a batch)`);

export const EventResult = z.union([
  z.object({
    index: count.describe('Position in the request (0 for a single event)'),
    status: z.enum(['accepted', 'duplicate']).describe('duplicate: the idempotency key was seen before; nothing new was stored'),
    eventId: z.string(),
    customerId: z.string(),
    customerCreated: z.boolean().describe('True when this event created the customer'),
  }),
  z.object({ index: count, status: z.literal('rejected'), errors: z.array(ItemError).min(1) }),
]);

export const EventsResponse = z.object({
  accepted: count,
  duplicates: count,
  rejected: count,
  results: z.array(EventResult).describe('One per event sent, in order'),
  error: ErrorBody.shape.error.optional().describe('Present when no event was valid (status 400)'),
});

export const CustomersBody = z.object({ customers: z.array(CustomerUpsertInput).min(1).max(MAX_BATCH) });

export const CustomerResult = z.union([
  z.object({ index: count, status: z.enum(['created', 'updated']), customerId: z.string() }),
  z.object({ index: count, status: z.literal('rejected'), errors: z.array(ItemError).min(1) }),
]);

export const CustomersResponse = z.object({
  created: count,
  updated: count,
  rejected: count,
  results: z.array(CustomerResult).describe('One per customer sent, in order'),
  error: ErrorBody.shape.error.optional().describe('Present when no customer was valid (status 400)'),
});
