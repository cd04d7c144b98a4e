import type { Server } from 'node:http';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, Db, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { JourneyRunner } from '@sopline/domain';
import { createApiKey, revokeApiKey } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { createApp } from '../app.ts';

const runner: JourneyRunner = { start: async () => {}, signalEvent: async () => {}, signalGoal: async () => {}, cancel: async () => {}, retry: async () => {} };

type Json = Record<string, unknown>;
type Result = { index: number; status: string; eventId?: string; customerId?: string; customerCreated?: boolean; errors?: Array<{ path: string; message: string }> };

const TABLES = ['events', 'customers', 'customer_tags', 'tags'] as const;
async function rowCounts(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

const purchase = (phone: string, extra: Json = {}): Json => ({ kind: 'purchase', customer: { phone }, payload: { amount: 99, product: '面霜' }, ...extra });

describe('REST /api/v1 over HTTP', () => {
  let database: Connection;
  let db: Db;
  let server: Server;
  let base: string;
  let workspace: Workspace;
  let key: string;
  let wakes = 0;

  beforeAll(async () => {
    database = await openTestDatabase({ prefix: 'rest' });
    db = database.db;
    const r = repos(db);
    workspace = await r.workspaces.create({ name: 'REST', timezone: 'Asia/Shanghai' });
    await r.users.create({ workspaceId: workspace.id, email: 'rep@example.com', name: 'Rep', role: 'sales' });
    key = (await createApiKey({ db }, { workspaceId: workspace.id, name: 'shop', ratePerMinute: 100_000, createdBy: null })).key;
    const app = createApp({
      deps: { db, registry: defaultRegistry, runner, sessionSecret: 'x'.repeat(40) },
      logger: pino({ level: 'silent' }),
      onEventsAccepted: () => {
        wakes += 1;
      },
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });
  beforeEach(() => {
    wakes = 0;
  });

  /** POSTs `body` (a string is sent as is) with the shop's key unless `headers` says otherwise. */
  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; type: string; json: Json; res: Response }> {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', json: JSON.parse(text) as Json, res };
  }
  const results = (json: Json) => json.results as Result[];

  describe('auth, content type and body limits', () => {
    it('401 without a key, with a wrong one, and with a revoked one; both headers work while it is live', async () => {
      const before = await rowCounts(db);
      const missing = await post('/events', purchase('1'), { authorization: '' });
      expect(missing.status).toBe(401);
      expect(missing.json).toEqual({ error: { code: 'missing-api-key', message: expect.any(String) } });
      expect(missing.res.headers.get('www-authenticate')).toMatch(/^Bearer/);

      const wrong = await post('/events', purchase('1'), { authorization: `Bearer sk_live_${'A'.repeat(43)}` });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error).toMatchObject({ code: 'invalid-api-key' });
      expect((await post('/events', purchase('1'), { authorization: 'Basic abc' })).status).toBe(401);

      const made = await createApiKey({ db }, { workspaceId: workspace.id, name: 'crm', createdBy: null });
      const viaHeader = await post('/events', purchase('13900000001'), { authorization: '', 'x-api-key': made.key });
      expect(viaHeader.status).toBe(200);
      expect(JSON.stringify(viaHeader.json)).not.toContain(made.key);
      expect((await post('/events', purchase('13900000001'), { authorization: `bearer ${made.key}` })).status).toBe(200);
      const lastUsed = (await repos(db).apiKeys.list(workspace.id)).find((k) => k.id === made.apiKey.id)?.last_used_at;
      expect(lastUsed).toBeTruthy();

      await revokeApiKey({ db }, workspace.id, made.apiKey.id);
      const revoked = await post('/events', purchase('13900000002'), { authorization: `Bearer ${made.key}` });
      expect(revoked.status).toBe(401);
      expect(revoked.json.error).toMatchObject({ code: 'invalid-api-key' });
      // Only the two accepted events (and the one customer they created) were written.
      const after = await rowCounts(db);
      expect(after.events - before.events).toBe(3);
      expect(after.customers - before.customers).toBe(1);
    });

    it('429 with Retry-After once a key is over its rate per minute', async () => {
      const slow = await createApiKey({ db }, { workspaceId: workspace.id, name: 'slow', ratePerMinute: 3, createdBy: null });
      const auth = { authorization: `Bearer ${slow.key}` };
      for (let i = 0; i < 3; i += 1) expect((await post('/events', purchase(`1370000000${i}`), auth)).status).toBe(200);
      const before = await rowCounts(db);
      const limited = await post('/events', purchase('13700000009'), auth);
      expect(limited.status).toBe(429);
      expect(limited.json.error).toMatchObject({ code: 'rate-limited' });
      const retryAfter = Number(limited.res.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(20); // one request per 20 s at 3/min
      expect(await rowCounts(db)).toEqual(before);
      // Another key is not affected.
      expect((await post('/events', purchase('13700000009'))).status).toBe(200);
    });

    it('415 unless the body is declared as JSON', async () => {
      const before = await rowCounts(db);
      const plain = await post('/events', JSON.stringify(purchase('1')), { 'content-type': 'text/plain' });
      expect(plain.status).toBe(415);
      expect(plain.json.error).toMatchObject({ code: 'unsupported-media-type' });
      const form = await post('/customers', 'customers=1', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      const none = await fetch(`${base}/events`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: new Uint8Array([123, 125]) });
      expect(none.status).toBe(415);
      expect(await rowCounts(db)).toEqual(before);
    });

    it('400 invalid-json as JSON for malformed bodies, never an HTML page or a 500', async () => {
      const before = await rowCounts(db);
      for (const body of ['{"kind": "purchase", ', '{bad json}', '"just a string"', '42', 'null', '']) {
        const r = await post('/events', body);
        expect(r.status, body).toBe(400);
        expect(r.type).toMatch(/^application\/json/);
        expect((r.json.error as Json).code, `${body} ${JSON.stringify(r.json)}`).toMatch(/^invalid-(json|body)$/);
      }
      const r = await post('/events', '{"kind": "purchase",');
      expect(r.json).toEqual({ error: { code: 'invalid-json', message: expect.any(String) } });
      expect((await post('/events', [purchase('1')])).json.error).toMatchObject({ code: 'invalid-body' });
      expect((await post('/customers', '{"customers": [}')).json.error).toMatchObject({ code: 'invalid-json' });
      expect(await rowCounts(db)).toEqual(before);
    });

    it('413 as JSON for a body over 1 MB, and for more than 1,000 items', async () => {
      const before = await rowCounts(db);
      const huge = await post('/events', { kind: 'custom', customer: { phone: '1' }, payload: { name: 'x', blob: 'x'.repeat(1_100_000) } });
      expect(huge.status).toBe(413);
      expect(huge.json.error).toMatchObject({ code: 'payload-too-large' });

      const many = await post('/events', { events: Array.from({ length: 1001 }, (_, i) => purchase(`150${i}`)) });
      expect(many.status).toBe(413);
      expect(many.json.error).toMatchObject({ code: 'too-many-items', message: expect.stringContaining('1000') });
      const customers = await post('/customers', { customers: Array.from({ length: 1001 }, (_, i) => ({ phone: `151${i}` })) });
      expect(customers.status).toBe(413);
      expect(await rowCounts(db)).toEqual(before);
    });

    it('404 JSON for unknown paths, 405 for the wrong method', async () => {
      const unknown = await fetch(`${base}/nope`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 'not-found' } });
      const wrongMethod = await fetch(`${base}/events`);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
    });
  });

  describe('POST /events', () => {
    it('stores one event, creates an unknown customer once, and wakes the dispatcher', async () => {
      const one = await post('/events', purchase('13800000001', { idempotencyKey: 'order-1', occurredAt: '2025-03-01T10:00:00+08:00' }));
      expect(one.status).toBe(200);
      expect(one.json).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0 });
      const [r0] = results(one.json);
      expect(r0).toMatchObject({ index: 0, status: 'accepted', customerCreated: true });
      const stored = await repos(db).events.get(r0!.eventId!);
      expect(stored).toMatchObject({ kind: 'purchase', customer_id: r0!.customerId, occurred_at: '2025-03-01T02:00:00.000Z', payload: { amount: 99, product: '面霜' } });
      expect(wakes).toBe(1);

      // Two more events for the same (now known) phone, and one naming the customer by id.
      const before = await rowCounts(db);
      const batch = await post('/events', {
        events: [purchase('13800000001'), { kind: 'tag.added', customer: { phone: '13800000001', email: 'new@example.com' }, payload: { tag: 'vip' } }, { kind: 'custom', customer: { id: r0!.customerId }, payload: { name: 'visit', store: 'SH-1' } }],
      });
      expect(batch.status).toBe(200);
      expect(results(batch.json).map((r) => [r.status, r.customerId, r.customerCreated])).toEqual([
        ['accepted', r0!.customerId, false],
        ['accepted', r0!.customerId, false],
        ['accepted', r0!.customerId, false],
      ]);
      const after = await rowCounts(db);
      expect(after.customers).toBe(before.customers);
      expect(after.events).toBe(before.events + 3);
      expect(await repos(db).tags.ofCustomer(r0!.customerId!)).toEqual(['vip']);
      expect((await repos(db).events.get(results(batch.json)[2]!.eventId!))?.payload).toEqual({ name: 'visit', store: 'SH-1' });
    });

    it('a replayed idempotency key is a duplicate: same event id, nothing written twice, no wake-up', async () => {
      const body = { kind: 'tag.added', customer: { member_id: 'M-77' }, payload: { tag: 'new' }, idempotencyKey: 'crm-tag-77' };
      const first = await post('/events', body);
      expect(results(first.json)[0]).toMatchObject({ status: 'accepted', customerCreated: true });
      const before = await rowCounts(db);
      wakes = 0;
      const replay = await post('/events', body);
      expect(replay.status).toBe(200);
      expect(replay.json).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });
      expect(results(replay.json)[0]).toMatchObject({ status: 'duplicate', eventId: results(first.json)[0]!.eventId, customerCreated: false });
      // Within one batch, too.
      const inBatch = await post('/events', { events: [body, { ...body, customer: { member_id: 'M-other' } }] });
      expect(results(inBatch.json).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(await rowCounts(db)).toEqual(before);
      expect(wakes).toBe(0);
    });

    it('a mixed batch stores the good events, answers 207, and says why each bad one failed', async () => {
      const before = await rowCounts(db);
      const r = await post('/events', {
        events: [
          purchase('13600000001', { idempotencyKey: 'mix-1' }),
          { kind: 'purchase', customer: { phone: '13600000002' }, payload: { amount: '12' } },
          { kind: 'bogus', customer: { phone: '13600000003' }, payload: {} },
          { kind: 'tag.added', customer: {}, payload: { tag: 'x' } },
          { kind: 'purchase', customer: { phone: '13600000004', mobile: '1' }, payload: { amount: 1 } },
          { kind: 'custom', customer: { phone: '13600000005' }, payload: { name: 'late' }, occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
          { kind: 'custom', customer: { phone: '13600000006' }, payload: { name: 'big', blob: 'x'.repeat(17 * 1024) } },
          { kind: 'purchase', customer: { id: 'no-such-customer' }, payload: { amount: 1 } },
          { kind: 'purchase', customer: { phone: '13600000007' }, payload: { amount: 5, items: [{ product: 'A', price: -1 }] } },
          'not an object',
          { kind: 'stage.changed', customer: { wechat_openid: 'o-123' }, payload: { to: '已付费' }, idempotencyKey: 'mix-2' },
        ],
      });
      expect(r.status).toBe(207);
      expect(r.json).toMatchObject({ accepted: 2, duplicates: 0, rejected: 9 });
      const list = results(r.json);
      expect(list.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(list.map((x) => x.status)).toEqual(['accepted', ...Array<string>(9).fill('rejected'), 'accepted']);
      const paths = list.map((x) => x.errors?.map((e) => e.path));
      expect(paths.slice(1, 10)).toEqual([['payload.amount'], ['kind'], ['customer'], ['customer'], ['occurredAt'], ['payload'], ['customer.id'], ['payload.items.0.price'], ['']]);
      expect(list[1]!.errors![0]!.message).toMatch(/number/);
      expect(list[2]!.errors![0]!.message).toContain('purchase');
      expect(list[4]!.errors![0]!.message).toMatch(/mobile/);
      // The good ones are stored (with a created customer each), the bad ones wrote nothing.
      for (const i of [0, 10]) expect(await repos(db).events.get(list[i]!.eventId!)).toBeDefined();
      const after = await rowCounts(db);
      expect(after.customers - before.customers).toBe(2);
      expect(after.events - before.events).toBe(4); // 2 events + 2 customer.created
      expect((await repos(db).customers.get(workspace.id, list[10]!.customerId!))?.stage).toBe('paid');
    });

    it('400 with per-item errors when no event is valid, and for an empty batch', async () => {
      const before = await rowCounts(db);
      const r = await post('/events', { kind: 'purchase', customer: { phone: 123 }, payload: { amount: -1 } });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ accepted: 0, rejected: 1, error: { code: 'invalid-items' } });
      expect(results(r.json)[0]!.errors!.map((e) => e.path).sort()).toEqual(['customer.phone', 'payload.amount']);
      const empty = await post('/events', { events: [] });
      expect(empty.status).toBe(400);
      expect(empty.json.error).toMatchObject({ code: 'invalid-body' });
      expect((await post('/events', { events: 'x' })).status).toBe(400);
      expect(await rowCounts(db)).toEqual(before);
      expect(wakes).toBe(0);
    });

    it('accepts a full batch of 1,000 events, all durably stored before the answer', async () => {
      const before = await rowCounts(db);
      const events = Array.from({ length: 1000 }, (_, i) => ({ kind: 'custom', customer: { member_id: `bulk-${i % 10}` }, payload: { name: 'ping', i }, idempotencyKey: `bulk-${i}` }));
      const r = await post('/events', { events });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ accepted: 1000, rejected: 0 });
      const after = await rowCounts(db);
      expect(after.events - before.events).toBe(1000 + 10);
      expect(after.customers - before.customers).toBe(10);
    });
  });

  describe('POST /customers', () => {
    it('creates, then updates by any external id; new customers, tags and stages become events', async () => {
      const created = await post('/customers', { customers: [{ name: '王女士', phone: '13500000001', tags: ['vip', 'vip', 'spring'], stage: 'unpaid', properties: { city: '上海' }, ownerEmail: 'rep@example.com', timezone: 'Asia/Shanghai' }] });
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({ created: 1, updated: 0, rejected: 0 });
      const id = results(created.json)[0]!.customerId!;
      const r = repos(db);
      const rep = (await r.users.list(workspace.id)).find((u) => u.email === 'rep@example.com')!;
      expect(await r.customers.get(workspace.id, id)).toMatchObject({ name: '王女士', phone: '13500000001', stage: 'unpaid', owner_id: rep.id, timezone: 'Asia/Shanghai', properties: { city: '上海' } });
      expect(await r.tags.ofCustomer(id)).toEqual(['spring', 'vip']);
      expect((await r.events.ofCustomer(id)).map((e) => e.kind).sort()).toEqual(['customer.created', 'tag.added', 'tag.added']);
      expect(wakes).toBe(1);

      const updated = await post('/customers', { customers: [{ phone: '13500000001', email: 'wang@example.com', stage: 'Paid', tags: ['vip', 'gold'], properties: { size: 'M' }, ownerEmail: null }] });
      expect(updated.status).toBe(200);
      expect(results(updated.json)[0]).toEqual({ index: 0, status: 'updated', customerId: id });
      expect(await r.customers.get(workspace.id, id)).toMatchObject({ name: '王女士', email: 'wang@example.com', stage: 'paid', owner_id: null, properties: { city: '上海', size: 'M' } });
      const events = await r.events.ofCustomer(id);
      expect(events.filter((e) => e.kind === 'tag.added').map((e) => e.payload.tag).sort()).toEqual(['gold', 'spring', 'vip']);
      expect(events.find((e) => e.kind === 'stage.changed')?.payload).toMatchObject({ from: 'unpaid', to: 'paid' });

      // Sending the same again changes nothing and records no event.
      const before = await rowCounts(db);
      expect((await post('/customers', { customers: [{ email: 'wang@example.com', stage: '已付费', tags: ['gold'] }] })).status).toBe(200);
      expect(await rowCounts(db)).toEqual(before);
    });

    it('takes a stage by code or label and stores the code; an unknown stage is a 400 naming the field and the known stages', async () => {
      const byLabel = await post('/customers', { customers: [{ phone: '13500000077', stage: '复购' }] });
      expect(byLabel.status).toBe(200);
      const id = (byLabel.json.results as Result[])[0]!.customerId!;
      expect((await repos(db).customers.get(workspace.id, id))?.stage).toBe('repeat');

      const before = await rowCounts(db);
      const unknown = await post('/customers', { customers: [{ phone: '13500000078', stage: 'VIP 客户' }] });
      expect(unknown.status).toBe(400);
      const [error] = (unknown.json.results as Array<{ errors: Array<{ path: string; message: string }> }>)[0]!.errors;
      expect(error!.path).toBe('stage');
      expect(error!.message).toContain('"VIP 客户" is not a stage of this workspace');
      expect(error!.message).toContain('Paid (paid)');
      const event = await post('/events', { events: [{ kind: 'stage.changed', customer: { phone: '13500000077' }, payload: { to: 'gold' } }] });
      expect(event.status).toBe(400);
      expect((event.json.results as Array<{ errors: Array<{ path: string }> }>)[0]!.errors[0]!.path).toBe('payload.to');
      expect(await rowCounts(db)).toEqual(before);
      expect(await repos(db).stages.list(workspace.id)).toHaveLength(4);
    });

    it('rejects bad items one by one (207) and stores the good ones', async () => {
      await post('/customers', { customers: [{ phone: '13400000001' }, { email: 'other@example.com' }] });
      const before = await rowCounts(db);
      const r = await post('/customers', {
        customers: [
          { phone: '13400000002', name: '新客' },
          { name: 'no ids' },
          { phone: '13400000001', email: 'other@example.com' },
          { phone: '13400000003', ownerEmail: 'nobody@example.com' },
          { phone: '13400000004', timezone: 'Mars/Base' },
          { phone: '13400000005', tags: 'vip' },
        ],
      });
      expect(r.status).toBe(207);
      expect(r.json).toMatchObject({ created: 1, updated: 0, rejected: 5 });
      expect(results(r.json).map((x) => x.errors?.[0]?.path ?? x.status)).toEqual(['created', '', 'email', 'ownerEmail', 'timezone', 'tags']);
      const after = await rowCounts(db);
      expect(after.customers - before.customers).toBe(1);
      expect(after.events - before.events).toBe(1);

      const none = await post('/customers', { customers: [{ nope: 1 }] });
      expect(none.status).toBe(400);
      expect(none.json.error).toMatchObject({ code: 'invalid-items' });
      expect((await post('/customers', { phone: '1' })).json.error).toMatchObject({ code: 'invalid-body' });
    });
  });

  describe('GET /openapi.json', () => {
    it('is an OpenAPI 3.1 document, readable without a key, describing both endpoints and their errors', async () => {
      const res = await fetch(`${base}/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as {
        openapi: string;
        paths: Record<string, { post?: { requestBody: unknown; responses: Record<string, unknown> } }>;
        components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
        security: unknown[];
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.security).toEqual([{ apiKey: [] }]);
      for (const path of ['/events', '/customers']) {
        const op = doc.paths[path]?.post;
        expect(op, path).toBeDefined();
        expect(Object.keys(op!.responses).sort()).toEqual(expect.arrayContaining(['200', '207', '400', '401', '413', '415', '429']));
      }
      // Generated from the zod schemas: the event kinds and the payload fields are there.
      const text = JSON.stringify(doc);
      for (const word of ['tag.added', 'stage.changed', 'reply.logged', 'idempotencyKey', 'wechat_unionid', 'ownerEmail', 'Retry-After']) expect(text).toContain(word);
      // Every $ref points at a component that exists.
      const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(5);
      for (const ref of refs) {
        expect(ref).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
      }
    });
  });

  describe('property: arbitrary bodies', () => {
    // Mostly valid events (so the accepted path runs too), each possibly with one field replaced by junk.
    const phone = fc.constantFrom('13000000001', '13000000002', '13000000003', '');
    const key = fc.oneof(fc.constant(undefined), fc.constantFrom('k1', 'k2'), fc.uuid());
    const validEvent = fc.oneof(
      fc.record({ kind: fc.constant('purchase'), customer: fc.record({ phone }), payload: fc.record({ amount: fc.oneof(fc.nat(), fc.double({ noNaN: true, min: -1, max: 1e6 })) }), idempotencyKey: key }, { requiredKeys: ['kind', 'customer', 'payload'] }),
      fc.record({ kind: fc.constantFrom('tag.added', 'tag.removed'), customer: fc.record({ email: fc.constantFrom('a@example.com', 'b@example.com') }), payload: fc.record({ tag: fc.string({ maxLength: 70 }) }), idempotencyKey: key }, { requiredKeys: ['kind', 'customer', 'payload'] }),
      fc.record({ kind: fc.constant('stage.changed'), customer: fc.record({ member_id: fc.string({ maxLength: 3 }) }), payload: fc.record({ to: fc.oneof(fc.constantFrom('paid', '已付费', 'Repeat buyer'), fc.string({ maxLength: 3 })) }), occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) }, { requiredKeys: ['kind', 'customer', 'payload'] }),
      fc.record({ kind: fc.constantFrom('custom', 'reply.logged', 'customer.created', 'nope'), customer: fc.record({ phone, id: fc.constant('x') }, { requiredKeys: [] }), payload: fc.record({ name: fc.string({ maxLength: 3 }), text: fc.string() }, { requiredKeys: [] }) }),
    );
    const eventish = fc.oneof(
      { arbitrary: validEvent, weight: 3 },
      { arbitrary: fc.tuple(validEvent, fc.constantFrom('kind', 'customer', 'payload', 'occurredAt', 'idempotencyKey', 'extra'), fc.jsonValue()).map(([e, field, junk]) => ({ ...e, [field]: junk })), weight: 1 },
      { arbitrary: fc.jsonValue(), weight: 1 },
    );
    const body = fc.oneof(
      { arbitrary: fc.json(), weight: 1 },
      { arbitrary: eventish.map((e) => JSON.stringify(e)), weight: 2 },
      { arbitrary: fc.array(eventish, { maxLength: 6 }).map((events) => JSON.stringify({ events })), weight: 3 },
      { arbitrary: fc.string().map((s) => `{"events": [${s}`), weight: 1 },
    );

    it('never answers 5xx, and writes rows only for items it says were accepted', async () => {
      await fc.assert(
        fc.asyncProperty(body, async (raw) => {
          const before = await rowCounts(db);
          const r = await post('/events', raw);
          expect(r.status).toBeLessThan(500);
          expect(r.type).toMatch(/^application\/json/);
          const after = await rowCounts(db);
          const list = Array.isArray(r.json.results) ? (r.json.results as Result[]) : [];
          const accepted = list.filter((x) => x.status === 'accepted');
          const createdCustomers = accepted.filter((x) => x.customerCreated).length;
          expect(after.customers - before.customers).toBe(createdCustomers);
          // Each accepted event, plus a customer.created for each customer it created.
          expect(after.events - before.events).toBe(accepted.length + createdCustomers);
          if (accepted.length === 0) expect(after).toEqual(before);
          if (r.status >= 400) expect(accepted).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  });
});
