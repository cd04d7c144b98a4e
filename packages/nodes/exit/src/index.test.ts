import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import exit, { EXIT_REASONS, exitReasonLabel } from './index.ts';

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

  it('summarises with the reason’s label in the reader’s language, or the operator’s own words', () => {
    expect(exit.summary(exit.config.parse({}), 'zh-CN')).toBe('结束');
    expect(exit.summary(exit.config.parse({ reason: 'purchased' }), 'en')).toBe('Exit: Purchased');
    expect(exit.summary(exit.config.parse({ reason: 'dormant' }), 'zh-CN')).toBe('结束：未下单，转为沉睡');
    expect(exit.summary(exit.config.parse({ reason: '参加了线下活动' }), 'zh-CN')).toBe('结束：参加了线下活动');
  });

  it('names every reason it offers in both languages, each code once, and keeps the code in the run', async () => {
    const codes = EXIT_REASONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of EXIT_REASONS) {
      expect(r.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(r.label.en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(exitReasonLabel(r.code, 'en')).toBe(r.label.en);
    }
    // The codes the issue found raw on Chinese screens all have labels now.
    for (const code of ['dormant', 'completed', 'koc', 'not_converted', 'paid', 'no-response', 'goal']) expect(exitReasonLabel(code, 'zh-CN')).not.toBe(code);
    expect((await runNode(exit, { reason: 'dormant' })).result).toEqual({ exit: 'dormant' });
  });

  it('offers its reasons to the form as labelled choices, and “other” for the operator’s own', () => {
    const schema = z.toJSONSchema(exit.config, { io: 'input' }) as unknown as { properties: { reason: { choices: Array<{ value: string; label: { 'zh-CN': string } }>; other: boolean } } };
    expect(schema.properties.reason.choices.map((c) => c.value)).toEqual(EXIT_REASONS.map((r) => r.code));
    expect(schema.properties.reason.other).toBe(true);
  });
});
