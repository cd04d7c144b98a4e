/**
 * Router-test helpers for reminders: a channel that records what it is asked to send (and fails on
 * request), wired into the fixture's deps. The real webhook channel is tested over HTTP in its own
 * package and in tests/integration/digest.test.ts.
 */
import type { AnyChannelDefinition, ChannelMessage, DeliveryResult, DigestScheduler, DigestTarget, ReminderServices } from '@sopline/domain';
import { createChannelRegistry, sendTestMessage, updateChannelSettings, updateDigestSettings } from '@sopline/domain';
import { z } from 'zod';

export type Sent = { message: ChannelMessage; config: RecordConfig };
const RecordConfig = z.object({
  /** Stands in for a webhook URL with its key: a secret the API must never return. */
  url: z.string().startsWith('https://', 'must start with https://'),
  /** A harmless, non-secret field. */
  label: z.string().max(50).default(''),
});
type RecordConfig = z.output<typeof RecordConfig>;

/** `script`: how the next attempts end, consumed one per attempt (then 'ok'); `changed`: what the scheduler was told. */
export type Recorder = { sent: Sent[]; script: Array<'ok' | 'transient' | 'permanent'>; changed: DigestTarget[]; services: ReminderServices };

export function recordingReminders(publicUrl: string | null = 'https://sopline.example.com'): Recorder {
  const recorder: Recorder = { sent: [], script: [], changed: [], services: null as unknown as ReminderServices };
  const channel: AnyChannelDefinition = {
    id: 'record',
    name: { 'zh-CN': '记录', en: 'Recorder' },
    description: { 'zh-CN': '测试用：记录每条消息', en: 'For tests: records each message' },
    configSchema: RecordConfig,
    secretFields: ['url'],
    send: async (message, config): Promise<DeliveryResult> => {
      const next = recorder.script.shift() ?? 'ok';
      recorder.sent.push({ message, config: config as RecordConfig });
      if (next === 'transient') return { ok: false, permanent: false, error: 'HTTP 503' };
      if (next === 'permanent') return { ok: false, permanent: true, error: 'HTTP 400' };
      return { ok: true, status: 200 };
    },
    target: (config) => `${new URL((config as RecordConfig).url).host}/…`,
  };
  const scheduler: DigestScheduler = {
    ensure: async () => {},
    changed: async (target) => void recorder.changed.push(target),
  };
  recorder.services = { channels: createChannelRegistry([channel]), scheduler, publicUrl };
  return recorder;
}

/**
 * For the isolation test: gives the fixture a recording channel, and gives workspace A a channel
 * with a secret URL, a rep's digest settings and a delivery in the log.
 */
export async function seedReminders(f: { deps: { reminders?: ReminderServices }; a: { workspace: { id: string }; ops: { id: string }; sales: { id: string } } } & { db: Parameters<typeof updateChannelSettings>[0]['db'] }): Promise<Recorder> {
  const recorder = recordingReminders();
  f.deps.reminders = recorder.services;
  const deps = { db: f.db, reminders: recorder.services };
  const ops = { workspaceId: f.a.workspace.id, userId: f.a.ops.id, role: 'ops' as const };
  await updateChannelSettings(deps, ops, { channel: 'record', config: { url: 'https://a-secret.example.com/hook?key=A-KEY', label: 'A 的群' } });
  await updateDigestSettings(deps, { workspaceId: f.a.workspace.id, userId: f.a.sales.id, role: 'sales' }, { enabled: true, time: '07:45', mention: '13800007777' });
  await sendTestMessage(deps, ops);
  return recorder;
}
