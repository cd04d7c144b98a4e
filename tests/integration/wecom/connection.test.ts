import { repos } from '@sopline/db';
import { configureWeCom, testWeCom, weComApps, weComStatus } from '@sopline/domain';
import { corpTags, WeComApiError, WeComUnreachable } from '@sopline/wecom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeComWorld } from '../../support/wecom-world.ts';
import { startWeComWorld } from '../../support/wecom-world.ts';

let w: WeComWorld;
beforeEach(async () => {
  w = await startWeComWorld();
});
afterEach(async () => {
  await w.close();
});

const contactClient = async () => (await weComApps(w.deps, w.workspace.id))!.contact;

describe('Settings → WeCom', () => {
  it('keeps the secrets sealed at rest and never hands them back', async () => {
    const row = (await repos(w.db).wecom.settings(w.workspace.id))!;
    const stored = JSON.stringify(row);
    for (const secret of [w.sim.contactSecret, w.sim.agentSecret, w.sim.token, w.sim.encodingAesKey]) expect(stored).not.toContain(secret);
    const status = await weComStatus(w.deps, w.viewer, w.base);
    expect(status).toMatchObject({ configured: true, corpId: w.sim.corpId, agentId: '1000002', set: { contactSecret: true, agentSecret: true, token: true, encodingAesKey: true } });
    expect(status.callbackUrl).toBe(w.callbackUrl);
    expect(status.callbackUrl).toMatch(/\/api\/wecom\/callback\/[\w-]{24}$/);
    // The app secrets never leave the server, only their last four characters; the callback token and
    // key are the admin's to copy into WeCom's console (its own console shows them too).
    const shown = JSON.stringify(status);
    for (const secret of [w.sim.contactSecret, w.sim.agentSecret]) expect(shown).not.toContain(secret);
    expect(status.secretEnds).toEqual({ contactSecret: w.sim.contactSecret.slice(-4), agentSecret: w.sim.agentSecret.slice(-4) });
    expect(status.callback).toEqual({ token: w.sim.token, encodingAesKey: w.sim.encodingAesKey });
    expect(status.publicUrlSet).toBe(false);
  });

  it('takes the shown token and key sent back unchanged as no change: the verified callback stays verified', async () => {
    await repos(w.db).wecom.markSettings(w.workspace.id, { callback_verified_at: '2026-12-01T00:00:00.000Z' });
    await configureWeCom(w.deps, w.viewer, { corpId: w.sim.corpId, token: w.sim.token, encodingAesKey: w.sim.encodingAesKey }, w.base);
    expect((await weComStatus(w.deps, w.viewer, w.base)).callbackVerifiedAt).toBe('2026-12-01T00:00:00.000Z');
    await configureWeCom(w.deps, w.viewer, { corpId: w.sim.corpId, token: 'NewToken2027' }, w.base);
    const after = await weComStatus(w.deps, w.viewer, w.base);
    expect(after.callbackVerifiedAt).toBeNull();
    expect(after.callback.token).toBe('NewToken2027');
  });

  it('keeps a secret left blank, and keeps the callback URL across saves', async () => {
    const before = await weComStatus(w.deps, w.viewer, w.base);
    const saved = await configureWeCom(w.deps, w.viewer, { corpId: w.sim.corpId, contactSecret: '', agentId: '1000002', agentSecret: '', token: '', encodingAesKey: '' }, w.base);
    expect(saved.callbackUrl).toBe(before.callbackUrl);
    expect((await testWeCom(w.deps, w.viewer)).ok).toBe(true);
  });

  it('refuses bad input naming the field, in both languages, and stores nothing of it', async () => {
    const fresh = await startWeComWorld({ configure: false });
    try {
      const attempt = (input: Parameters<typeof configureWeCom>[2]) => configureWeCom(fresh.deps, fresh.viewer, input).then(() => null, (err: { details?: { field?: string }; text?: Record<string, string> }) => ({ field: err.details?.field, zh: err.text?.['zh-CN'] }));
      const good = { corpId: 'ww5823bf96d3bd56c7', contactSecret: 'x'.repeat(43), token: 'Tok3n', encodingAesKey: w.sim.encodingAesKey };
      expect(await attempt({ ...good, corpId: '' })).toMatchObject({ field: 'corpId', zh: '请填写企业 ID' });
      expect(await attempt({ ...good, corpId: 'ww 58<script>' })).toMatchObject({ field: 'corpId' });
      expect(await attempt({ ...good, encodingAesKey: 'short' })).toMatchObject({ field: 'encodingAesKey', zh: expect.stringContaining('43 位') });
      expect(await attempt({ ...good, token: 'has space' })).toMatchObject({ field: 'token' });
      expect(await attempt({ ...good, contactSecret: undefined })).toMatchObject({ field: 'contactSecret' });
      expect(await attempt({ ...good, agentId: 'abc' })).toMatchObject({ field: 'agentId' });
      expect(await attempt({ ...good, agentSecret: 'y'.repeat(43) })).toMatchObject({ field: 'agentId' });
      expect(await repos(fresh.db).wecom.settings(fresh.workspace.id)).toBeUndefined();
      await expect(configureWeCom(fresh.deps, { ...fresh.viewer, role: 'ops' }, good)).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await fresh.close();
    }
  });
});

describe('test connection explains what WeCom says', () => {
  it('passes with the right secrets: tokens for both apps and the customer-contact permission', async () => {
    w.sim.members.add('li.na');
    const result = await testWeCom(w.deps, w.viewer);
    expect(result.checks.map((c) => [c.check, c.ok])).toEqual([
      ['contact-token', true],
      ['contact-permission', true],
      ['agent-token', true],
    ]);
    expect(result.checks[1]!.message['zh-CN']).toContain('1 位成员');
    expect((await weComStatus(w.deps, w.viewer)).lastTest).toMatchObject({ ok: true });
  });

  it('names a wrong secret, an untrusted IP and a missing customer-contact permission', async () => {
    await configureWeCom(w.deps, w.viewer, { corpId: w.sim.corpId, contactSecret: 'WRONGsecret_0123456789abcdefghijklmnopq' });
    let result = await testWeCom(w.deps, w.viewer);
    expect(result.checks[0]).toMatchObject({ check: 'contact-token', ok: false, errcode: 40001 });
    expect(result.checks[0]!.message['zh-CN']).toContain('Secret 不正确');
    expect(result.checks[0]!.message.en).toContain('secret is wrong');

    await configureWeCom(w.deps, w.viewer, { corpId: w.sim.corpId, contactSecret: w.sim.contactSecret });
    w.sim.ipTrusted = false;
    result = await testWeCom(w.deps, w.viewer);
    expect(result.checks[0]).toMatchObject({ ok: false, errcode: 60020 });
    expect(result.checks[0]!.message['zh-CN']).toContain('企业可信IP');

    w.sim.ipTrusted = true;
    w.sim.contactApiEnabled = false;
    result = await testWeCom(w.deps, w.viewer);
    expect(result.checks.map((c) => [c.check, c.ok, c.errcode])).toEqual([
      ['contact-token', true, null],
      ['contact-permission', false, 48002],
      ['agent-token', true, null],
    ]);
    expect(result.ok).toBe(false);
    expect(result.checks[1]!.message['zh-CN']).toContain('可调用接口的应用');
  });

  it('says when WeCom cannot be reached at all', async () => {
    w.sim.down = true;
    const result = await testWeCom(w.deps, w.viewer);
    expect(result.checks[0]).toMatchObject({ ok: false, errcode: null });
    expect(result.checks[0]!.message['zh-CN']).toContain('暂时无法应答');
    expect(result.checks[0]!.detail).toBe('gettoken: HTTP 503');
  });
});

describe('the API client', () => {
  it('caches the access token across calls and processes, and refreshes it before it expires', async () => {
    const client = await contactClient();
    await corpTags(client);
    await corpTags(await contactClient());
    expect(w.sim.callsOf('gettoken')).toHaveLength(1);
    // A token with four minutes left is replaced before use (the margin is five).
    await repos(w.db).wecom.putToken(w.workspace.id, 'contact', (await repos(w.db).wecom.token(w.workspace.id, 'contact'))!.token, new Date(Date.now() + 4 * 60_000));
    await corpTags(client);
    expect(w.sim.callsOf('gettoken')).toHaveLength(2);
  });

  it('gets one new token and retries once when WeCom says the token expired', async () => {
    const client = await contactClient();
    await corpTags(client);
    w.sim.expireTokens();
    await corpTags(client);
    expect(w.sim.callsOf('gettoken')).toHaveLength(2);
    expect(w.sim.callsOf('externalcontact/get_corp_tag_list').map((c) => c.answer.errcode)).toEqual([0, 42001, 0]);
  });

  it('backs off on rate limits and gives up after its attempts, with the code', async () => {
    const client = await contactClient();
    w.sim.rateLimit('externalcontact/get_corp_tag_list', 2);
    await corpTags(client);
    expect(w.sim.callsOf('externalcontact/get_corp_tag_list').map((c) => c.answer.errcode)).toEqual([45009, 45009, 0]);
    w.sim.rateLimit('externalcontact/get_corp_tag_list', 10);
    const err = await corpTags(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComApiError);
    expect((err as WeComApiError).errcode).toBe(45009);
  });

  it('retries a read while WeCom is down, but never repeats a write whose fate is unknown', async () => {
    const client = await contactClient();
    await client.token();
    w.sim.down = true;
    const before = w.sim.requests;
    await expect(corpTags(client)).rejects.toBeInstanceOf(WeComUnreachable);
    expect(w.sim.requests - before).toBe(4);
    const mid = w.sim.requests;
    await expect(client.post('externalcontact/get_corp_tag_list', {}, { idempotent: false })).rejects.toBeInstanceOf(WeComUnreachable);
    expect(w.sim.requests - mid).toBe(1);
    w.sim.down = false;
    await expect(corpTags(client)).resolves.toEqual([]);
  });
});
