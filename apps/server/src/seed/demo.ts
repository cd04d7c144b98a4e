import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { DomainDeps } from '@sopline/domain';
import { addProperties, createCustomer, dispatchPending, enrolCustomer, hashPassword, ingestEvent, needsSetup, publishJourney } from '@sopline/domain';
import type { Lang } from '@sopline/graph';
import { findTemplate, instantiateTemplate } from '@sopline/registry';
import type { SeededCustomer } from './history.ts';
import { seedCustomerHistory, seedJourneyHistory } from './history.ts';
import { pick, random } from './names.ts';
import { winBackGraph } from './win-back.ts';
import { DEMO_WORDS } from './words.ts';

export const DEMO_PASSWORD = 'sopline-demo';

/** The demo's four logins, named in the language the demo is seeded in. */
export function demoUsers(lang: Lang = 'zh-CN') {
  const names = DEMO_WORDS[lang].users;
  return [
    { email: 'admin@demo.sopline.dev', name: names.admin, role: 'admin' },
    { email: 'ops@demo.sopline.dev', name: names.ops, role: 'ops' },
    { email: 'rep1@demo.sopline.dev', name: names.rep1, role: 'sales' },
    { email: 'rep2@demo.sopline.dev', name: names.rep2, role: 'sales' },
  ] as const;
}
export const DEMO_USERS = demoUsers('zh-CN');

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
 * The demo workspace, in one language (`lang`, Chinese by default): four users, 200 customers with stages, tags and purchases, the retail
 * lifecycle journey published with 40 customers in flight, a win-back journey, and a few months of
 * history (stage changes, finished runs, the reps' tasks) for the dashboards. Deterministic for a given `now`.
 */
export async function seedDemo(deps: DomainDeps, options: { customers?: number; inFlight?: number; now?: Date; lang?: Lang } = {}) {
  const now = options.now ?? new Date();
  const lang = options.lang ?? 'zh-CN';
  const words = DEMO_WORDS[lang];
  const rnd = random(20261123);
  const r = repos(deps.db);
  const workspace = await r.workspaces.create({ name: words.workspace, timezone: 'Asia/Shanghai', quietStart: '21:00', quietEnd: '09:00', capPerDay: 3, capPerWeek: 10, isDemo: true });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = [];
  for (const u of demoUsers(lang)) users.push(await r.users.create({ workspaceId: workspace.id, email: u.email, name: u.name, role: u.role, passwordHash }));
  const reps = users.filter((u) => u.role === 'sales');

  const total = options.customers ?? 200;
  const customerIds: string[] = [];
  // The demo's customers carry a birthday and a city: declared with their labels, so every screen names
  // them as 生日 / Birthday and 城市 / City, and imports, scripts and date waits find them.
  await addProperties(deps.db, workspace.id, [
    { key: 'birthday', type: 'date', label: { 'zh-CN': '生日', en: 'Birthday' } },
    { key: 'city', type: 'text', label: { 'zh-CN': '城市', en: 'City' } },
  ]);
  const seeded: SeededCustomer[] = [];
  for (let i = 0; i < total; i += 1) {
    const stage = stageFor(rnd());
    const tags: string[] = [pick(rnd, words.channels)];
    if (stage === 'repeat' || stage === 'advocate') tags.push(words.tags.repeat);
    if (stage === 'advocate') tags.push('KOC');
    if (rnd() < 0.15) tags.push('VIP');
    const birthday = `19${70 + Math.floor(rnd() * 30)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    // Everyone joins unpaid; the stage history below moves them on to their stage.
    const customer = await createCustomer(deps, {
      workspaceId: workspace.id,
      name: words.fullName(pick(rnd, words.surnames), pick(rnd, words.given)),
      phone: `138${String(10_000_000 + i).padStart(8, '0')}`,
      ownerId: rnd() < 0.1 ? null : reps[i % reps.length]!.id,
      stage: 'unpaid',
      tags,
      properties: { birthday, city: pick(rnd, words.cities) },
      source: tags[0],
      createdAt: new Date(now.getTime() - Math.floor(rnd() * 120) * DAY).toISOString(),
    });
    customerIds.push(customer.id);
    const entry: SeededCustomer = { id: customer.id, index: i, name: customer.name, stage, ownerId: customer.owner_id, createdAt: Date.parse(customer.created_at), lastProduct: null };
    seeded.push(entry);
    const orders = stage === 'unpaid' ? 0 : stage === 'paid' ? 1 : 2 + Math.floor(rnd() * 4);
    let lastAt = -Infinity;
    for (let k = 0; k < orders; k += 1) {
      const item = pick(rnd, words.products);
      const occurredAt = now.getTime() - Math.floor(rnd() * 90 + 1) * DAY;
      // What a script's {{lastPurchase.product}} names: the latest order's product.
      if (occurredAt > lastAt) [lastAt, entry.lastProduct] = [occurredAt, item.product];
      await ingestEvent(deps, {
        workspaceId: workspace.id,
        customer: { id: customer.id },
        kind: 'purchase',
        payload: { amount: item.price, product: item.product, category: item.category, orderId: String(2_600_000_000 + i * 10 + k) },
        occurredAt: new Date(occurredAt).toISOString(),
        idempotencyKey: `demo-order-${i}-${k}`,
      });
    }
  }
  await seedCustomerHistory(deps, { workspaceId: workspace.id, customers: seeded, now, tags: words.tags });
  // History is history: no journey is live yet, so draining the events starts nothing.
  while ((await dispatchPending(deps)).dispatched > 0);

  const retail = instantiateTemplate(findTemplate('retail-lifecycle')!, lang);
  if (!retail.ok) throw new Error('the retail lifecycle template has invalid defaults');
  const journey = await r.journeys.create({ workspaceId: workspace.id, name: words.journeys.retail, graph: retail.graph, userId: users[1]!.id });
  await publishJourney(deps, { workspaceId: workspace.id, journeyId: journey.id, notes: words.journeys.firstVersion, userId: users[1]!.id });
  const unpaid = await r.customers.ids(workspace.id, { stage: 'unpaid' });
  let enrolled = 0;
  for (const id of unpaid.slice(0, options.inFlight ?? 40)) {
    if ((await enrolCustomer(deps, { workspaceId: workspace.id, journeyId: journey.id, customerId: id })).enrolled) enrolled += 1;
  }
  const winBackJourney = winBackGraph(words);
  const winBack = await r.journeys.create({ workspaceId: workspace.id, name: words.journeys.winBack, graph: winBackJourney, userId: users[1]!.id });
  const winBackVersion = await publishJourney(deps, { workspaceId: workspace.id, journeyId: winBack.id, notes: words.journeys.firstVersion, userId: users[1]!.id });
  const retailVersion = (await r.journeys.get(workspace.id, journey.id))!.live_version_id!;
  await seedJourneyHistory(deps, {
    workspaceId: workspace.id,
    customers: seeded,
    reps: reps.map((u) => u.id),
    ownerNames: new Map(users.map((u) => [u.id, u.name])),
    retail: { journeyId: journey.id, versionId: retailVersion, graph: retail.graph },
    winBack: { journeyId: winBack.id, versionId: winBackVersion.id, graph: winBackJourney },
    now,
    words,
  });
  return { workspace, users, customers: customerIds.length, journeyId: journey.id, enrolled };
}
