// A bench-only plugin node: the built-in `wait` at its shortest is one minute, which would make a
// throughput run mostly sleeping. This wait is the same kind of node to the engine (category
// 'wait', a timer and one step record), counted in seconds. Loaded with SOPLINE_PLUGINS=<this file>.
import { text } from '@sopline/graph';
import { defineNode, OUT } from '@sopline/node-sdk';
import { z } from './deps.ts';

export const WaitSecondsConfig = z.object({ seconds: z.number().int().min(1).max(3600).default(2) });

export const waitSeconds = defineNode({
  type: 'bench-wait-seconds',
  version: 1,
  category: 'wait',
  title: text('等待（秒，基准测试）', 'Wait (seconds, benchmark)'),
  description: text('仅用于基准测试：等待若干秒。', 'Benchmarks only: waits a number of seconds.'),
  icon: 'hourglass',
  config: WaitSecondsConfig,
  summary: (config, lang) => (lang === 'en' ? `Wait ${config.seconds} s` : `等待 ${config.seconds} 秒`),
  ports: () => [OUT],
  execute: (ctx, config) => ({ wait: { until: new Date(ctx.now.getTime() + config.seconds * 1000), onTimeout: OUT.id } }),
});

export default waitSeconds;
