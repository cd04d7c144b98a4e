import { describe, expect, it } from 'vitest';
import type { StagePath } from './stage-funnel.ts';
import { periodFunnel } from './stage-funnel.ts';

const RETAIL = ['unpaid', 'paid', 'repeat', 'advocate'];
const byStage = (rows: ReturnType<typeof periodFunnel>) => Object.fromEntries(rows.map((r) => [r.stage, [r.passed, r.movedOn]]));

describe('the period stage funnel (customers who passed through each stage)', () => {
  it('a move that skips stages passes through, and moves on from, every stage between', () => {
    // paid → advocate: passes through paid, repeat and advocate; moves on from paid and repeat.
    const skip: StagePath = { start: 'paid', moves: ['advocate'] };
    expect(byStage(periodFunnel(RETAIL, [skip]))).toEqual({ unpaid: [0, 0], paid: [1, 1], repeat: [1, 1], advocate: [1, null] });
  });

  it('counts each customer once per stage, however often they come back', () => {
    const yoyo: StagePath = { start: 'unpaid', moves: ['paid', 'unpaid', 'paid', 'repeat'] };
    expect(byStage(periodFunnel(RETAIL, [yoyo]))).toEqual({ unpaid: [1, 1], paid: [1, 1], repeat: [1, 0], advocate: [0, null] });
  });

  it('a move backwards fills nothing, and moving on means a later stage after passing through', () => {
    // In advocate when the period began, then demoted to paid: passed advocate and paid, moved on from neither.
    const demoted: StagePath = { start: 'advocate', moves: ['paid'] };
    expect(byStage(periodFunnel(RETAIL, [demoted]))).toEqual({ unpaid: [0, 0], paid: [1, 0], repeat: [0, 0], advocate: [1, null] });
  });

  it('no stage, or a stage outside the funnel, counts nowhere and is skipped by nothing', () => {
    const joined: StagePath = { start: null, moves: ['repeat'] };
    const outside: StagePath = { start: 'vip', moves: ['advocate', 'vip'] };
    expect(byStage(periodFunnel(RETAIL, [joined, outside]))).toEqual({ unpaid: [0, 0], paid: [0, 0], repeat: [1, 0], advocate: [1, null] });
  });

  it('rate is moved on / passed through; null where nobody passed through and for the last stage', () => {
    const rows = periodFunnel(RETAIL, [
      { start: 'unpaid', moves: [] },
      { start: 'unpaid', moves: ['paid'] },
      { start: 'unpaid', moves: ['advocate'] },
      { start: 'unpaid', moves: [] },
    ]);
    expect(rows).toEqual([
      { stage: 'unpaid', passed: 4, movedOn: 2, rate: 0.5 },
      { stage: 'paid', passed: 2, movedOn: 1, rate: 0.5 },
      { stage: 'repeat', passed: 1, movedOn: 1, rate: 1 },
      { stage: 'advocate', passed: 1, movedOn: null, rate: null },
    ]);
    expect(periodFunnel(RETAIL, [])[1]).toEqual({ stage: 'paid', passed: 0, movedOn: 0, rate: null });
  });
});
