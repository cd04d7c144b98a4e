import { EXTERNAL_ID_COLUMNS } from '@sopline/db';
import { CustomerRef, CustomerUpsertInput, EventInput, INGEST_KINDS, MAX_BATCH, MAX_PAYLOAD_BYTES } from '@sopline/domain';
import { z } from 'zod';
import { CustomerResult, CustomersBody, CustomersResponse, ErrorBody, EventResult, EventsBody, EventsResponse, ItemError } from './schemas.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string, extraHeaders: Record<string, object> = {}) => ({ description, headers: extraHeaders, content: json(ref('Error')) });

const commonErrors = {
  '401': error('No API key, or a wrong or revoked one'),
  '413': error(`The body is larger than 1 MB, or holds more than ${MAX_BATCH} items`),
  '415': error('The body is not declared as application/json'),
  '429': error("The key is over its rate (requests per minute): wait for Retry-After seconds", {
    'Retry-After': { description: 'Seconds until the next request is allowed', schema: { type: 'integer', minimum: 1 } },
  }),
  '500': error('The server failed; items before the failing one may be stored: retry with the same idempotency keys'),
};

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of each component, with `$ref`s between them. */
function components(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(EventsBody, { id: 'EventsRequest' });
  registry.add(EventsResponse, { id: 'EventsResponse' });
  registry.add(CustomersBody, { id: 'CustomersRequest' });
  registry.add(CustomersResponse, { id: 'CustomersResponse' });
  registry.add(ErrorBody, { id: 'Error' });
  registry.add(EventInput, { id: 'Event' });
  registry.add(EventResult, { id: 'EventResult' });
  registry.add(CustomerUpsertInput, { id: 'CustomerUpsert' });
  registry.add(CustomerRef, { id: 'CustomerRef' });
  registry.add(CustomerResult, { id: 'CustomerResult' });
  registry.add(ItemError, { id: 'ItemError' });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  // "Name the customer by at least one id" is a zod refinement, which JSON Schema cannot infer: say it
  // with anyOf, so generated clients (and fuzzers) know `{}` is not a customer.
  const atLeastOne = (keys: readonly string[]) => ({ anyOf: keys.map((key) => ({ required: [key] })) });
  const patches: Record<string, object> = { CustomerRef: atLeastOne(['id', ...EXTERNAL_ID_COLUMNS]), CustomerUpsert: atLeastOne(EXTERNAL_ID_COLUMNS) };
  // Each component carries its own $id and $schema; inside an OpenAPI document they are noise.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
      return [id, { ...rest, ...patches[id] }];
    }),
  );
}

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sopline ingest API',
      version: '1.0.0',
      description:
        'For shops, CRMs and WeCom callbacks: send customer events and upsert customers. Authenticate with a workspace API key ' +
        '(created by an admin, shown once): `Authorization: Bearer sk_live_…` or `X-Api-Key: sk_live_…`. Every item of a batch is ' +
        'validated and stored on its own: the response lists a result per item, in order. Status: 200 when every item was ' +
        'accepted (or a duplicate), 207 when some were rejected, 400 when none was valid. An accepted item is durably stored ' +
        'before the response is sent.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key (sk_live_…); X-Api-Key is accepted too' } },
      schemas: components(),
    },
    paths: {
      '/events': {
        post: {
          operationId: 'ingestEvents',
          summary: 'Send one event or a batch',
          description:
            `Kinds: ${INGEST_KINDS.join(', ')}. The customer is named by Sopline id or any external id and created when unknown. ` +
            `Up to ${MAX_BATCH} events per request; each payload at most ${MAX_PAYLOAD_BYTES / 1024} KB of JSON; occurredAt at most one day ahead. ` +
            'Send an idempotencyKey (e.g. the order id): a replay is answered as a duplicate and stores nothing.',
          requestBody: { required: true, content: json(ref('EventsRequest')) },
          responses: {
            '200': { description: 'Every event accepted or a duplicate', content: json(ref('EventsResponse')) },
            '207': { description: 'Some events rejected (see results[].errors); the others are stored', content: json(ref('EventsResponse')) },
            '400': {
              description: 'Malformed JSON or body (Error), or no event valid (EventsResponse with error and per-item errors)',
              content: json({ anyOf: [ref('EventsResponse'), ref('Error')] }),
            },
            ...commonErrors,
          },
        },
      },
      '/customers': {
        post: {
          operationId: 'upsertCustomers',
          summary: 'Create or update customers in a batch',
          description:
            `Up to ${MAX_BATCH} customers per request, each matched by any external id (phone, email, wechat_openid, wechat_unionid, member_id). ` +
            'Fields sent overwrite stored ones, fields left out are kept; tags are added, properties merged. A new customer records ' +
            'customer.created, each newly added tag tag.added, and a new stage stage.changed, so journeys can react.',
          requestBody: { required: true, content: json(ref('CustomersRequest')) },
          responses: {
            '200': { description: 'Every customer created or updated', content: json(ref('CustomersResponse')) },
            '207': { description: 'Some customers rejected (see results[].errors); the others are stored', content: json(ref('CustomersResponse')) },
            '400': {
              description: 'Malformed JSON or body (Error), or no customer valid (CustomersResponse with error and per-item errors)',
              content: json({ anyOf: [ref('CustomersResponse'), ref('Error')] }),
            },
            ...commonErrors,
          },
        },
      },
      '/openapi.json': {
        get: { operationId: 'openApi', summary: 'This document', security: [], responses: { '200': { description: 'The OpenAPI 3.1 document', content: json({ type: 'object' }) } } },
      },
    },
  };
}
