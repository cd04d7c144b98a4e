import type { Problem } from '@sopline/graph';
import { describe, expect, it } from 'vitest';
import { problemCounts, sortProblems } from './problems.ts';

const p = (code: string, severity: Problem['severity'], nodeId?: string): Problem => ({ code, severity, ...(nodeId ? { nodeId } : {}), message: { 'zh-CN': code, en: code } });

describe('problems list', () => {
  it('puts errors first, journey-wide ones at the top, then follows the canvas order', () => {
    const list = [p('w', 'warning', 'a'), p('b-err', 'error', 'b'), p('no-trigger', 'error'), p('a-err', 'error', 'a'), p('gone', 'error', 'zz')];
    expect(sortProblems(list, ['a', 'b']).map((x) => x.code)).toEqual(['no-trigger', 'a-err', 'b-err', 'gone', 'w']);
    expect(problemCounts(list)).toEqual({ errors: 4, warnings: 1 });
  });
});
