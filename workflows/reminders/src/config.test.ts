import { describe, expect, it } from 'vitest';
import { loadChannels } from './channels.ts';
import { remindersConfig } from './config.ts';
import { digestWorkflowId } from './contract.ts';

describe('reminders configuration', () => {
  it('reads the public URL and channel plugins, and names a bad variable', () => {
    expect(remindersConfig({})).toEqual({ publicUrl: null, channelPlugins: [], taskQueue: undefined });
    expect(remindersConfig({ SOPLINE_PUBLIC_URL: 'https://sopline.example.com/', SOPLINE_CHANNEL_PLUGINS: ' @acme/sms , ./mail.ts,' })).toEqual({
      publicUrl: 'https://sopline.example.com',
      channelPlugins: ['@acme/sms', './mail.ts'],
      taskQueue: undefined,
    });
    expect(() => remindersConfig({ SOPLINE_PUBLIC_URL: 'ftp://x' })).toThrow(/SOPLINE_PUBLIC_URL/);
  });

  it('has the webhook channel built in, and one workflow id per rep', async () => {
    const channels = await loadChannels();
    expect(channels.list().map((c) => c.id)).toEqual(['webhook']);
    await expect(loadChannels({ plugins: ['@acme/not-installed'] })).rejects.toThrow(/Channel plugin "@acme\/not-installed" could not be loaded/);
    expect(digestWorkflowId({ workspaceId: 'w1', userId: 'u1' })).toBe('digest:w1:u1');
  });
});
