/**
 * Workspace isolation, procedure by procedure: a user of workspace B, using ids and values of
 * workspace A, can neither read nor change anything of A. Every case runs as a B user against the
 * same seeded A; afterwards every row of A must be exactly as before, and a successful result must
 * not contain any of A's ids, names, e-mails, phones, titles or scripts.
 *
 * To cover a new procedure, add a row to CASES in isolation.cases.ts (and seed what it needs in `seedA`). The coverage
 * test fails for any procedure of the app router that has no row and is not listed in PENDING.
 */
import type { User } from '@sopline/db';
import { repos } from '@sopline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from './isolation.cases.ts';
import { CASES, PENDING, seedA } from './isolation.cases.ts';
import { appRouter } from './root.ts';
import type { ApiFixture } from './testing.ts';
import { codeOf, createApiFixture, snapshotWorkspace } from './testing.ts';

/** The strings that identify A's rows: none may appear in what B gets back. */
function secretsOf(snapshot: Record<string, unknown[]>, other: Record<string, unknown[]>): string[] {
  const columns = ['id', 'name', 'email', 'phone', 'member_id', 'title', 'script', 'note', 'prefix', 'properties', 'payload'];
  const collect = (s: Record<string, unknown[]>) => {
    const values = new Set<string>();
    for (const rows of Object.values(s)) {
      for (const row of rows as Array<Record<string, unknown>>) {
        for (const col of columns) if (typeof row[col] === 'string' && (row[col] as string).length >= 4) values.add(row[col] as string);
      }
    }
    return values;
  };
  const theirs = collect(other);
  return [...collect(snapshot)].filter((v) => !theirs.has(v) && v !== '{}');
}

type Run = { title: string; member: boolean };

for (const run of [
  { title: 'workspace isolation: a user of B can neither read nor change anything of A', member: false },
  // The same table again for people who belong to both: their session is B's, and stays B's.
  { title: 'workspace isolation: a member of A and B, working in B, can neither read nor change anything of A', member: true },
] satisfies Run[]) {
  describe(run.title, () => {
    let f: ApiFixture;
    let a: Seed;
    beforeAll(async () => {
      f = await createApiFixture();
      a = await seedA(f);
      if (run.member) {
        // Every user of B also has an account in A, as an admin there: the widest rights to misuse.
        const r = repos(f.db);
        for (const user of [f.b.admin, f.b.ops, f.b.sales, f.b.sales2]) {
          await r.users.create({ workspaceId: f.a.workspace.id, email: user.email, name: user.name, role: 'admin', passwordHash: user.password_hash });
        }
      }
    });
    afterAll(async () => {
      await f.close();
    });

    if (!run.member) {
      it('has a row for every procedure of the app router', () => {
        const procedures = Object.keys(appRouter._def.procedures);
        const covered = new Set(CASES.map((c) => c.procedure));
        expect(procedures.filter((p) => !covered.has(p) && !PENDING.has(p))).toEqual([]);
        expect([...covered].filter((p) => !procedures.includes(p))).toEqual([]);
        expect([...PENDING].filter((p) => covered.has(p))).toEqual([]);
      });
    }

    for (const c of CASES) {
      const expected = (run.member ? c.member?.expect : undefined) ?? c.expect;
      it(`${c.procedure} (${c.as ?? 'admin'} of B) ${c.tries}: ${expected}`, async () => {
        const before = await snapshotWorkspace(f.db, f.a.workspace.id);
        const bSide = await snapshotWorkspace(f.db, f.b.workspace.id);
        const user: User = f.b[c.as ?? 'admin'];
        let result: unknown;
        const code = await codeOf(
          c.call(f.callerAs(user), a, f).then((r) => {
            result = r;
          }),
        );
        expect(code).toBe(expected);
        if (code === 'OK') {
          const json = JSON.stringify(result) ?? '';
          const echoes = new Set([...(c.echoes?.(a, f) ?? []), ...((run.member ? c.member?.echoes?.(a, f) : undefined) ?? [])]);
          expect(secretsOf(before, bSide).filter((secret) => !echoes.has(secret) && json.includes(secret))).toEqual([]);
          ((run.member ? c.member?.check : undefined) ?? c.check)?.(result, a, f);
        }
        const after = await snapshotWorkspace(f.db, f.a.workspace.id);
        const mayChange = new Set(run.member ? (c.member?.mayChange ?? []) : []);
        const unchanged = (s: Record<string, unknown[]>) => Object.fromEntries(Object.entries(s).filter(([table]) => !mayChange.has(table)));
        expect(unchanged(after)).toEqual(unchanged(before));
      });
    }
  });
}
