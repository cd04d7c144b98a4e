import { repos } from '@sopline/db';
import type { ImportJobView, ImportMapping } from '@sopline/domain';
import { uploadImport } from '@sopline/domain';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf } from '../testing.ts';

let f: ApiFixture;
beforeEach(async () => {
  f = await createApiFixture();
});
afterEach(async () => {
  await f.close();
});

const upload = (csv: string | Buffer, kind: 'customers' | 'orders' = 'customers', fileName = 'list.csv') =>
  uploadImport(f.deps, { workspaceId: f.a.workspace.id, userId: f.a.ops.id, role: 'ops' }, { kind, fileName, body: [typeof csv === 'string' ? Buffer.from(csv) : csv] });

/** Starts a run and waits for its background job to finish. */
async function run(id: string, phase: 'check' | 'import', mapping: ImportMapping, startJourneys = false): Promise<ImportJobView> {
  const ops = f.callerAs(f.a.ops);
  await ops.imports.start({ id, phase, mapping, startJourneys });
  for (let i = 0; i < 400; i += 1) {
    const job = await ops.imports.get({ id });
    if (job.state !== 'checking' && job.state !== 'importing') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the import did not finish');
}

const eventsOf = (customerId: string) => f.db.selectFrom('events').selectAll().where('customer_id', '=', customerId).orderBy('seq').execute();

describe('customers import', () => {
  it('guesses the mapping from Chinese headers, shows each cell’s problem, and a dry run counts what the import then does', async () => {
    const existing = await f.customer(f.a.sales, { name: '老客户', phone: '13800000001', stage: 'unpaid', properties: { city: '上海' } });
    const csv = [
      '姓名,手机号码,邮箱,会员编号,客户阶段,标签,负责人,时区,城市,生日',
      '老客户新名,138 0000 0001,,,paid,vip|复购,sales2@a.test,,杭州,',
      '"张三, 先生",+86 138-0000-0002,Zhang@X.cn,M-2,未付费,"新客，门店",,Asia/Shanghai,北京,1990年5月17日',
      '坏时区,13800000003,,,,,,Mars/Olympus,,',
      '无主,13800000004,,,,,nobody@a.test,,,',
      '坏阶段,13800000005,,,Paid Customer,,,,,',
      '科学计数,1.38E+10,,,,,,,,',
      '无标识,,,,,,,,深圳,',
      ',,,,,,,,,',
      '重复,13800000002,,,,,,,,',
      // The owner by name, as sheets usually have it.
      `"李""四""",,li@x.cn,,,,${f.a.sales.name},,,05-04`,
    ].join('\r\n');
    const job = await upload(csv);
    expect(job).toMatchObject({ state: 'uploaded', format: 'csv', kind: 'customers' });

    const ops = f.callerAs(f.a.ops);
    const preview = await ops.imports.preview({ id: job.id });
    expect(preview.mapping).toEqual(['name', 'phone', 'email', 'member_id', 'stage', 'tags', 'owner', 'timezone', 'property:城市', 'birthday']);
    expect(preview.mappingProblems).toEqual([]);
    const problemsByRow = Object.fromEntries(preview.rows.map((r) => [r.row, r.problems.map((p) => [p.column, p.en])]));
    expect(problemsByRow[2]).toEqual([]);
    expect(problemsByRow[4]).toEqual([[7, expect.stringContaining('Mars/Olympus')]]);
    expect(problemsByRow[5]).toEqual([[6, expect.stringContaining('nobody@a.test')]]);
    expect(problemsByRow[6]).toEqual([[4, expect.stringContaining('Paid Customer')]]);
    expect(problemsByRow[7]).toEqual([[1, expect.stringContaining('scientific notation')]]);
    expect(problemsByRow[8]).toEqual([[null, expect.stringContaining('identify')]]);
    expect(problemsByRow[10]).toEqual([[1, expect.stringContaining('row 3')]]);
    // The empty row 9 is not shown; every problem is in Chinese too.
    expect(preview.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 10, 11]);
    expect(preview.rows[2]!.problems[0]!['zh-CN']).toContain('时区');

    const checked = await run(job.id, 'check', preview.mapping);
    expect(checked).toMatchObject({ state: 'checked', checked: { rows: 9, created: 2, updated: 1, rejected: 6 } });
    // Nothing of the dry run is kept, and it declares no property.
    expect((await ops.customers.search()).total).toBe(1);
    expect((await ops.properties.list()).map((p) => p.key)).not.toContain('城市');
    expect((await repos(f.db).customers.get(f.a.workspace.id, existing.id))?.name).toBe('老客户');
    const refused = await ops.imports.rejects({ id: job.id, phase: 'check' });
    expect(refused.total).toBe(6);
    expect(refused.rows.map((r) => r.row)).toEqual([4, 5, 6, 7, 8, 10]);
    expect(refused.header[0]).toBe('姓名');

    const imported = await run(job.id, 'import', preview.mapping);
    expect(imported).toMatchObject({ state: 'imported', created: 2, updated: 1, rejected: 6, rowsTotal: 9 });
    // The column kept as a property is now one of the workspace's, which journeys can read.
    expect((await ops.properties.list()).find((p) => p.key === '城市')).toMatchObject({ type: 'text' });
    const updated = await repos(f.db).customers.get(f.a.workspace.id, existing.id);
    expect(updated).toMatchObject({ name: '老客户新名', stage: 'paid', owner_id: f.a.sales2.id, properties: { city: '上海', 城市: '杭州' } });
    expect(await repos(f.db).tags.ofCustomer(existing.id)).toEqual(['vip', '复购']);
    const zhang = await repos(f.db).customers.findByExternalId(f.a.workspace.id, { phone: '13800000002' });
    expect(zhang).toMatchObject({ name: '张三, 先生', email: 'zhang@x.cn', member_id: 'M-2', stage: 'unpaid', timezone: 'Asia/Shanghai', properties: { 城市: '北京', birthday: '1990-05-17' } });
    expect(await repos(f.db).tags.ofCustomer(zhang!.id)).toEqual(['新客', '门店'].sort());
    const li = await repos(f.db).customers.findByExternalId(f.a.workspace.id, { email: 'li@x.cn' });
    expect(li).toMatchObject({ name: '李"四"', owner_id: f.a.sales.id, properties: { birthday: '--05-04' } });
    // Stored as history by default: recorded, but no journey starts from them.
    const events = await eventsOf(existing.id);
    expect(events.map((e) => e.kind)).toEqual(['customer.created', 'stage.changed', 'tag.added', 'tag.added']);
    expect(events.slice(1).every((e) => e.dispatched_at !== null && JSON.parse(e.payload).source === 'import')).toBe(true);

    // The file is gone once imported; running it again is refused in words, and a new upload of it changes nothing new.
    expect(await repos(f.db).imports.chunks(job.id).next()).toMatchObject({ done: true });
    expect((await failureOf(ops.imports.start({ id: job.id, phase: 'import', mapping: preview.mapping }))).code).toBe('CONFLICT');
    const again = await upload(csv);
    expect(await run(again.id, 'import', preview.mapping)).toMatchObject({ created: 0, updated: 3, rejected: 6 });
    expect((await ops.customers.search()).total).toBe(3);
  });

  it('reads a column by the type of the property it fills', async () => {
    const ops = f.callerAs(f.a.ops);
    await ops.properties.save({ properties: [{ key: 'birthday', type: 'date', label: { 'zh-CN': '生日', en: 'Birthday' } }, { key: '积分', type: 'number', label: { 'zh-CN': '积分', en: 'Points' } }, { key: '入会日', type: 'date', label: { 'zh-CN': '入会日', en: 'Joined' } }] });
    const job = await upload('手机,积分,入会日\n13900000011,"1,200",2024年3月1日\n13900000012,很多,2024/3/2\n');
    const preview = await ops.imports.preview({ id: job.id });
    expect(preview.mapping).toEqual(['phone', 'property:积分', 'property:入会日']);
    expect(preview.rows[1]!.problems.map((p) => p['zh-CN'])).toEqual(['积分：「很多」不是数字']);
    await run(job.id, 'import', preview.mapping);
    const c = await repos(f.db).customers.findByExternalId(f.a.workspace.id, { phone: '13900000011' });
    expect(c?.properties).toEqual({ 积分: 1200, 入会日: '2024-03-01' });
  });

  it('lets journeys start from imported customers when asked', async () => {
    const job = await upload('name,phone,tags\n新客,13900000001,vip\n');
    await run(job.id, 'import', ['name', 'phone', 'tags'], true);
    const c = await repos(f.db).customers.findByExternalId(f.a.workspace.id, { phone: '13900000001' });
    expect((await eventsOf(c!.id)).map((e) => [e.kind, e.dispatched_at])).toEqual([
      ['customer.created', null],
      ['tag.added', null],
    ]);
  });

  it('reads GBK and .xlsx, and refuses what is not a table with the reason', async () => {
    const gbk = await upload(iconv.encode('姓名,手机号\n王五,13700000001\n', 'gbk'));
    expect((await f.callerAs(f.a.ops).imports.preview({ id: gbk.id })).rows[0]!.cells).toEqual(['王五', '13700000001']);
    const refusal = (body: Buffer) => upload(body).then(() => null, (e: { code: string; text: { en: string }; details: { field: string } }) => [e.code, e.details.field, e.text.en]);
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]))).toEqual(['import.file', 'file', expect.stringContaining('.xls')]);
    expect(await refusal(Buffer.from(''))).toEqual(['import.file', 'file', expect.stringContaining('empty')]);
    expect(await refusal(Buffer.from('a,b\n"open\n'))).toEqual(['import.file', 'file', expect.stringContaining('Row 2')]);
    // Nothing of a refused upload is kept.
    expect(await f.db.selectFrom('import_jobs').select('id').where('workspace_id', '=', f.a.workspace.id).execute()).toHaveLength(1);
  });

  it('refuses a mapping that cannot work, naming the field, and is for managers only', async () => {
    const job = await upload('name,city\nx,y\n');
    const ops = f.callerAs(f.a.ops);
    expect((await ops.imports.preview({ id: job.id })).mappingProblems[0]!.en).toContain('identifies the customer');
    const failure = await failureOf(ops.imports.start({ id: job.id, phase: 'check', mapping: ['name', 'name'] }));
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toContain('both fill');
    expect(await codeOf(ops.imports.start({ id: job.id, phase: 'check', mapping: ['order_id', 'phone'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(f.callerAs(f.a.sales).imports.get({ id: job.id }))).toBe('FORBIDDEN');
    expect(await codeOf(f.callerAs(null).imports.list())).toBe('UNAUTHORIZED');
  });
});

describe('orders import', () => {
  it('stores orders as purchases in the workspace zone, once per order id, as history, and lists bad rows', async () => {
    const wang = await f.customer(f.a.sales, { name: '王女士', phone: '13800000001' });
    const csv = [
      '订单编号,手机号,会员号,实付金额,商品名称,类目,下单时间',
      'T-1,13800000001,,"1,299.00",面霜,护肤,2026-11-03 14:20',
      'T-2,13800000001,,¥89,洁面,护肤,',
      'T-3,,M-NEW,59元,面膜,,2026/11/4 9:05',
      'T-4,13800000001,,free,面霜,,',
      ',13800000001,,10,面霜,,',
      'T-5,13800000001,,10,面霜,,yesterday',
      'T-1,13800000001,,1299,面霜,护肤,2026-11-03 14:20',
    ].join('\r\n');
    const job = await upload(csv, 'orders', '订单.csv');
    const preview = await f.callerAs(f.a.ops).imports.preview({ id: job.id });
    expect(preview.mapping).toEqual(['order_id', 'phone', 'member_id', 'amount', 'product', 'category', 'ordered_at']);
    expect(await run(job.id, 'check', preview.mapping)).toMatchObject({ checked: { created: 3, updated: 0, rejected: 4 } });
    const done = await run(job.id, 'import', preview.mapping);
    expect(done).toMatchObject({ state: 'imported', created: 3, rejected: 4 });
    const refused = await f.callerAs(f.a.ops).imports.rejects({ id: job.id, phase: 'import' });
    expect(refused.rows.map((r) => [r.row, r.problems[0]!.field])).toEqual([
      [5, 'amount'],
      [6, 'order_id'],
      [7, 'ordered_at'],
      [8, 'order'],
    ]);
    const purchases = await f.db.selectFrom('events').selectAll().where('workspace_id', '=', f.a.workspace.id).where('kind', '=', 'purchase').orderBy('seq').execute();
    expect(purchases.map((e) => [JSON.parse(e.payload).orderId, JSON.parse(e.payload).amount])).toEqual([
      ['T-1', 1299],
      ['T-2', 89],
      ['T-3', 59],
    ]);
    // 14:20 in Shanghai is 06:20 UTC; past orders start no journey.
    expect(purchases[0]).toMatchObject({ occurred_at: '2026-11-03T06:20:00.000Z', customer_id: wang.id });
    expect(purchases.every((e) => e.dispatched_at !== null)).toBe(true);
    // A customer no id found was created by the order.
    expect(await repos(f.db).customers.findByExternalId(f.a.workspace.id, { member_id: 'M-NEW' })).toBeDefined();

    const again = await upload(csv, 'orders');
    expect(await run(again.id, 'import', preview.mapping)).toMatchObject({ created: 0, updated: 3, rejected: 4 });
  });
});
