import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Connection, Db, User, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { DomainDeps, JourneyRunner, Viewer } from '@sopline/domain';
import { configureWeCom, createSecretBox } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { createApp } from '@sopline/server';
import { WeComSimulator } from './wecom-simulator.ts';

const runner: JourneyRunner = { start: async () => {}, signalEvent: async () => {}, signalGoal: async () => {}, cancel: async () => {}, retry: async () => {} };
export const SESSION_SECRET = 'w'.repeat(48);

export type WeComWorld = {
  sim: WeComSimulator;
  db: Db;
  deps: DomainDeps & { sessionSecret: string };
  workspace: Workspace;
  admin: User;
  reps: { li: User; wang: User };
  viewer: Viewer;
  /** The app's base URL and the workspace's callback URL (also set on the simulator). */
  base: string;
  callbackUrl: string;
  logLines: string[];
  close(): Promise<void>;
};

/**
 * The real Express app over a real database with one workspace connected to a local WeCom
 * simulator: two reps mapped to WeCom members (li.na, wang.lei), the callback URL registered with the
 * simulator. Journeys do not run here (a runner that records nothing); callbacks are processed when
 * a test calls processDueCallbacks, so each test decides when the work after the answer happens.
 */
export async function startWeComWorld(options: { configure?: boolean } = {}): Promise<WeComWorld> {
  const sim = new WeComSimulator();
  const simBase = await sim.start();
  const database: Connection = await openTestDatabase({ prefix: 'wecom' });
  const db = database.db;
  const r = repos(db);
  const workspace = await r.workspaces.create({ name: '企微测试店', timezone: 'Asia/Shanghai' });
  const admin = await r.users.create({ workspaceId: workspace.id, email: 'admin@wecom.test', name: '管理员', role: 'admin' });
  const li = await r.users.create({ workspaceId: workspace.id, email: 'li@wecom.test', name: '李娜', role: 'sales' });
  const wang = await r.users.create({ workspaceId: workspace.id, email: 'wang@wecom.test', name: '王磊', role: 'sales' });
  await r.users.setWecomUserId(workspace.id, li.id, 'li.na');
  await r.users.setWecomUserId(workspace.id, wang.id, 'wang.lei');
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const deps: WeComWorld['deps'] = {
    db,
    registry: defaultRegistry,
    runner,
    sessionSecret: SESSION_SECRET,
    wecom: { apiBase: simBase, oauthBase: simBase, secrets: createSecretBox(SESSION_SECRET), retry: { attempts: 4, baseMs: 20, maxMs: 80 }, timeoutMs: 2000, log: logger },
  };
  const app = createApp({ deps, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const viewer: Viewer = { workspaceId: workspace.id, userId: admin.id, role: 'admin' };
  let callbackUrl = '';
  if (options.configure !== false) {
    const saved = await configureWeCom(deps, viewer, { corpId: sim.corpId, contactSecret: sim.contactSecret, agentId: sim.agentId, agentSecret: sim.agentSecret, token: sim.token, encodingAesKey: sim.encodingAesKey }, base);
    callbackUrl = saved.callbackUrl ?? '';
    sim.callbackUrl = callbackUrl;
  }
  return {
    sim,
    db,
    deps,
    workspace,
    admin,
    reps: { li, wang },
    viewer,
    base,
    callbackUrl,
    logLines,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sim.stop();
      await database.close();
    },
  };
}
