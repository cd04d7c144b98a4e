import { fileURLToPath } from 'node:url';
import { defineChannel } from '@sopline/channel-sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createChannelRegistry, loadChannelRegistry } from './channels.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const builtin = defineChannel({
  id: 'webhook',
  name: { 'zh-CN': '网络钩子', en: 'Webhook' },
  description: { 'zh-CN': '内置', en: 'Built in' },
  configSchema: z.object({ url: z.string() }),
  send: async () => ({ ok: true }),
  target: () => 'x',
});

describe('channel registry', () => {
  it('holds the built-ins and loads plugin packages by name or path', async () => {
    const registry = await loadChannelRegistry({ builtins: [builtin], plugins: ['./fixtures/sms-channel.ts'], resolveFrom: here });
    expect(registry.list().map((c) => c.id)).toEqual(['webhook', 'sms']);
    expect(registry.get('sms')?.name.en).toBe('SMS');
    expect(registry.get('fax')).toBeUndefined();
  });

  it('refuses a broken plugin, a missing package and a taken id, naming the package', async () => {
    await expect(loadChannelRegistry({ builtins: [builtin], plugins: ['./fixtures/broken-channel.ts'], resolveFrom: here })).rejects.toThrow(
      /Channel plugin "\.\/fixtures\/broken-channel\.ts" does not export a valid channel definition: id must be a slug.*send\(\) is missing/,
    );
    await expect(loadChannelRegistry({ builtins: [builtin], plugins: ['@acme/sopline-nothing-here'], resolveFrom: here })).rejects.toThrow(/Channel plugin "@acme\/sopline-nothing-here" could not be loaded/);
    await expect(loadChannelRegistry({ builtins: [builtin, { ...builtin, id: 'sms' }], plugins: ['./fixtures/sms-channel.ts'], resolveFrom: here })).rejects.toThrow(
      'Channel plugin "./fixtures/sms-channel.ts" defines channel "sms", which a built-in channel already defines',
    );
    expect(() => createChannelRegistry([builtin, builtin])).toThrow('Channel "webhook" is defined twice');
  });
});
