import { z } from 'zod';

const Env = z.object({
  /** Where the web app is reachable from a phone, e.g. https://sopline.example.com: digests link to its inbox. */
  SOPLINE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Comma-separated channel plugin packages to load next to the built-in webhook channel. */
  SOPLINE_CHANNEL_PLUGINS: z.string().default(''),
  SOPLINE_REMINDERS_TASK_QUEUE: z.string().min(1).optional(),
});

export type RemindersConfig = { publicUrl: string | null; channelPlugins: string[]; taskQueue: string | undefined };

/** Reads the reminders' configuration from the environment; a bad value fails with the variable's name. */
export function remindersConfig(env: NodeJS.ProcessEnv = process.env): RemindersConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    publicUrl: e.SOPLINE_PUBLIC_URL ? e.SOPLINE_PUBLIC_URL.replace(/\/+$/, '') : null,
    channelPlugins: e.SOPLINE_CHANNEL_PLUGINS.split(',').map((s) => s.trim()).filter(Boolean),
    taskQueue: e.SOPLINE_REMINDERS_TASK_QUEUE,
  };
}
