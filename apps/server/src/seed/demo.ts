import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { DomainDeps } from '@sopline/domain';
import { addProperties, createCustomer, dispatchPending, enrolCustomer, hashPassword, ingestEvent, needsSetup, publishJourney } from '@sopline/domain';
import { retailLifecycleExample } from '@sopline/registry';
import type { SeededCustomer } from './history.ts';
import { seedCustomerHistory, seedJourneyHistory } from './history.ts';
import { CHANNEL_TAGS, chineseName, pick, PRODUCTS, random } from './names.ts';
import { winBackGraph } from './win-back.ts';

export const DEMO_PASSWORD = 'sopline-demo';
export const DEMO_USERS = [
  { email: 'admin@demo.sopline.dev', name: '系统管理员', role: 'admin' },
  { email: 'ops@demo.sopline.dev', name: '陈运营', role: 'ops' },
  { email: 'rep1@demo.sopline.dev', name: '李顾问', role: 'sales' },
  { email: 'rep2@demo.sopline.dev', name: '王顾问', role: 'sales' },
] as const;

const DAY = 86_400_000;
const STAGES = [
  ['unpaid', 0.45],
  ['paid', 0.3],
  ['repeat', 0.15],
  ['advocate', 0.1],
] as const;

function stageFor(x: number): string {
  let acc = 0;
  for (const [stage, share] of STAGES) {
    acc += share;
    if (x < acc) return stage;
  }
  return 'unpaid';
}

/** True when the database has no workspace yet: the demo is seeded only then (and setup is offered only then). */
export const isEmpty = (db: Db): Promise<boolean> => needsSetup(db);

/**
 * The demo workspace: four users, 200 customers with stages, tags and purchases, the retail
 * lifecycle journey published with 40 customers in flight, a win-back journey, and a few months of
 * history (stage changes, finished runs, the reps' tasks) for the dashboards. Deterministic for a given `now`.
 */
export async function seedDemo(deps: DomainDeps, options: { customers?: number; inFlight?: number; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const rnd = random(20261123);
  const r = repos(deps.db);
  const workspace = await r.workspaces.create({ name: '示例品牌 Demo Shop', timezone: 'Asia/Shanghai', quietStart: '21:00', quietEnd: '09:00', capPerDay: 3, capPerWeek: 10, isDemo: true });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = [];
  for (const u of DEMO_USERS) users.push(await r.users.create({ workspaceId: workspace.id, email: u.email, name: u.name, role: u.role, passwordHash }));
  const reps = users.filter((u) => u.role === 'sales');

  const total = options.customers ?? 200;
  const customerIds: string[] = [];
  // The demo's customers carry a city: declared with its labels, so imports and scripts find it as 城市 / City.
  await addProperties(deps.db, workspace.id, [{ key: 'city', type: 'text', label: { 'zh-CN': '城市', en: 'City' } }]);
  const seeded: SeededCustomer[] = [];
  for (let i = 0; i < total; i += 1) {
    const stage = stageFor(rnd());
    const tags: string[] = [pick(rnd, CHANNEL_TAGS)];
    if (stage === 'repeat' || stage === 'advocate') tags.push('复购');
    if (stage === 'advocate') tags.push('KOC');
    if (rnd() < 0.15) tags.push('VIP');
    const birthday = `19${70 + Math.floor(rnd() * 30)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    // Everyone joins unpaid; the stage history below moves them on to their stage.
    const customer = await createCustomer(deps, {
      workspaceId: workspace.id,
      name: chineseName(rnd),
      phone: `138${String(10_000_000 + i).padStart(8, '0')}`,
      ownerId: rnd() < 0.1 ? null : reps[i % reps.length]!.id,
      stage: 'unpaid',
      tags,
      properties: { birthday, city: pick(rnd, ['上海', '杭州', '北京', '深圳', '成都']) },
      source: tags[0],
      createdAt: new Date(now.getTime() - Math.floor(rnd() * 120) * DAY).toISOString(),
    });
    customerIds.push(customer.id);
    seeded.push({ id: customer.id, index: i, stage, ownerId: customer.owner_id, createdAt: Date.parse(customer.created_at) });
    const orders = stage === 'unpaid' ? 0 : stage === 'paid' ? 1 : 2 + Math.floor(rnd() * 4);
    for (let k = 0; k < orders; k += 1) {
      const item = pick(rnd, PRODUCTS);
      await ingestEvent(deps, {
        workspaceId: workspace.id,
        customer: { id: customer.id },
        kind: 'purchase',
        payload: { amount: item.price, product: item.product, category: item.category, orderId: `DEMO-${i}-${k}` },
        occurredAt: new Date(now.getTime() - Math.floor(rnd() * 90 + 1) * DAY).toISOString(),
        idempotencyKey: `demo-order-${i}-${k}`,
      });
    }
  }
  await seedCustomerHistory(deps, { workspaceId: workspace.id, customers: seeded, now });
  // History is history: no journey is live yet, so draining the events starts nothing.
  while ((await dispatchPending(deps)).dispatched > 0);

  const journey = await r.journeys.create({ workspaceId: workspace.id, name: '零售生命周期 Retail lifecycle', graph: retailLifecycleExample, userId: users[1]!.id });
  await publishJourney(deps, { workspaceId: workspace.id, journeyId: journey.id, notes: '初始版本 / first version', userId: users[1]!.id });
  const unpaid = await r.customers.ids(workspace.id, { stage: 'unpaid' });
  let enrolled = 0;
  for (const id of unpaid.slice(0, options.inFlight ?? 40)) {
    if ((await enrolCustomer(deps, { workspaceId: workspace.id, journeyId: journey.id, customerId: id })).enrolled) enrolled += 1;
  }
  const winBack = await r.journeys.create({ workspaceId: workspace.id, name: '沉睡客户召回 Dormant win-back', graph: winBackGraph, userId: users[1]!.id });
  const winBackVersion = await publishJourney(deps, { workspaceId: workspace.id, journeyId: winBack.id, notes: '初始版本 / first version', userId: users[1]!.id });
  const retailVersion = (await r.journeys.get(workspace.id, journey.id))!.live_version_id!;
  await seedJourneyHistory(deps, {
    workspaceId: workspace.id,
    customers: seeded,
    reps: reps.map((u) => u.id),
    retail: { journeyId: journey.id, versionId: retailVersion },
    winBack: { journeyId: winBack.id, versionId: winBackVersion.id },
    now,
  });
  return { workspace, users, customers: customerIds.length, journeyId: journey.id, enrolled };
}
