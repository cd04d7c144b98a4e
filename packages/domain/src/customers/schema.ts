import { EXTERNAL_ID_COLUMNS } from '@sopline/db';
import { z } from 'zod';
import { nestedDeeperThan, tooDeepMessage } from '@sopline/graph';
import { isValidZone } from '../engine/rules.ts';
import { StageName } from '../stages/stages.ts';

/** Ids are opaque strings to callers; bounded so a request cannot carry a megabyte "id". */
export const EntityId = z.string().min(1).max(64);

export const TimeZone = z.string().trim().min(1).max(64).refine(isValidZone, 'not an IANA time zone, e.g. Asia/Shanghai');

export const TagName = z.string().trim().min(1).max(64);

export const ExternalId = z.string().trim().min(1).max(200);

export const MAX_PROPERTIES_BYTES = 16 * 1024;
/** Free-form fields (birthday, city, source …); bounded in size, keys as written. */
export const Properties = z
  .record(z.string().trim().min(1).max(100), z.unknown())
  // Checked before z.json() walks the values: it recurses, and a few thousand levels overflow the stack.
  .refine((p) => !nestedDeeperThan(p), { message: `properties are ${tooDeepMessage}`, abort: true })
  .pipe(z.record(z.string(), z.json()))
  .refine((p) => Object.keys(p).length <= 200, 'at most 200 properties')
  .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_PROPERTIES_BYTES, `properties are larger than ${MAX_PROPERTIES_BYTES / 1024} KB`);

const externalIdFields = Object.fromEntries(EXTERNAL_ID_COLUMNS.map((col) => [col, ExternalId.nullable().optional()])) as Record<
  (typeof EXTERNAL_ID_COLUMNS)[number],
  z.ZodOptional<z.ZodNullable<typeof ExternalId>>
>;

/** The fields a user edits on a customer; null clears a field, undefined leaves it. */
export const CustomerFields = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  /** A stage of the workspace by code or label; stored as its code. */
  stage: StageName.nullable().optional(),
  timezone: TimeZone.nullable().optional(),
  /** Replaces the stored properties as a whole (send the current ones to keep them). */
  properties: Properties.optional(),
  ...externalIdFields,
});
export type CustomerFields = z.infer<typeof CustomerFields>;

export const NewCustomerFields = CustomerFields.extend({
  name: z.string().trim().min(1).max(200),
  tags: z.array(TagName).max(50).optional(),
  /** Managers may name any active user; a sales rep's new customer is always their own. */
  ownerId: EntityId.nullable().optional(),
});
export type NewCustomerFields = z.infer<typeof NewCustomerFields>;
