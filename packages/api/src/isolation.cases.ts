/**
 * The rows of the workspace-isolation test (isolation.test.ts): what workspace A holds, and for every
 * procedure of the app router what a user of B tries with A's ids and what must come of it.
 */
import type { Customer, TaskRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { configureWeCom, createApiKey, createInvitation, ingestEvent, uploadImport } from '@sopline/domain';
import type { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { Recorder } from './routers/reminders.testing.ts';
import { seedReminders } from './routers/reminders.testing.ts';
import type { ApiFixture, Caller } from './testing.ts';
import { PASSWORD } from './testing.ts';

/** What workspace A holds (and a few rows of B's own, so B's queries have something to find). */
export type Seed = {
  customer: Customer;
  unowned: Customer;
  task: TaskRow;
  doneTask: TaskRow;
  tagId: string;
  journeyId: string;
  versionId: string;
  enrollmentId: string;
  apiKeyId: string;
  bCustomer: Customer;
  bTask: TaskRow;
  /** A's bulk enrolment job; B's own live journey and its version. */
  bulkJobId: string;
  bJourneyId: string;
  bVersionId: string;
  /** An open invitation of A's (its token is A's secret: B tries the id). */
  invitationId: string;
  /** A's uploaded (not yet imported) customers file. */
  importId: string;
  /** A's channel code (stored directly: no WeCom in these tests). */
  channelCodeId: string;
  /** A's WeCom group send of A's task, waiting for the rep (stored directly). */
  groupSendId: string;
};

export type Case = {
  /** The procedure path, e.g. 'customers.get'. */
  procedure: string;
  /** What the row tries, in a few words. */
  tries: string;
  /** Who in workspace B calls: the admin (widest rights) unless said otherwise. */
  as?: 'admin' | 'ops' | 'sales';
  call: (b: Caller, a: Seed, f: ApiFixture) => Promise<unknown>;
  /** The error code expected, or 'OK' for a call that succeeds (its result is checked for leaks). */
  expect: TRPCError['code'] | 'OK';
  /** Values of A's the caller itself sent that may come back (e.g. a phone B also uses), exempt from the leak check. */
  echoes?: (a: Seed, f: ApiFixture) => string[];
  /** Further checks of a successful result. */
  check?: (result: unknown, a: Seed, f: ApiFixture) => void;
  /**
   * Where the answer differs when the caller is also a member of A (the second run of the table): what
   * to expect then, what of A's may come back, and which of A's tables the call may rightly change.
   */
  member?: Partial<Pick<Case, 'expect' | 'echoes' | 'check'>> & { mayChange?: string[] };
};

/** Procedures whose rows their authors still owe; a procedure leaves this list when its first row is added. */
export const PENDING = new Set<string>([]);

const A_PHONE = '13800009999';
const A_EMAIL = 'a-secret@customer.cn';
const A_TAG = 'a-secret-tag';
const A_CORP = 'wwAAAASECRETCORP';
const listed = (result: unknown) => (result as { items: unknown[] }).items;
/** The recording channel of the reminders rows (set up in seedA). */
let reminders: Recorder;

export const CASES: Case[] = [
  // auth
  { procedure: 'auth.me', tries: "sees only B's user and workspace", call: (b) => b.auth.me(), expect: 'OK' },
  {
    procedure: 'auth.updateProfile',
    tries: "sets only B's own clock",
    call: (b) => b.auth.updateProfile({ timezone: 'Europe/Berlin' }),
    expect: 'OK',
    check: (result) => expect(result).toEqual({ timezone: 'Europe/Berlin', timeZone: 'Europe/Berlin' }),
  },
  { procedure: 'auth.logout', tries: "ends only B's own session", call: (b) => b.auth.logout(), expect: 'OK' },
  {
    procedure: 'auth.login',
    tries: "signs in to B with B's account, touching nothing of A",
    call: (b, _a, f) => b.auth.login({ email: f.b.sales.email, password: PASSWORD }),
    expect: 'OK',
    check: (result, _a, f) => expect(result).toMatchObject({ id: f.b.sales.id }),
  },

  {
    procedure: 'auth.signInHints',
    tries: 'says only whether a demo exists, naming no workspace',
    call: (b) => b.auth.signInHints(),
    expect: 'OK',
    check: (result) => expect(result).toEqual({ demo: false, demoLogins: [] }),
  },

  // setup: the install has workspaces, so there is nothing to set up and nothing can be created
  { procedure: 'setup.status', tries: 'learns only that the install is set up', call: (b) => b.setup.status(), expect: 'OK', check: (result) => expect(result).toEqual({ needsSetup: false }) },
  {
    procedure: 'setup.create',
    tries: "sets the install up again, taking A's name",
    call: (b) => b.setup.create({ workspaceName: 'Workspace A', timezone: 'UTC', adminName: 'Intruder', adminEmail: 'intruder@example.com', adminPassword: 'intruder-password-1' }),
    expect: 'CONFLICT',
  },

  // invitations
  { procedure: 'invitations.list', tries: "lists none of A's invitations", call: (b) => b.invitations.list(), expect: 'OK', check: (result) => expect(result).toEqual([]) },
  {
    procedure: 'invitations.create',
    tries: "invites A's invitee to B, not A",
    call: (b) => b.invitations.create({ email: 'a-invitee@a.test', role: 'sales' }),
    expect: 'OK',
    echoes: () => ['a-invitee@a.test'],
  },
  { procedure: 'invitations.revoke', tries: "revokes A's invitation", call: (b, a) => b.invitations.revoke({ invitationId: a.invitationId }), expect: 'NOT_FOUND' },
  {
    procedure: 'invitations.lookup',
    tries: "looks A's invitation up by its id",
    call: (b, a) => b.invitations.lookup({ token: a.invitationId }),
    expect: 'OK',
    check: (result) => expect(result).toEqual({ status: 'unknown' }),
  },
  { procedure: 'invitations.accept', tries: "accepts A's invitation by its id", call: (b, a) => b.invitations.accept({ token: a.invitationId, name: 'Intruder', password: 'intruder-password-1' }), expect: 'NOT_FOUND' },

  // stages
  {
    procedure: 'stages.list',
    tries: "reads B's own stages, none of A's",
    call: (b) => b.stages.list(),
    expect: 'OK',
    check: (result) => expect((result as Array<{ code: string }>).map((s) => s.code)).toEqual(['unpaid', 'paid', 'repeat', 'advocate']),
  },
  {
    procedure: 'stages.save',
    tries: "renames stages in B, leaving A's list as it was",
    call: (b) => b.stages.save({ stages: [{ code: 'unpaid', label: { 'zh-CN': '潜在客户', en: 'Prospect' } }, { code: 'paid', label: { 'zh-CN': '已成交', en: 'Won' } }] }),
    expect: 'OK',
  },

  {
    procedure: 'workspace.onboarding',
    tries: "counts none of A's reps, customers, orders, journeys or tasks",
    call: (b) => b.workspace.onboarding(),
    expect: 'OK',
    // B has its own reps, customers, a live journey and tasks, but no purchase: that step stays open.
    check: (result) => expect((result as { steps: Array<{ step: string; done: boolean }> }).steps.find((s) => s.step === 'importOrders')?.done).toBe(false),
  },
  { procedure: 'workspace.removeDemo', tries: "empties A's demo by A's name, from B (not a demo)", call: (b) => b.workspace.removeDemo({ confirmName: 'Shop A' }), expect: 'BAD_REQUEST' },

  // workspaces: the switcher
  {
    procedure: 'workspaces.list',
    tries: 'lists only the workspaces the caller belongs to',
    call: (b) => b.workspaces.list(),
    expect: 'OK',
    check: (result) => expect((result as Array<{ name: string }>).map((m) => m.name)).toEqual(['Shop B']),
    member: {
      echoes: (a, f) => [f.a.workspace.id, f.a.workspace.name],
      check: (result) => expect((result as Array<{ name: string; current: boolean }>).map((m) => [m.name, m.current])).toEqual([['Shop A', false], ['Shop B', true]]),
    },
  },
  {
    procedure: 'workspaces.switch',
    tries: 'switches into A',
    call: (b, _a, f) => b.workspaces.switch({ workspaceId: f.a.workspace.id }),
    expect: 'NOT_FOUND',
    // A member of A may switch there: that opens a session in A, and nothing else of A changes.
    member: { expect: 'OK', echoes: (_a, f) => [f.a.workspace.id, f.a.workspace.name], mayChange: ['sessions'] },
  },
  {
    procedure: 'workspaces.create',
    tries: "creates a workspace named like A's, beside A",
    call: (b) => b.workspaces.create({ name: 'Shop A', timezone: 'Asia/Shanghai' }),
    expect: 'OK',
    echoes: () => ['Shop A'],
  },

  // apiKeys
  { procedure: 'apiKeys.list', tries: "lists none of A's keys", call: (b) => b.apiKeys.list(), expect: 'OK' },
  { procedure: 'apiKeys.create', tries: 'creates a key in B only', call: (b) => b.apiKeys.create({ name: 'B key' }), expect: 'OK' },
  { procedure: 'apiKeys.revoke', tries: "revokes A's key", call: (b, a) => b.apiKeys.revoke({ id: a.apiKeyId }), expect: 'NOT_FOUND' },

  // users
  {
    procedure: 'users.list',
    tries: "lists none of A's users, even searching for them",
    call: (b) => b.users.list({ q: 'a.test' }),
    expect: 'OK',
    check: (result) => expect(listed(result)).toEqual([]),
  },
  {
    procedure: 'users.create',
    tries: "creates a user with an A user's e-mail in B, not A",
    call: (b, _a, f) => b.users.create({ email: f.a.ops.email, name: 'B 的新人', role: 'sales', password: 'long enough pw' }),
    expect: 'OK',
    echoes: (_a, f) => [f.a.ops.email],
  },
  { procedure: 'users.setRole', tries: "promotes A's sales rep", call: (b, _a, f) => b.users.setRole({ userId: f.a.sales.id, role: 'admin' }), expect: 'NOT_FOUND' },
  { procedure: 'users.deactivate', tries: "deactivates A's admin", call: (b, _a, f) => b.users.deactivate({ userId: f.a.admin.id }), expect: 'NOT_FOUND' },
  { procedure: 'users.reactivate', tries: "reactivates A's user", call: (b, _a, f) => b.users.reactivate({ userId: f.a.sales2.id }), expect: 'NOT_FOUND' },
  {
    procedure: 'users.resetPassword',
    tries: "resets A's admin password",
    call: (b, _a, f) => b.users.resetPassword({ userId: f.a.admin.id, password: 'taken over!!' }),
    expect: 'NOT_FOUND',
  },

  // customers
  {
    procedure: 'customers.search',
    tries: "finds only B's customers",
    call: (b) => b.customers.search(),
    expect: 'OK',
    check: (result, a) => expect(listed(result)).toEqual([expect.objectContaining({ id: a.bCustomer.id })]),
  },
  {
    procedure: 'customers.search',
    tries: "finds nothing by A's phone, tag or owner",
    call: async (b, _a, f) => [
      await b.customers.search({ q: A_PHONE }),
      await b.customers.search({ tags: [A_TAG] }),
      await b.customers.search({ ownerId: f.a.sales.id }),
      await b.customers.search({ ownerId: null }),
    ],
    expect: 'OK',
    check: (result) => expect((result as Array<{ total: number }>).map((r) => r.total)).toEqual([0, 0, 0, 0]),
  },
  {
    procedure: 'customers.stages',
    tries: "counts none of A's stages",
    call: (b) => b.customers.stages(),
    expect: 'OK',
    check: (result) => expect(result).toEqual([]),
  },
  { procedure: 'customers.get', tries: "reads A's customer", call: (b, a) => b.customers.get({ customerId: a.customer.id }), expect: 'NOT_FOUND' },
  { procedure: 'customers.get', tries: "reads A's customer as a rep", as: 'sales', call: (b, a) => b.customers.get({ customerId: a.customer.id }), expect: 'NOT_FOUND' },
  {
    procedure: 'customers.create',
    tries: "creates a customer with A's phone in B, not A",
    call: (b) => b.customers.create({ name: 'B 的客户', phone: A_PHONE, email: A_EMAIL }),
    expect: 'OK',
    echoes: () => [A_PHONE, A_EMAIL],
  },
  {
    procedure: 'customers.create',
    tries: "gives a new customer to A's rep",
    call: (b, _a, f) => b.customers.create({ name: 'x', ownerId: f.a.sales.id }),
    expect: 'BAD_REQUEST',
  },
  { procedure: 'customers.update', tries: "renames A's customer", call: (b, a) => b.customers.update({ customerId: a.customer.id, name: 'pwned' }), expect: 'NOT_FOUND' },
  {
    procedure: 'customers.update',
    tries: "changes A's customer as a rep",
    as: 'sales',
    call: (b, a) => b.customers.update({ customerId: a.customer.id, stage: 'paid' }),
    expect: 'NOT_FOUND',
  },
  {
    procedure: 'customers.assignOwner',
    tries: "takes A's customers",
    call: (b, a, f) => b.customers.assignOwner({ customerIds: [a.customer.id, a.unowned.id], ownerId: f.b.sales.id }),
    expect: 'NOT_FOUND',
  },
  {
    procedure: 'customers.assignOwner',
    tries: "gives B's customer to A's rep",
    call: (b, a, f) => b.customers.assignOwner({ customerIds: [a.bCustomer.id], ownerId: f.a.sales.id }),
    expect: 'BAD_REQUEST',
  },
  { procedure: 'customers.bulkTag', tries: "tags A's customers", call: (b, a) => b.customers.bulkTag({ customerIds: [a.customer.id, a.unowned.id], tags: ['b-tag'] }), expect: 'NOT_FOUND' },
  { procedure: 'customers.bulkTag', tries: "tags A's customer as a rep", as: 'sales', call: (b, a) => b.customers.bulkTag({ customerIds: [a.customer.id], tags: ['b-tag'] }), expect: 'NOT_FOUND' },
  {
    procedure: 'customers.bulkTag',
    tries: "tags by A's tag: matches only B's customers",
    call: (b) => b.customers.bulkTag({ filter: { tags: [A_TAG] }, tags: ['b-tag'] }),
    expect: 'OK',
    check: (result) => expect(result).toEqual({ customers: 0, changed: 0 }),
  },
  { procedure: 'customers.bulkUntag', tries: "untags A's customers", call: (b, a) => b.customers.bulkUntag({ customerIds: [a.customer.id], tags: [A_TAG] }), expect: 'NOT_FOUND' },
  {
    procedure: 'customers.bulkAssignOwner',
    tries: "takes A's customers",
    call: (b, a, f) => b.customers.bulkAssignOwner({ customerIds: [a.customer.id, a.unowned.id], ownerId: f.b.sales.id }),
    expect: 'NOT_FOUND',
  },
  {
    procedure: 'customers.bulkAssignOwner',
    tries: "gives B's customer to A's rep",
    call: (b, a, f) => b.customers.bulkAssignOwner({ customerIds: [a.bCustomer.id], ownerId: f.a.sales.id }),
    expect: 'BAD_REQUEST',
  },
  { procedure: 'customers.bulkEnrol', tries: "enrols A's customers", call: (b, a) => b.customers.bulkEnrol({ customerIds: [a.customer.id], journeyId: a.bJourneyId }), expect: 'NOT_FOUND' },
  { procedure: 'customers.bulkEnrol', tries: "enrols B's customer into A's journey", call: (b, a) => b.customers.bulkEnrol({ customerIds: [a.bCustomer.id], journeyId: a.journeyId }), expect: 'NOT_FOUND' },
  // properties
  {
    procedure: 'properties.list',
    tries: "lists only B's properties",
    call: (b) => b.properties.list(),
    expect: 'OK',
    check: (result) => expect((result as Array<{ key: string }>).map((p) => p.key)).not.toContain('secret'),
  },
  {
    procedure: 'properties.save',
    tries: "saves B's list; A's is untouched",
    call: (b) => b.properties.save({ properties: [{ key: 'birthday', type: 'date', label: { 'zh-CN': '生日', en: 'Birthday' } }, { key: '城市', type: 'text', label: { 'zh-CN': '城市', en: 'City' } }] }),
    expect: 'OK',
  },
  { procedure: 'properties.save', tries: "changes B's list as a rep", as: 'sales', call: (b) => b.properties.save({ properties: [] }), expect: 'FORBIDDEN' },

  // WeCom
  {
    procedure: 'wecom.status',
    tries: "reads A's WeCom connection",
    call: (b) => b.wecom.status(),
    expect: 'OK',
    check: (result) => expect(result).toMatchObject({ configured: false, corpId: null, callbackUrl: null }),
    member: { check: (result) => expect(result).toMatchObject({ configured: false, corpId: null }) },
  },
  { procedure: 'wecom.connected', tries: "reads whether B (not A, which is connected) has WeCom", as: 'ops', call: (b) => b.wecom.connected(), expect: 'OK', check: (result) => expect(result).toEqual({ connected: false }) },
  { procedure: 'wecom.connected', tries: 'asks as a rep', as: 'sales', call: (b) => b.wecom.connected(), expect: 'FORBIDDEN' },
  { procedure: 'wecom.status', tries: "reads B's WeCom connection as ops", as: 'ops', call: (b) => b.wecom.status(), expect: 'FORBIDDEN' },
  {
    procedure: 'wecom.configure',
    tries: "connects B to A's corp; A's settings and callback URL stay A's",
    call: (b) => b.wecom.configure({ corpId: A_CORP, contactSecret: 'b-contact-secret-0123456789', token: 'BTOKEN', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }),
    expect: 'OK',
    echoes: () => [A_CORP],
  },
  { procedure: 'wecom.configure', tries: 'configures as a rep', as: 'sales', call: (b) => b.wecom.configure({ corpId: A_CORP }), expect: 'FORBIDDEN' },
  { procedure: 'wecom.test', tries: "tests B's connection (WeCom unreachable), never A's", call: (b) => b.wecom.test(), expect: 'OK', check: (result) => expect(result).toMatchObject({ ok: false }) },
  { procedure: 'wecom.importStart', tries: "imports B's WeCom contacts (none reachable), never A's", call: (b) => b.wecom.importStart(), expect: 'OK', check: (result) => expect(result).toMatchObject({ state: 'running', contacts: 0 }) },
  { procedure: 'wecom.importStart', tries: 'imports as ops', as: 'ops', call: (b) => b.wecom.importStart(), expect: 'FORBIDDEN' },
  { procedure: 'wecom.importStatus', tries: "reads the import runs of B only", call: (b) => b.wecom.importStatus(), expect: 'OK', member: { expect: 'OK' } },
  {
    procedure: 'wecom.unmapped',
    tries: "lists the unmapped WeCom members of B only",
    as: 'ops',
    call: (b) => b.wecom.unmapped(),
    expect: 'OK',
    check: (result) => expect(result).toEqual([]),
  },
  { procedure: 'channelCodes.list', tries: "lists A's channel codes", as: 'ops', call: (b) => b.channelCodes.list({ archived: true }), expect: 'OK', check: (result) => expect(result).toEqual([]) },
  {
    procedure: 'channelCodes.create',
    tries: "makes a code in B for A's rep",
    call: (b, _a, f) => b.channelCodes.create({ name: 'B 的活码', source: '门店', userIds: [f.a.sales.id] }),
    expect: 'BAD_REQUEST',
  },
  { procedure: 'channelCodes.create', tries: 'makes a code as a rep', as: 'sales', call: (b, _a, f) => b.channelCodes.create({ name: 'x', source: 'x', userIds: [f.b.sales.id] }), expect: 'FORBIDDEN' },
  {
    procedure: 'channelCodes.update',
    tries: "changes A's code",
    call: (b, a, f) => b.channelCodes.update({ id: a.channelCodeId, name: 'x', source: 'x', userIds: [f.b.sales.id] }),
    expect: 'NOT_FOUND',
    member: { expect: 'NOT_FOUND' },
  },
  { procedure: 'channelCodes.archive', tries: "retires A's code", call: (b, a) => b.channelCodes.archive({ id: a.channelCodeId }), expect: 'NOT_FOUND' },
  { procedure: 'wecom.signInOptions', tries: 'lists the workspaces one may sign in to with WeCom (A has no WeCom app)', call: (b) => b.wecom.signInOptions(), expect: 'OK', check: (result) => expect(result).toEqual({ workspaces: [] }) },
  { procedure: 'wecom.agentConfig', tries: "signs B's sidebar page (B has no WeCom app), never with A's ticket", call: (b) => b.wecom.agentConfig({ url: 'https://b.example.com/sidebar' }), expect: 'PRECONDITION_FAILED' },
  {
    procedure: 'wecom.sidebar',
    tries: "reads A's WeCom contact from B's sidebar",
    as: 'sales',
    call: (b) => b.wecom.sidebar({ externalUserId: 'wmA-SECRET-CONTACT' }),
    expect: 'OK',
    check: (result) => expect(result).toEqual({ found: false }),
  },
  { procedure: 'groupSends.candidates', tries: "finds B's groups only (B's admin has no WeCom account)", call: (b) => b.groupSends.candidates(), expect: 'OK', check: (result) => expect(result).toEqual({ linked: false, groups: [] }) },
  { procedure: 'groupSends.list', tries: "lists B's sends, not A's", as: 'sales', call: (b) => b.groupSends.list(), expect: 'OK', check: (result) => expect(result).toEqual([]) },
  { procedure: 'groupSends.list', tries: "lists A's rep's sends by id", call: (b, _a, f) => b.groupSends.list({ ownerId: f.a.sales.id }), expect: 'OK', check: (result) => expect(result).toEqual([]) },
  { procedure: 'groupSends.preview', tries: "plans a send of A's task", call: (b, a) => b.groupSends.preview({ taskIds: [a.task.id] }), expect: 'NOT_FOUND', member: { expect: 'NOT_FOUND' } },
  { procedure: 'groupSends.start', tries: "sends A's task through WeCom", call: (b, a) => b.groupSends.start({ taskIds: [a.task.id] }), expect: 'NOT_FOUND', member: { expect: 'NOT_FOUND' } },
  { procedure: 'groupSends.refresh', tries: "reads A's send from WeCom", call: (b, a) => b.groupSends.refresh({ id: a.groupSendId }), expect: 'NOT_FOUND' },
  { procedure: 'groupSends.remind', tries: "reminds A's rep of A's send", call: (b, a) => b.groupSends.remind({ id: a.groupSendId }), expect: 'NOT_FOUND' },
  { procedure: 'groupSends.cancel', tries: "cancels A's send", call: (b, a) => b.groupSends.cancel({ id: a.groupSendId }), expect: 'NOT_FOUND' },
  { procedure: 'users.setWecomUserId', tries: "maps A's rep to a WeCom account", call: (b, _a, f) => b.users.setWecomUserId({ userId: f.a.sales.id, wecomUserId: 'x' }), expect: 'NOT_FOUND' },
  {
    procedure: 'users.setWecomUserId',
    tries: "maps B's rep to the account A's rep has",
    call: (b, _a, f) => b.users.setWecomUserId({ userId: f.b.sales.id, wecomUserId: 'a-sales-wecom' }),
    expect: 'OK',
    echoes: () => ['a-sales-wecom'],
  },

  // imports
  { procedure: 'imports.list', tries: "lists none of A's imports", call: (b) => b.imports.list(), expect: 'OK', check: (result) => expect(result).toEqual([]) },
  { procedure: 'imports.get', tries: "reads A's import", call: (b, a) => b.imports.get({ id: a.importId }), expect: 'NOT_FOUND' },
  { procedure: 'imports.preview', tries: "previews A's file", call: (b, a) => b.imports.preview({ id: a.importId }), expect: 'NOT_FOUND' },
  { procedure: 'imports.start', tries: "imports A's file into B", call: (b, a) => b.imports.start({ id: a.importId, phase: 'import', mapping: ['name', 'phone'] }), expect: 'NOT_FOUND' },
  { procedure: 'imports.start', tries: 'imports as a rep', as: 'sales', call: (b, a) => b.imports.start({ id: a.importId, phase: 'check', mapping: ['name', 'phone'] }), expect: 'FORBIDDEN' },
  { procedure: 'imports.rejects', tries: "reads the rows A's import refused", call: (b, a) => b.imports.rejects({ id: a.importId, phase: 'check' }), expect: 'NOT_FOUND' },
  // tags
  {
    procedure: 'tags.list',
    tries: "lists none of A's tags",
    call: (b) => b.tags.list({ q: 'secret' }),
    expect: 'OK',
    check: (result) => expect(listed(result)).toEqual([]),
  },
  { procedure: 'tags.add', tries: "tags A's customer", call: (b, a) => b.tags.add({ customerId: a.customer.id, tags: ['b-tag'] }), expect: 'NOT_FOUND' },
  { procedure: 'tags.add', tries: "tags A's customer as a rep", as: 'sales', call: (b, a) => b.tags.add({ customerId: a.customer.id, tags: [A_TAG] }), expect: 'NOT_FOUND' },
  { procedure: 'tags.remove', tries: "untags A's customer", call: (b, a) => b.tags.remove({ customerId: a.customer.id, tags: [A_TAG] }), expect: 'NOT_FOUND' },
  { procedure: 'tags.rename', tries: "renames A's tag", call: (b, a) => b.tags.rename({ tagId: a.tagId, name: 'renamed', force: true }), expect: 'NOT_FOUND' },
  { procedure: 'tags.delete', tries: "deletes A's tag", call: (b, a) => b.tags.delete({ tagId: a.tagId, force: true }), expect: 'NOT_FOUND' },

  // tasks
  {
    procedure: 'tasks.mine',
    tries: "sees none of A's tasks in any view",
    as: 'sales',
    call: async (b) => Promise.all((['today', 'overdue', 'upcoming', 'done'] as const).map((view) => b.tasks.mine({ view }))),
    expect: 'OK',
    check: (result, a) => expect((result as Array<{ items: Array<{ id: string }> }>).flatMap((p) => p.items.map((t) => t.id))).toEqual([a.bTask.id]),
  },
  {
    procedure: 'tasks.team',
    tries: "sees none of A's tasks, for everyone, for A's rep or unassigned",
    call: async (b, _a, f) => [
      ...(await Promise.all((['today', 'overdue', 'upcoming', 'done'] as const).map((view) => b.tasks.team({ view })))),
      await b.tasks.team({ ownerId: f.a.sales.id }),
      await b.tasks.team({ ownerId: null }),
    ],
    expect: 'OK',
    check: (result, a) => expect((result as Array<{ items: Array<{ id: string }> }>).flatMap((p) => p.items.map((t) => t.id))).toEqual([a.bTask.id]),
  },
  { procedure: 'tasks.complete', tries: "completes A's task", call: (b, a) => b.tasks.complete({ taskId: a.task.id, outcome: 'bought' }), expect: 'NOT_FOUND' },
  { procedure: 'tasks.complete', tries: "completes A's task as a rep", as: 'sales', call: (b, a) => b.tasks.complete({ taskId: a.task.id, outcome: 'replied' }), expect: 'NOT_FOUND' },
  { procedure: 'tasks.skip', tries: "skips A's task", call: (b, a) => b.tasks.skip({ taskId: a.task.id, outcome: 'other' }), expect: 'NOT_FOUND' },
  {
    procedure: 'tasks.snooze',
    tries: "snoozes A's task",
    call: (b, a) => b.tasks.snooze({ taskId: a.task.id, until: new Date(Date.now() + 86_400_000).toISOString() }),
    expect: 'NOT_FOUND',
  },
  { procedure: 'tasks.reassign', tries: "takes A's task", call: (b, a, f) => b.tasks.reassign({ taskId: a.task.id, ownerId: f.b.sales.id }), expect: 'NOT_FOUND' },
  { procedure: 'tasks.reassign', tries: "gives B's task to A's rep", call: (b, a, f) => b.tasks.reassign({ taskId: a.bTask.id, ownerId: f.a.sales.id }), expect: 'BAD_REQUEST' },
  {
    procedure: 'tasks.counts',
    tries: "counts none of A's tasks",
    as: 'sales',
    call: (b) => b.tasks.counts(),
    expect: 'OK',
    check: (result) => expect(result).toEqual({ today: 1, overdue: 0 }),
  },

  // journeys
  {
    procedure: 'journeys.list',
    tries: "lists none of A's journeys, even searching for them with archived ones",
    call: async (b) => [...(await b.journeys.list({ includeArchived: true })), ...(await b.journeys.list({ search: 'A 的', includeArchived: true }))],
    expect: 'OK',
    check: (result, a) => expect((result as Array<{ id: string }>).map((j) => j.id)).toEqual([a.bJourneyId]),
  },
  { procedure: 'journeys.get', tries: "reads A's journey", call: (b, a) => b.journeys.get({ id: a.journeyId }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.create', tries: 'creates a journey in B only', call: (b) => b.journeys.create({ name: 'B 的新旅程' }), expect: 'OK' },
  { procedure: 'journeys.rename', tries: "renames A's journey", call: (b, a) => b.journeys.rename({ id: a.journeyId, name: 'pwned' }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.duplicate', tries: "copies A's journey into B", call: (b, a) => b.journeys.duplicate({ id: a.journeyId, name: 'stolen' }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.archive', tries: "archives A's journey", call: (b, a) => b.journeys.archive({ id: a.journeyId }), expect: 'NOT_FOUND' },
  {
    procedure: 'journeys.saveDraft',
    tries: "overwrites A's draft",
    call: (b, a) => b.journeys.saveDraft({ id: a.journeyId, graph: { nodes: [], edges: [] }, baseRevision: 1 }),
    expect: 'NOT_FOUND',
  },
  { procedure: 'journeys.validate', tries: "validates A's draft", call: (b, a) => b.journeys.validate({ id: a.journeyId }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.simulate', tries: "simulates A's draft", call: (b, a) => b.journeys.simulate({ id: a.journeyId, customer: { hypothetical: { name: 'x' } } }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.simulate', tries: "simulates B's journey for A's customer", call: (b, a) => b.journeys.simulate({ id: a.bJourneyId, customer: { id: a.customer.id } }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.publish', tries: "publishes A's draft", call: (b, a) => b.journeys.publish({ id: a.journeyId, notes: 'pwned' }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.versions', tries: "lists A's versions", call: (b, a) => b.journeys.versions({ id: a.journeyId }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.version', tries: "reads A's version", call: (b, a) => b.journeys.version({ id: a.journeyId, versionId: a.versionId }), expect: 'NOT_FOUND' },
  {
    procedure: 'journeys.version',
    tries: "reads A's version through B's journey",
    call: (b, a) => b.journeys.version({ id: a.bJourneyId, versionId: a.versionId }),
    expect: 'NOT_FOUND',
  },
  { procedure: 'journeys.pause', tries: "pauses A's journey", call: (b, a) => b.journeys.pause({ id: a.journeyId }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.resume', tries: "resumes A's journey", call: (b, a) => b.journeys.resume({ id: a.journeyId }), expect: 'NOT_FOUND' },
  { procedure: 'journeys.migrate', tries: "migrates A's customers", call: (b, a) => b.journeys.migrate({ id: a.journeyId, dryRun: false }), expect: 'NOT_FOUND' },
  {
    procedure: 'journeys.migrate',
    tries: "moves A's version's customers onto B's journey",
    call: (b, a) => b.journeys.migrate({ id: a.bJourneyId, fromVersionIds: [a.versionId], dryRun: false }),
    expect: 'NOT_FOUND',
  },
  {
    procedure: 'journeys.migrate',
    tries: "moves B's customers onto A's version",
    call: (b, a) => b.journeys.migrate({ id: a.bJourneyId, toVersionId: a.versionId, fromVersionIds: [a.bVersionId], dryRun: false }),
    expect: 'NOT_FOUND',
  },

  // enrollments
  { procedure: 'enrollments.enrol', tries: "enrols A's customer in A's journey", call: (b, a) => b.enrollments.enrol({ journeyId: a.journeyId, customerId: a.unowned.id }), expect: 'NOT_FOUND' },
  { procedure: 'enrollments.enrol', tries: "enrols A's customer in B's journey", call: (b, a) => b.enrollments.enrol({ journeyId: a.bJourneyId, customerId: a.unowned.id }), expect: 'NOT_FOUND' },
  { procedure: 'enrollments.enrolBulk', tries: "bulk-enrols into A's journey", call: (b, a) => b.enrollments.enrolBulk({ journeyId: a.journeyId }), expect: 'NOT_FOUND' },
  {
    procedure: 'enrollments.enrolBulk',
    tries: "picks A's customers by A's tag or A's rep",
    call: async (b, a, f) => [
      await b.enrollments.enrolBulk({ journeyId: a.bJourneyId, filter: { tagsAny: [A_TAG] } }),
      await b.enrollments.enrolBulk({ journeyId: a.bJourneyId, filter: { ownerId: f.a.sales.id } }),
    ],
    expect: 'OK',
    check: (result) => expect((result as Array<{ total: number }>).map((r) => r.total)).toEqual([0, 0]),
  },
  { procedure: 'enrollments.bulkJob', tries: "reads A's bulk job", call: (b, a) => b.enrollments.bulkJob({ jobId: a.bulkJobId }), expect: 'NOT_FOUND' },
  { procedure: 'enrollments.list', tries: "lists A's journey's customers", call: (b, a) => b.enrollments.list({ journeyId: a.journeyId }), expect: 'NOT_FOUND' },
  { procedure: 'enrollments.cancel', tries: "cancels A's enrollment", call: (b, a) => b.enrollments.cancel({ enrollmentId: a.enrollmentId }), expect: 'NOT_FOUND' },
  { procedure: 'enrollments.retry', tries: "retries (skips) A's enrollment", call: (b, a) => b.enrollments.retry({ enrollmentIds: [a.enrollmentId], skip: true }), expect: 'NOT_FOUND' },

  // node types: installed per process, the same for every workspace; nothing of A's in them
  {
    procedure: 'nodeTypes.list',
    tries: 'lists the installed node types (a rep too)',
    as: 'sales',
    call: (b) => b.nodeTypes.list(),
    expect: 'OK',
    // The built-in trigger's description says "tagged dormant", as A's seed tag is named: product text, not A's.
    echoes: () => ['dormant'],
    check: (result) => expect((result as Array<{ type: string }>).map((t) => t.type)).toContain('send-script'),
  },

  // analytics
  { procedure: 'analytics.nodeCounts', tries: "counts A's journey", call: (b, a) => b.analytics.nodeCounts({ journeyId: a.journeyId }), expect: 'NOT_FOUND' },
  {
    procedure: 'analytics.nodeCounts',
    tries: "counts A's version through B's journey",
    call: (b, a) => b.analytics.nodeCounts({ journeyId: a.bJourneyId, versionId: a.versionId }),
    expect: 'NOT_FOUND',
  },
  {
    procedure: 'analytics.stageFunnel',
    tries: "counts none of A's stages or stage changes",
    call: (b) => b.analytics.stageFunnel({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }),
    expect: 'OK',
    check: (result) => {
      const funnel = result as { current: Array<{ stage: string | null }>; transitions: unknown[] };
      expect(funnel.transitions).toEqual([]);
      expect(funnel.current.map((s) => s.stage)).not.toContain('paid');
    },
  },
  {
    procedure: 'analytics.taskCompletion',
    tries: "counts none of A's tasks or reps",
    call: (b) => b.analytics.taskCompletion({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }),
    expect: 'OK',
    check: (result, _a, f) => {
      const rows = result as Array<{ rep: { id: string } | null; due: number }>;
      expect(rows.reduce((n, r) => n + r.due, 0)).toBe(1);
      const reps = rows.map((r) => r.rep?.id ?? null);
      expect(reps).toEqual(expect.arrayContaining([f.b.sales.id, f.b.sales2.id]));
      // No row for A's unowned task (rep null) or any of A's users.
      expect(reps.filter((id) => id === null || [f.a.admin, f.a.ops, f.a.sales, f.a.sales2].some((u) => u.id === id))).toEqual([]);
    },
  },
  {
    procedure: 'analytics.journeyConversion',
    tries: "lists none of A's journeys or enrollments",
    call: (b) => b.analytics.journeyConversion({ from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }),
    expect: 'OK',
    check: (result, a) => expect((result as Array<{ journeyId: string; enrolled: number }>).map((r) => [r.journeyId, r.enrolled])).toEqual([[a.bJourneyId, 0]]),
  },
  {
    procedure: 'analytics.overdueByRep',
    tries: "counts none of A's overdue tasks or reps",
    call: (b) => b.analytics.overdueByRep(),
    expect: 'OK',
    check: (result, _a, f) => {
      const rows = result as Array<{ rep: { id: string } | null; overdue: number }>;
      // B's only task fell due today: today's work, not overdue.
      expect(rows.map((r) => [r.rep?.id ?? null, r.overdue])).toEqual(expect.arrayContaining([[f.b.sales.id, 0], [f.b.sales2.id, 0]]));
      expect(rows.reduce((n, r) => n + r.overdue, 0)).toBe(0);
      expect(rows.filter((r) => r.rep === null || [f.a.admin, f.a.ops, f.a.sales, f.a.sales2].some((u) => u.id === r.rep?.id))).toEqual([]);
    },
  },
  {
    procedure: 'analytics.segments',
    tries: "counts none of A's dormant or churned customers",
    call: (b) => b.analytics.segments(),
    expect: 'OK',
    // The segment tag names are the product's own, listed for every workspace.
    echoes: () => ['dormant', 'churned'],
    check: (result) => expect(result).toMatchObject({ dormant: 0, churned: 0, winBack: 0 }),
  },
  // reminders
  {
    procedure: 'reminders.getSettings',
    tries: "reads B's (empty) channel, not A's",
    call: (b) => b.reminders.getSettings(),
    expect: 'OK',
    check: (result) => {
      expect(result).toMatchObject({ channel: null, target: null, secretsSet: [] });
      expect(JSON.stringify(result)).not.toMatch(/A-KEY|a-secret/);
    },
  },
  {
    procedure: 'reminders.updateSettings',
    tries: "sets B's channel, leaving A's as it was",
    call: (b) => b.reminders.updateSettings({ channel: 'record', config: { url: 'https://b.example.com/hook' } }),
    expect: 'OK',
    check: (result) => expect(JSON.stringify(result)).not.toMatch(/A-KEY|a-secret|A 的群/),
  },
  {
    procedure: 'reminders.mySettings',
    tries: "reads the B rep's own digest settings",
    as: 'sales',
    call: (b) => b.reminders.mySettings(),
    expect: 'OK',
    check: (result) => expect(result).toMatchObject({ time: '09:00', mention: null }),
  },
  {
    procedure: 'reminders.updateMySettings',
    tries: "changes only the B rep's own digest",
    as: 'sales',
    call: (b) => b.reminders.updateMySettings({ enabled: false, time: '10:00' }),
    expect: 'OK',
  },
  {
    procedure: 'reminders.sendTest',
    tries: "tests through B's settings; A's stored secret is not used",
    call: (b) => b.reminders.sendTest({ channel: 'record', config: { url: 'https://b-test.example.com/hook' } }),
    expect: 'OK',
    check: (result) => {
      expect(result).toMatchObject({ delivered: true });
      expect(reminders.sent.at(-1)?.config.url).toBe('https://b-test.example.com/hook');
    },
  },
  {
    procedure: 'reminders.deliveries',
    tries: "lists none of A's deliveries",
    call: (b) => b.reminders.deliveries(),
    expect: 'OK',
    check: (result, _a, f) => expect(listed(result).every((d) => (d as { user: { id: string } | null }).user?.id !== f.a.ops.id)).toBe(true),
  },
  { procedure: 'reminders.remindRep', tries: "reminds A's rep", call: (b, _a, f) => b.reminders.remindRep({ userId: f.a.sales.id }), expect: 'NOT_FOUND' },

  // workspace (last: B's quiet hours and caps change, which no row above should see)
  {
    procedure: 'workspace.get',
    tries: "reads B's workspace, not A's",
    as: 'ops',
    call: (b) => b.workspace.get(),
    expect: 'OK',
    check: (result, _a, f) => expect(result).toMatchObject({ id: f.b.workspace.id, timezone: 'Europe/Berlin' }),
  },
  {
    procedure: 'workspace.update',
    tries: "sets B's quiet hours and caps, leaving A's as they were",
    call: (b) => b.workspace.update({ quietStart: '20:00', quietEnd: '08:00', capPerDay: 2, capPerWeek: 6 }),
    expect: 'OK',
    check: (result, _a, f) => expect(result).toMatchObject({ id: f.b.workspace.id, quietStart: '20:00', capPerDay: 2 }),
  },
  { procedure: 'workspace.update', tries: "changes B's zone as an ops manager", as: 'ops', call: (b) => b.workspace.update({ timezone: 'UTC' }), expect: 'FORBIDDEN' },
];

export async function seedA(f: ApiFixture): Promise<Seed> {
  const customer = await f.customer(f.a.sales, { name: 'A 的秘密客户', phone: A_PHONE, email: A_EMAIL, member_id: 'A-MEMBER-1', tags: [A_TAG], properties: { secret: 'a-property' } });
  await ingestEvent(f.deps, { workspaceId: f.a.workspace.id, customer: { id: customer.id }, kind: 'purchase', payload: { amount: 888, product: 'A 的商品' } });
  const unowned = await f.customer({ workspace: f.a.workspace }, { name: 'A 的无主客户', phone: '13800008888' });
  await f.customer(f.a.sales2, { name: 'A 的沉睡客户', tags: ['dormant', '流失'] });
  const { journeyId, versionId } = await f.liveJourney(f.a, undefined, 'A 的旅程');
  const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, customer.id);
  const task = (await repos(f.db).tasks.ofCustomer(customer.id))[0]!;
  const doneTask = await f.task(customer, { title: 'A 的已完成任务', script: 'A 的话术' });
  await repos(f.db).tasks.close(doneTask.id, { status: 'done', outcome: 'bought', note: 'A 的备注' });
  await f.task(unowned, { title: 'A 的无主任务' });
  const tagId = (await repos(f.db).tags.byName(f.a.workspace.id, A_TAG))!.id;
  const { apiKey } = await createApiKey({ db: f.db }, { workspaceId: f.a.workspace.id, name: 'A 的密钥', createdBy: f.a.admin.id });
  await f.session(f.a.admin);
  await f.session(f.a.sales);
  const bCustomer = await f.customer(f.b.sales, { name: 'B 的客户' });
  const bTask = await f.task(bCustomer, { title: 'B 的任务' });
  const bulkJobId = (await repos(f.db).bulkJobs.create({ workspaceId: f.a.workspace.id, journeyId, kind: 'enrol', params: {}, total: 0, createdBy: f.a.ops.id })).id;
  await ingestEvent(f.deps, { workspaceId: f.a.workspace.id, customer: { id: unowned.id }, kind: 'stage.changed', payload: { from: null, to: 'paid' } });
  const { journeyId: bJourneyId, versionId: bVersionId } = await f.liveJourney(f.b, undefined, 'B 的旅程');
  reminders = await seedReminders(f);
  const invitation = await createInvitation({ db: f.db }, { workspaceId: f.a.workspace.id, userId: f.a.admin.id, role: 'admin' }, { email: 'a-invitee@a.test', role: 'ops' });
  const upload = await uploadImport(f.deps, { workspaceId: f.a.workspace.id, userId: f.a.ops.id, role: 'ops' }, { kind: 'customers', fileName: 'A 的名单.csv', body: [Buffer.from('name,phone\nA 的导入客户,13800007777\n')] });
  await configureWeCom(f.deps, { workspaceId: f.a.workspace.id, userId: f.a.admin.id, role: 'admin' }, { corpId: A_CORP, contactSecret: 'a-contact-secret-0123456789', token: 'ATOKEN', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' });
  await repos(f.db).users.setWecomUserId(f.a.workspace.id, f.a.sales.id, 'a-sales-wecom');
  // A's unowned customer is a WeCom contact of the account B's rep is mapped to below, and of a member nobody in A is linked to.
  for (const wecomUserId of ['a-sales-wecom', 'a-unmapped-member']) {
    await repos(f.db).wecom.follow({ workspaceId: f.a.workspace.id, externalUserId: 'wmA-SECRET-CONTACT', wecomUserId, customerId: unowned.id, state: null, remark: 'A 的备注', addedAt: new Date().toISOString() });
  }
  const code = await repos(f.db).channelCodes.create({
    workspace_id: f.a.workspace.id,
    name: 'A 的活码',
    source: 'A 的来源',
    state: 'sopASECRETSTATE',
    user_ids: JSON.stringify([f.a.sales.id]),
    tags: JSON.stringify([A_TAG]),
    welcome_script: 'A 的欢迎语',
    conversion_stage: 'paid',
    config_id: 'a-config',
    qr_code: 'https://wework.qpic.cn/a-secret.png',
    created_by: f.a.admin.id,
  });
  const groupSend = await repos(f.db).groupSends.create(
    { workspace_id: f.a.workspace.id, owner_id: f.a.sales.id, sender: 'a-sales-wecom', content: 'A 的群发话术', created_by: f.a.sales.id },
    [{ task_id: task.id, customer_id: customer.id, external_userid: 'wmA-SECRET-CONTACT', asked_on: '2026-12-07' }],
  );
  await repos(f.db).groupSends.update(groupSend.id, { state: 'waiting', msgid: 'msgA-SECRET', next_poll_at: '2999-01-01T00:00:00.000Z' });
  return {
    groupSendId: groupSend.id,
    channelCodeId: code.id,
    importId: upload.id,
    customer,
    unowned,
    task,
    doneTask,
    tagId,
    journeyId,
    versionId,
    enrollmentId,
    apiKeyId: apiKey.id,
    bCustomer,
    bTask,
    bulkJobId,
    bJourneyId,
    bVersionId,
    invitationId: invitation.invitation.id,
  };
}
