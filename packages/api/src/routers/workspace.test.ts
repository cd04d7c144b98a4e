import { repos } from '@sopline/db';
import { createCustomerAs, createInvitation, DomainError, ingestEvent, onboardingOf } from '@sopline/domain';
import type { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf } from '../testing.ts';

/** The input field a refusal names: the zod issue's path, or the `field` of a domain error. */
function fieldOf(error: TRPCError): string | undefined {
  if (error.cause instanceof z.ZodError) return error.cause.issues[0]?.path.join('.');
  if (error.cause instanceof DomainError) return error.cause.details?.field as string | undefined;
  return undefined;
}

describe('workspace router', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const row = () => repos(f.db).workspaces.get(f.a.workspace.id);

  describe('onboarding', () => {
    it('ticks each first-day step by itself as the workspace takes it', async () => {
      // A workspace of its own: the fixture's already have reps, customers and journeys.
      const fresh = await repos(f.db).workspaces.create({ name: 'New brand', timezone: 'Asia/Shanghai' });
      const owner = await repos(f.db).users.create({ workspaceId: fresh.id, email: 'owner@new.test', name: 'Owner', role: 'admin' });
      const viewer = { workspaceId: fresh.id, userId: owner.id, role: owner.role };
      const open = async () => (await onboardingOf({ db: f.db }, viewer)).steps.filter((s) => !s.done).map((s) => s.step);
      expect(await open()).toEqual(['inviteReps', 'importCustomers', 'importOrders', 'publishJourney', 'firstTask']);

      await createInvitation({ db: f.db }, viewer, { email: 'rep@new.test', role: 'sales' });
      const customer = await createCustomerAs({ db: f.db }, viewer, { name: '第一位客户', phone: '13700000001' });
      expect(await open()).toEqual(['importOrders', 'publishJourney', 'firstTask']);
      await ingestEvent(f.deps, { workspaceId: fresh.id, customer: { id: customer.id }, kind: 'purchase', payload: { amount: 99 } });
      expect(await open()).toEqual(['publishJourney', 'firstTask']);
      const team = { workspace: fresh, admin: owner, ops: owner, sales: owner, sales2: owner };
      const { journeyId } = await f.liveJourney(team);
      expect(await open()).toEqual(['firstTask']);
      await f.enrolAndStart(team, journeyId, customer.id);
      expect(await onboardingOf({ db: f.db }, viewer)).toMatchObject({ complete: true });
    });

    it('is for managers: reps and strangers are refused', async () => {
      expect((await f.callerAs(f.a.ops).workspace.onboarding()).steps.map((s) => s.step)).toEqual(['inviteReps', 'importCustomers', 'importOrders', 'publishJourney', 'firstTask']);
      expect(await codeOf(f.callerAs(f.a.sales).workspace.onboarding())).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(null).workspace.onboarding())).toBe('UNAUTHORIZED');
    });
  });

  describe('get', () => {
    it("shows admins and ops managers their own workspace's settings", async () => {
      await repos(f.db).workspaces.update(f.a.workspace.id, { quiet_start: '21:00', quiet_end: '09:00', cap_per_day: 3, cap_per_week: 10 });
      for (const user of [f.a.admin, f.a.ops]) {
        expect(await f.callerAs(user).workspace.get()).toMatchObject({
          id: f.a.workspace.id,
          name: 'Shop A',
          timezone: 'Asia/Shanghai',
          quietStart: '21:00',
          quietEnd: '09:00',
          capPerDay: 3,
          capPerWeek: 10,
        });
      }
      expect((await f.callerAs(f.b.ops).workspace.get()).timezone).toBe('Europe/Berlin');
    });

    it('refuses sales reps and strangers', async () => {
      expect(await codeOf(f.callerAs(f.a.sales).workspace.get())).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(null).workspace.get())).toBe('UNAUTHORIZED');
    });
  });

  describe('update', () => {
    it('changes name, zone, quiet hours and caps, which the next read (and the engine) sees', async () => {
      const saved = await f.callerAs(f.a.admin).workspace.update({ name: '  新名字 ', timezone: 'America/New_York', quietStart: '22:30', quietEnd: '07:00', capPerDay: 2, capPerWeek: 5 });
      expect(saved).toMatchObject({ name: '新名字', timezone: 'America/New_York', quietStart: '22:30', quietEnd: '07:00', capPerDay: 2, capPerWeek: 5 });
      expect(await row()).toMatchObject({ name: '新名字', timezone: 'America/New_York', quiet_start: '22:30', quiet_end: '07:00', cap_per_day: 2, cap_per_week: 5 });
      expect(await f.callerAs(f.a.ops).workspace.get()).toEqual(saved);
      // Workspace B is untouched.
      expect(await repos(f.db).workspaces.get(f.b.workspace.id)).toMatchObject({ name: 'Shop B', timezone: 'Europe/Berlin', quiet_start: null });
    });

    it('changes only the fields given, and null switches quiet hours and caps off', async () => {
      const admin = f.callerAs(f.a.admin);
      await admin.workspace.update({ quietStart: '21:00', quietEnd: '09:00', capPerDay: 3, capPerWeek: 10 });
      const off = await admin.workspace.update({ quietStart: null, quietEnd: null, capPerWeek: null });
      expect(off).toMatchObject({ name: 'Shop A', timezone: 'Asia/Shanghai', quietStart: null, quietEnd: null, capPerDay: 3, capPerWeek: null });
      expect(await admin.workspace.update({})).toEqual(off);
    });

    it('refuses a zone that is not an IANA zone with 400 naming `timezone`', async () => {
      for (const timezone of ['Mars/Olympus', 'Asia/Atlantis', '', 'x'.repeat(65)]) {
        const error = await failureOf(f.callerAs(f.a.admin).workspace.update({ timezone }));
        expect(error.code).toBe('BAD_REQUEST');
        expect(fieldOf(error)).toBe('timezone');
      }
      expect((await row())?.timezone).toBe('Asia/Shanghai');
    });

    it('refuses quiet hours that start when they end, come half, or are not HH:mm', async () => {
      const admin = f.callerAs(f.a.admin);
      const cases: Array<[Parameters<typeof admin.workspace.update>[0], string]> = [
        [{ quietStart: '21:00', quietEnd: '21:00' }, 'quietEnd'],
        [{ quietStart: '21:00', quietEnd: null }, 'quietEnd'],
        [{ quietStart: '21:00' }, 'quietEnd'],
        [{ quietStart: null, quietEnd: '08:00' }, 'quietStart'],
        [{ quietStart: '9:00', quietEnd: '18:00' }, 'quietStart'],
        [{ quietStart: '21:00', quietEnd: '24:00' }, 'quietEnd'],
      ];
      for (const [input, field] of cases) {
        const error = await failureOf(admin.workspace.update(input));
        expect([error.code, fieldOf(error)], JSON.stringify(input)).toEqual(['BAD_REQUEST', field]);
      }
      expect(await row()).toMatchObject({ quiet_start: null, quiet_end: null });
      // Once set, changing one end alone keeps the pair.
      await admin.workspace.update({ quietStart: '21:00', quietEnd: '09:00' });
      expect(await admin.workspace.update({ quietEnd: '08:00' })).toMatchObject({ quietStart: '21:00', quietEnd: '08:00' });
      expect(fieldOf(await failureOf(admin.workspace.update({ quietEnd: '21:00' })))).toBe('quietEnd');
    });

    it('accepts caps from 1 to 50 and refuses the rest, naming the cap', async () => {
      const admin = f.callerAs(f.a.admin);
      expect(await admin.workspace.update({ capPerDay: 1, capPerWeek: 50 })).toMatchObject({ capPerDay: 1, capPerWeek: 50 });
      for (const [input, field] of [
        [{ capPerDay: 0 }, 'capPerDay'],
        [{ capPerDay: 51 }, 'capPerDay'],
        [{ capPerDay: 2.5 }, 'capPerDay'],
        [{ capPerWeek: -1 }, 'capPerWeek'],
        [{ capPerWeek: 51 }, 'capPerWeek'],
        [{ capPerDay: 5, capPerWeek: 4 }, 'capPerWeek'],
      ] as const) {
        const error = await failureOf(admin.workspace.update(input));
        expect([error.code, fieldOf(error)], JSON.stringify(input)).toEqual(['BAD_REQUEST', field]);
      }
      expect(await row()).toMatchObject({ cap_per_day: 1, cap_per_week: 50 });
    });

    it('refuses an empty name', async () => {
      const error = await failureOf(f.callerAs(f.a.admin).workspace.update({ name: '   ' }));
      expect([error.code, fieldOf(error)]).toEqual(['BAD_REQUEST', 'name']);
    });

    it('is for admins only: ops managers and reps cannot change anything', async () => {
      const before = await row();
      expect(await codeOf(f.callerAs(f.a.ops).workspace.update({ quietStart: null, quietEnd: null }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.sales).workspace.update({ timezone: 'UTC' }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(null).workspace.update({ timezone: 'UTC' }))).toBe('UNAUTHORIZED');
      expect(await row()).toEqual(before);
    });

    it('a new zone re-plans the digests that follow it', async () => {
      const changed: string[] = [];
      f.deps.reminders = {
        channels: { list: () => [], get: () => undefined } as never,
        scheduler: { ensure: async () => {}, changed: async (t) => void changed.push(t.userId) },
        publicUrl: null,
      };
      await repos(f.db).reminders.saveChannel({ workspace_id: f.a.workspace.id, channel: 'webhook', config: '{}', enabled: 1, updated_by: f.a.admin.id });
      await f.callerAs(f.a.admin).workspace.update({ name: 'same zone' });
      expect(changed).toEqual([]);
      await f.callerAs(f.a.admin).workspace.update({ timezone: 'Europe/London' });
      expect(changed.sort()).toEqual([f.a.admin.id, f.a.ops.id, f.a.sales.id, f.a.sales2.id].sort());
    });
  });
});
