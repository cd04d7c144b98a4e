// Lint rules that carry design decisions, not style: type-aware checks for floating promises,
// and a fence around Temporal workflow code (deterministic sandbox: no Node built-ins, no I/O).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tools/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Workflow files run inside Temporal's deterministic sandbox.
    files: ['workflows/*/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins or I/O. Put it in an activity.' })),
          patterns: [
            { group: ['@sopline/*', '!@sopline/engine-contract'], message: 'Workflows import only @temporalio/workflow and the engine contract; node logic lives in activities.', allowTypeImports: true },
            { group: ['**/activities/**', '../activities*'], message: 'Import activity types only (import type).', allowTypeImports: true },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'fetch', message: 'No I/O in workflows.' }, { name: 'process', message: 'No process access in workflows.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
