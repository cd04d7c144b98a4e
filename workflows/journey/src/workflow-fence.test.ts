import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// Lint text as if it were a workflow file. The file does not exist, so type-aware parsing is off and
// only the fence's own rules run.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-globals',
});
const lint = async (code: string) => {
  const [result] = await eslint.lintText(code, { filePath: `${root}/workflows/journey/src/workflows/probe.ts` });
  return result!.messages.map((m) => m.ruleId);
};

describe('the lint fence around workflow code', () => {
  it('rejects Node built-ins and I/O in workflow files', async () => {
    expect(await lint("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await lint("import http from 'http';\nexport const x = http;\n")).toContain('no-restricted-imports');
    expect(await lint('export const x = () => setTimeout(() => {}, 1);\n')).toContain('no-restricted-globals');
    expect(await lint("export const x = () => fetch('http://127.0.0.1');\n")).toContain('no-restricted-globals');
  });

  it('rejects value imports of Sopline packages and activities, but allows type imports', async () => {
    expect(await lint("import { openDatabase } from '@sopline/db';\nexport const x = openDatabase;\n")).toContain('no-restricted-imports');
    expect(await lint("import { createActivities } from '../activities/index.ts';\nexport const x = createActivities;\n")).toContain('no-restricted-imports');
    expect(await lint("import type { StepOutcome } from '@sopline/domain';\nexport type X = StepOutcome;\n")).toEqual([]);
  });

  it('accepts the real workflow file', async () => {
    const results = await new ESLint({ cwd: root }).lintFiles([`${root}/workflows/journey/src/workflows/journey.ts`]);
    expect(results[0]!.messages).toEqual([]);
  }, 60_000);
});
