import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.ts';
import { migrationNames } from './migrate.ts';

const entry = new URL('./index.ts', import.meta.url).href;

/** Opens (and so migrates) the database in a process of its own; resolves with its exit code and output. */
function openInProcess(file: string, at: number): Promise<{ code: number | null; output: string }> {
  // Every process loads first, then waits for the same instant, so their migrations really overlap.
  const script = `const { openDatabase } = await import(${JSON.stringify(entry)}); await new Promise((r) => setTimeout(r, Number(process.argv[2]) - Date.now())); const c = await openDatabase(process.argv[1]); await c.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, file, String(at)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('migrations on one SQLite file from several processes at once', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('run once: the others wait for the first and find the tables there (no "already exists")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopline-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'sopline.db');
    const at = Date.now() + 4000;
    const runs = await Promise.all(Array.from({ length: 4 }, () => openInProcess(file, at)));
    for (const run of runs) expect(run, run.output).toMatchObject({ code: 0 });
    const { db, close } = await openDatabase(file);
    try {
      const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect((applied as Array<{ name: string }>).map((m) => m.name)).toEqual(migrationNames);
    } finally {
      await close();
    }
  }, 60_000);
});
