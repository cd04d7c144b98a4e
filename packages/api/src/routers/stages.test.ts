import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf } from '../testing.ts';

describe('stages router and stages on customers', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const domainOf = async (call: Promise<unknown>) => {
    const cause = (await failureOf(call)).cause as { code?: string; details?: Record<string, unknown> | null; text?: { en: string } };
    return { code: cause.code, details: cause.details, en: cause.text?.en };
  };

  it('gives a new workspace the method’s stages, in order, with both labels', async () => {
    const stages = await f.callerAs(f.a.sales).stages.list();
    expect(stages.map((s) => s.code)).toEqual(['unpaid', 'paid', 'repeat', 'advocate']);
    expect(stages[1]).toEqual({ code: 'paid', label: { 'zh-CN': '已付费', en: 'Paid' } });
  });

  it('keeps the codes customers already carry when the list is first read', async () => {
    await f.customer(f.a.sales, { name: '老数据', stage: 'lead' });
    expect((await f.callerAs(f.a.ops).stages.list()).map((s) => s.code)).toEqual(['unpaid', 'paid', 'repeat', 'advocate', 'lead']);
  });

  it('takes a stage by code or by label in either language on create and update, and stores the code', async () => {
    const ops = f.callerAs(f.a.ops);
    const created = await ops.customers.create({ name: '按中文', stage: '已付费', phone: '13900000001' });
    expect(created.stage).toBe('paid');
    const updated = await ops.customers.update({ customerId: created.id, stage: 'repeat buyer' });
    expect(updated.stage).toBe('repeat');
    const byCode = await ops.customers.update({ customerId: created.id, stage: 'advocate' });
    expect(byCode.stage).toBe('advocate');
    const events = await f.db.selectFrom('events').select('payload').where('customer_id', '=', created.id).where('kind', '=', 'stage.changed').execute();
    expect(events.map((e) => JSON.parse(e.payload).to)).toEqual(['repeat', 'advocate']);
  });

  it('refuses an unknown stage with a 400 naming the field and the known stages, and writes nothing', async () => {
    const ops = f.callerAs(f.a.ops);
    const customer = await ops.customers.create({ name: '客户', phone: '13900000002', stage: 'unpaid' });
    expect(await codeOf(ops.customers.update({ customerId: customer.id, stage: 'VIP' }))).toBe('BAD_REQUEST');
    const refused = await domainOf(ops.customers.update({ customerId: customer.id, stage: 'VIP' }));
    expect(refused).toMatchObject({ code: 'stage.unknown', details: { field: 'stage', known: ['unpaid', 'paid', 'repeat', 'advocate'] } });
    expect(refused.en).toContain('Known stages: Unpaid (unpaid), Paid (paid)');
    expect(await codeOf(ops.customers.create({ name: '新客户', phone: '13900000003', stage: '付费客户' }))).toBe('BAD_REQUEST');
    expect(await repos(f.db).customers.findByExternalId(f.a.workspace.id, { phone: '13900000003' })).toBeUndefined();
    expect((await repos(f.db).customers.get(f.a.workspace.id, customer.id))?.stage).toBe('unpaid');
    expect(await repos(f.db).stages.list(f.a.workspace.id)).toHaveLength(4);
  });

  it('lets managers rename, reorder and add stages, but not drop one customers are in', async () => {
    const ops = f.callerAs(f.a.ops);
    await ops.customers.create({ name: '客户', phone: '13900000004', stage: 'paid' });
    const saved = await ops.stages.save({
      stages: [
        { code: 'unpaid', label: { 'zh-CN': '潜在客户', en: 'Prospect' } },
        { code: 'trial', label: { 'zh-CN': '试用', en: 'Trial' } },
        { code: 'paid', label: { 'zh-CN': '已成交', en: 'Won' } },
      ],
    });
    expect(saved.map((s) => s.code)).toEqual(['unpaid', 'trial', 'paid']);
    expect((await ops.customers.create({ name: '试用客户', phone: '13900000005', stage: '试用' })).stage).toBe('trial');

    const dropPaid = await domainOf(ops.stages.save({ stages: [{ code: 'unpaid', label: { 'zh-CN': '潜在客户', en: 'Prospect' } }] }));
    expect(dropPaid.code).toBe('stage.in-use');
    expect(dropPaid.en).toContain('still in the stage "paid"');
    expect(await codeOf(ops.stages.save({ stages: [{ code: 'unpaid', label: { 'zh-CN': '潜在客户', en: 'Prospect' } }] }))).toBe('CONFLICT');
    expect((await domainOf(ops.stages.save({ stages: [{ code: 'a', label: { 'zh-CN': '甲', en: 'A' } }, { code: 'b', label: { 'zh-CN': '甲', en: 'B' } }] }))).code).toBe('stage.duplicate');
    expect(await codeOf(ops.stages.save({ stages: [{ code: 'Not A Code', label: { 'zh-CN': '甲', en: 'A' } }] }))).toBe('BAD_REQUEST');
    expect(await codeOf(f.callerAs(f.a.sales).stages.save({ stages: [{ code: 'unpaid', label: { 'zh-CN': '甲', en: 'A' } }] }))).toBe('FORBIDDEN');
    expect((await ops.stages.list()).map((s) => s.code)).toEqual(['unpaid', 'trial', 'paid']);
  });
});
