import type { Customer } from '@sopline/db';
import { repos } from '@sopline/db';
import { DomainError, ingestEvent } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf } from '../testing.ts';

describe('customers router', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const eventsOf = async (customerId: string, kind?: string) => (await repos(f.db).events.ofCustomer(customerId, kind)).map((e) => ({ kind: e.kind, payload: e.payload }));
  const row = (c: Customer) => repos(f.db).customers.get(c.workspace_id, c.id);

  describe('search', () => {
    let alice: Customer;
    let bob: Customer;
    let carol: Customer;
    beforeEach(async () => {
      alice = await f.customer(f.a.sales, { name: 'Alice 王', phone: '13800001111', email: 'alice@shop.cn', stage: 'paid', tags: ['vip', 'new'] });
      bob = await f.customer(f.a.sales, { name: 'Bob 李', phone: '13900002222', member_id: 'M-100%', stage: 'unpaid', tags: ['new'] });
      carol = await f.customer(f.a.sales2, { name: 'Carol 陈', email: 'carol@shop.cn', tags: ['vip'] });
      await f.customer(f.b.sales, { name: 'Alice in B', phone: '13800001111', tags: ['vip'] });
    });
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((c) => c.id).sort();

    it("shows managers every customer of the workspace with owner names and tags, and a rep only their own", async () => {
      const all = await f.callerAs(f.a.ops).customers.search();
      expect(all.total).toBe(3);
      expect(ids(all)).toEqual([alice.id, bob.id, carol.id].sort());
      const a = all.items.find((c) => c.id === alice.id)!;
      expect(a).toMatchObject({ name: 'Alice 王', stage: 'paid', phone: '13800001111', tags: ['new', 'vip'], owner: { id: f.a.sales.id, name: f.a.sales.name } });
      expect(ids(await f.callerAs(f.a.sales).customers.search())).toEqual([alice.id, bob.id].sort());
      expect(ids(await f.callerAs(f.a.sales2).customers.search())).toEqual([carol.id]);
      // A rep asking for someone else's customers gets none, not theirs.
      expect((await f.callerAs(f.a.sales).customers.search({ ownerId: f.a.sales2.id })).total).toBe(0);
    });

    it('matches q against name, phone, e-mail and member id, literally', async () => {
      const search = (q: string) => f.callerAs(f.a.admin).customers.search({ q }).then(ids);
      expect(await search('alice')).toEqual([alice.id]);
      expect(await search('0000222')).toEqual([bob.id]);
      expect(await search('@shop.cn')).toEqual([alice.id, carol.id].sort());
      expect(await search('m-100%')).toEqual([bob.id]);
      expect(await search('%')).toEqual([bob.id]);
      expect(await search('_')).toEqual([]);
    });

    it('filters by tags (any or all), stage and owner', async () => {
      const admin = f.callerAs(f.a.admin).customers;
      expect(ids(await admin.search({ tags: ['vip'] }))).toEqual([alice.id, carol.id].sort());
      expect(ids(await admin.search({ tags: ['vip', 'new'] }))).toEqual([alice.id, bob.id, carol.id].sort());
      expect(ids(await admin.search({ tags: ['vip', 'new'], tagMode: 'all' }))).toEqual([alice.id]);
      expect(ids(await admin.search({ stage: 'unpaid' }))).toEqual([bob.id]);
      expect(ids(await admin.search({ stage: null }))).toEqual([carol.id]);
      expect(ids(await admin.search({ ownerId: f.a.sales2.id }))).toEqual([carol.id]);
      const orphan = await f.customer({ workspace: f.a.workspace }, { name: 'Nobody' });
      expect(ids(await admin.search({ ownerId: null }))).toEqual([orphan.id]);
    });

    it('sorts and pages, reporting the total', async () => {
      const admin = f.callerAs(f.a.admin).customers;
      const byName = await admin.search({ sort: 'name' });
      expect(byName.items.map((c) => c.name)).toEqual(['Alice 王', 'Bob 李', 'Carol 陈']);
      expect((await admin.search({ sort: 'name', dir: 'desc' })).items.map((c) => c.name)).toEqual(['Carol 陈', 'Bob 李', 'Alice 王']);
      const page2 = await admin.search({ sort: 'name', limit: 2, offset: 2 });
      expect(page2).toMatchObject({ total: 3, items: [{ name: 'Carol 陈' }] });
    });

    it('refuses oversized pages and queries, and strangers', async () => {
      expect(await codeOf(f.callerAs(f.a.admin).customers.search({ limit: 201 }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.admin).customers.search({ q: 'x'.repeat(101) }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.admin).customers.search({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(null).customers.search())).toBe('UNAUTHORIZED');
    });
  });

  describe('get', () => {
    it('returns profile, owner, tags, enrollments with the current node, and a merged timeline, newest first', async () => {
      const customer = await f.customer(f.a.sales, { name: '王女士', stage: 'paid', properties: { city: '杭州' }, tags: ['vip'] });
      await ingestEvent(f.deps, { workspaceId: f.a.workspace.id, customer: { id: customer.id }, kind: 'purchase', payload: { amount: 199, product: '面霜' }, occurredAt: '2020-01-05T02:00:00.000Z' });
      const { journeyId } = await f.liveJourney(f.a, undefined, '新客欢迎');
      const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, customer.id);

      const profile = await f.callerAs(f.a.sales).customers.get({ customerId: customer.id });
      expect(profile.customer).toMatchObject({ id: customer.id, name: '王女士', stage: 'paid', properties: { city: '杭州' }, ownerId: f.a.sales.id });
      expect(profile.customer).not.toHaveProperty('workspace_id');
      expect(profile.owner).toMatchObject({ id: f.a.sales.id, name: f.a.sales.name, active: true });
      expect(profile.tags).toEqual(['vip']);
      expect(profile.enrollments).toEqual([
        expect.objectContaining({ id: enrollmentId, journey: { id: journeyId, name: '新客欢迎' }, version: 1, status: 'waiting', currentNode: expect.objectContaining({ id: 'pause', type: 'wait', label: '等一天' }) }),
      ]);
      expect(profile.enrollments[0]!.currentNode!.title).toMatchObject({ en: expect.any(String) });

      const types = new Set(profile.timeline.map((i) => i.type));
      expect(types).toEqual(new Set(['event', 'step', 'task']));
      const task = profile.timeline.find((i) => i.type === 'task');
      // The script as the rep got it (the template is '{{customer.name}}您好'), on the task and on the step that made it.
      expect(task).toMatchObject({ title: '问候', script: '王女士您好', status: 'open', owner: { id: f.a.sales.id } });
      expect(profile.timeline.find((i) => i.type === 'step' && i.nodeId === 'hello')).toMatchObject({ script: '王女士您好' });
      expect(profile.timeline.find((i) => i.type === 'step' && i.nodeId === 'pause')).toMatchObject({ script: null });
      const steps = profile.timeline.filter((i) => i.type === 'step');
      expect(steps.map((s) => s.type === 'step' && s.nodeId)).toEqual(expect.arrayContaining(['start', 'hello', 'pause']));
      const times = profile.timeline.map((i) => i.at);
      expect(times).toEqual([...times].sort().reverse());
      // The 2020 purchase is the oldest item.
      expect(profile.timeline.at(-1)).toMatchObject({ type: 'event', kind: 'purchase', payload: { amount: 199 } });

      const short = await f.callerAs(f.a.ops).customers.get({ customerId: customer.id, timelineLimit: 2 });
      expect(short.timeline).toEqual(profile.timeline.slice(0, 2));
    });

    it('describes steps by node and port, names the hand behind changes and the journey of tasks, and lists removals', async () => {
      const customer = await f.customer(f.a.sales, { name: '赵先生' });
      const { journeyId } = await f.liveJourney(f.a, undefined, '新客欢迎');
      const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, customer.id, new Date(Date.now() - 60_000));
      await f.callerAs(f.a.sales).tags.add({ customerId: customer.id, tags: ['vip'] });
      await f.callerAs(f.a.sales).customers.update({ customerId: customer.id, stage: 'paid' });
      await f.callerAs(f.a.ops).enrollments.cancel({ enrollmentId });

      const profile = await f.callerAs(f.a.sales).customers.get({ customerId: customer.id });
      const [enrollment] = profile.enrollments;
      expect(enrollment).toMatchObject({ status: 'cancelled', currentNode: { id: 'pause', label: '等一天', category: 'wait', summary: { 'zh-CN': '等待 1 天', en: 'Wait 1 day' } } });

      const step = (nodeId: string) => profile.timeline.find((i) => i.type === 'step' && i.nodeId === nodeId);
      expect(step('start')).toMatchObject({ outcome: 'out', port: { en: 'Next' }, node: { category: 'trigger', label: null, title: { en: expect.any(String) } } });
      expect(step('pause')).toMatchObject({ outcome: 'wait', port: null, node: { label: '等一天', category: 'wait' } });
      expect(profile.timeline.find((i) => i.type === 'task')).toMatchObject({ title: '问候', journey: { id: journeyId, name: '新客欢迎' } });

      const who = { id: f.a.sales.id, name: f.a.sales.name };
      expect(profile.timeline.find((i) => i.type === 'event' && i.kind === 'tag.added')).toMatchObject({ payload: { tag: 'vip' }, by: who });
      expect(profile.timeline.find((i) => i.type === 'event' && i.kind === 'stage.changed')).toMatchObject({ payload: { to: 'paid' }, by: who });
      expect(profile.timeline.find((i) => i.type === 'event' && i.kind === 'customer.created')).toMatchObject({ by: null });

      // Cancelling records no step; the removal is its own item, and the newest one.
      const removal = profile.timeline.find((i) => i.type === 'cancelled');
      expect(removal).toMatchObject({ enrollmentId, journey: { id: journeyId, name: '新客欢迎' } });
      expect(removal!.at).toBe(profile.timeline[0]!.at);
      expect(profile.timeline.filter((i) => i.type === 'step').every((i) => i.at <= removal!.at)).toBe(true);
    });

    it("hides another rep's customer as not found", async () => {
      const theirs = await f.customer(f.a.sales2);
      expect(await codeOf(f.callerAs(f.a.sales).customers.get({ customerId: theirs.id }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.sales).customers.get({ customerId: 'missing' }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.ops).customers.get({ customerId: theirs.id, timelineLimit: 500 }))).toBe('BAD_REQUEST');
    });
  });

  describe('stages', () => {
    it("counts the stages in use, most customers first, and a rep's count covers only their own customers", async () => {
      await f.customer(f.a.sales, { stage: 'paid' });
      await f.customer(f.a.sales, { stage: 'first-visit' });
      await f.customer(f.a.sales2, { stage: 'paid' });
      await f.customer(f.a.sales2, { stage: 'paid' });
      await f.customer(f.a.sales2);
      await f.customer(f.b.sales, { stage: 'unpaid' });
      expect(await f.callerAs(f.a.ops).customers.stages()).toEqual([
        { stage: 'paid', customers: 3 },
        { stage: 'first-visit', customers: 1 },
      ]);
      expect(await f.callerAs(f.a.sales).customers.stages()).toEqual([
        { stage: 'first-visit', customers: 1 },
        { stage: 'paid', customers: 1 },
      ]);
      expect(await codeOf(f.callerAs(null).customers.stages())).toBe('UNAUTHORIZED');
    });
  });

  describe('create', () => {
    it("makes a rep's new customer their own, recording customer.created and tag.added", async () => {
      const created = await f.callerAs(f.a.sales).customers.create({ name: '新客户', phone: ' 13700003333 ', stage: 'unpaid', timezone: 'Asia/Shanghai', tags: ['门店'] });
      expect(created).toMatchObject({ name: '新客户', phone: '13700003333', ownerId: f.a.sales.id, stage: 'unpaid', timezone: 'Asia/Shanghai' });
      expect((await eventsOf(created.id)).map((e) => e.kind)).toEqual(['customer.created', 'tag.added']);
      expect(await repos(f.db).tags.ofCustomer(created.id)).toEqual(['门店']);
    });

    it('lets a manager name an active owner of the workspace, and nobody else', async () => {
      const created = await f.callerAs(f.a.ops).customers.create({ name: 'x', ownerId: f.a.sales2.id });
      expect(created.ownerId).toBe(f.a.sales2.id);
      expect(await codeOf(f.callerAs(f.a.ops).customers.create({ name: 'x', ownerId: f.b.sales.id }))).toBe('BAD_REQUEST');
      await f.callerAs(f.a.admin).users.deactivate({ userId: f.a.sales2.id });
      expect(await codeOf(f.callerAs(f.a.ops).customers.create({ name: 'y', ownerId: f.a.sales2.id }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.sales).customers.create({ name: 'z', ownerId: f.a.sales2.id }))).toBe('FORBIDDEN');
      expect((await f.callerAs(f.a.admin).customers.search()).total).toBe(1);
    });

    it('names the field of a duplicate external id (409)', async () => {
      await f.customer(f.a.sales, { phone: '13800001111', email: 'a@x.cn' });
      const error = await failureOf(f.callerAs(f.a.sales2).customers.create({ name: 'dup', email: 'a@x.cn' }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toContain('email');
      expect((error.cause as DomainError).details).toEqual({ field: 'email' });
      // Another workspace may hold the same phone.
      expect(await codeOf(f.callerAs(f.b.sales).customers.create({ name: 'ok', phone: '13800001111' }))).toBe('OK');
    });

    it('refuses bad input', async () => {
      const create = (input: Record<string, unknown>) => codeOf(f.callerAs(f.a.ops).customers.create({ name: 'x', ...input } as { name: string }));
      expect(await create({ name: '' })).toBe('BAD_REQUEST');
      expect(await create({ timezone: 'Mars/Olympus' })).toBe('BAD_REQUEST');
      expect(await create({ stage: 'Paid Customer' })).toBe('BAD_REQUEST');
      expect(await create({ phone: 'x'.repeat(201) })).toBe('BAD_REQUEST');
      expect(await create({ properties: { big: 'x'.repeat(17_000) } })).toBe('BAD_REQUEST');
      expect(await create({ workspace_id: f.b.workspace.id })).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(null).customers.create({ name: 'x' }))).toBe('UNAUTHORIZED');
    });
  });

  describe('update', () => {
    it('changes fields and records a new stage as stage.changed', async () => {
      const customer = await f.customer(f.a.sales, { stage: 'unpaid', email: 'old@x.cn', properties: { a: 1 } });
      const updated = await f.callerAs(f.a.sales).customers.update({ customerId: customer.id, name: '改名', stage: 'paid', timezone: 'Europe/Berlin', email: null, member_id: 'M1', properties: { b: 'two' } });
      expect(updated).toMatchObject({ name: '改名', stage: 'paid', timezone: 'Europe/Berlin', email: null, memberId: 'M1', properties: { b: 'two' } });
      expect(await eventsOf(customer.id, 'stage.changed')).toEqual([{ kind: 'stage.changed', payload: expect.objectContaining({ from: 'unpaid', to: 'paid', source: 'user' }) }]);
      // The same stage again is no change.
      await f.callerAs(f.a.sales).customers.update({ customerId: customer.id, stage: 'paid' });
      expect(await eventsOf(customer.id, 'stage.changed')).toHaveLength(1);
    });

    it('refuses an external id another customer has, naming the field, and changes nothing', async () => {
      await f.customer(f.a.sales2, { member_id: 'M-7' });
      const mine = await f.customer(f.a.sales, { name: 'mine' });
      const error = await failureOf(f.callerAs(f.a.sales).customers.update({ customerId: mine.id, name: 'renamed', member_id: 'M-7' }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toContain('member_id');
      expect(await row(mine)).toMatchObject({ name: 'mine', member_id: null });
    });

    it("hides another rep's customer and leaves it unchanged", async () => {
      const theirs = await f.customer(f.a.sales2, { name: 'theirs' });
      expect(await codeOf(f.callerAs(f.a.sales).customers.update({ customerId: theirs.id, name: 'hijacked' }))).toBe('NOT_FOUND');
      expect((await row(theirs))?.name).toBe('theirs');
      expect(await codeOf(f.callerAs(f.a.ops).customers.update({ customerId: theirs.id, timezone: 'Nowhere/City' }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.ops).customers.update({ customerId: theirs.id, ownerId: f.a.sales.id } as { customerId: string }))).toBe('BAD_REQUEST');
    });
  });

  describe('assignOwner', () => {
    it('moves customers and their open tasks to the new owner', async () => {
      const c1 = await f.customer(f.a.sales);
      const c2 = await f.customer(f.a.sales);
      const open = await f.task(c1);
      const closed = await f.task(c1, { title: 'old' });
      await f.callerAs(f.a.sales).tasks.complete({ taskId: closed.id, outcome: 'replied' });
      const result = await f.callerAs(f.a.ops).customers.assignOwner({ customerIds: [c1.id, c2.id], ownerId: f.a.sales2.id });
      expect(result).toEqual({ customers: 2, tasksMoved: 1 });
      expect((await row(c1))?.owner_id).toBe(f.a.sales2.id);
      expect((await row(c2))?.owner_id).toBe(f.a.sales2.id);
      expect((await repos(f.db).tasks.get(f.a.workspace.id, open.id))?.owner_id).toBe(f.a.sales2.id);
      expect((await repos(f.db).tasks.get(f.a.workspace.id, closed.id))?.owner_id).toBe(f.a.sales.id);
      // The old owner no longer sees them.
      expect(await codeOf(f.callerAs(f.a.sales).customers.get({ customerId: c1.id }))).toBe('NOT_FOUND');
    });

    it('can unassign, and can leave tasks where they are', async () => {
      const c = await f.customer(f.a.sales);
      const task = await f.task(c);
      expect(await f.callerAs(f.a.admin).customers.assignOwner({ customerIds: [c.id], ownerId: null, moveOpenTasks: false })).toEqual({ customers: 1, tasksMoved: 0 });
      expect((await row(c))?.owner_id).toBeNull();
      expect((await repos(f.db).tasks.get(f.a.workspace.id, task.id))?.owner_id).toBe(f.a.sales.id);
    });

    it('is all or nothing, for active users of the workspace, by managers only', async () => {
      const c = await f.customer(f.a.sales);
      expect(await codeOf(f.callerAs(f.a.ops).customers.assignOwner({ customerIds: [c.id, 'missing'], ownerId: f.a.sales2.id }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.ops).customers.assignOwner({ customerIds: [c.id], ownerId: f.b.sales.id }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.sales).customers.assignOwner({ customerIds: [c.id], ownerId: f.a.sales2.id }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.ops).customers.assignOwner({ customerIds: [], ownerId: f.a.sales2.id }))).toBe('BAD_REQUEST');
      expect((await row(c))?.owner_id).toBe(f.a.sales.id);
    });
  });

  it('reports domain errors in both languages', async () => {
    await f.customer(f.a.sales, { phone: '1' });
    const error = await failureOf(f.callerAs(f.a.sales).customers.create({ name: 'x', phone: '1' }));
    expect(error.cause).toBeInstanceOf(DomainError);
    expect((error.cause as DomainError).text['zh-CN']).toContain('手机号');
  });
});
