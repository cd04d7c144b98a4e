import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import exit from './index.ts';

describe('exit', () => {
  it('ends the journey with the reason, completed by default', async () => {
    expect((await runNode(exit, {})).result).toEqual({ exit: 'completed' });
    expect((await runNode(exit, { reason: ' dormant ' })).result).toEqual({ exit: 'dormant' });
  });

  it('has no exits of its own', () => {
    expect(exit.ports(exit.config.parse({}))).toEqual([]);
  });

  it('bounds the reason', () => {
    expect(exit.config.safeParse({ reason: '' }).success).toBe(false);
    expect(exit.config.safeParse({ reason: 'x'.repeat(65) }).success).toBe(false);
  });

  it('summarises', () => {
    expect(exit.summary(exit.config.parse({}), 'zh-CN')).toBe('结束');
    expect(exit.summary(exit.config.parse({ reason: 'purchased' }), 'en')).toBe('Exit: purchased');
  });
});
