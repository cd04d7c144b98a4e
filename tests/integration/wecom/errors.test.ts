import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configureWeCom, testWeCom } from '@sopline/domain';
import type { UnreachableKind } from '@sopline/wecom';
import { createWeComClient, WeComUnreachable } from '@sopline/wecom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeComWorld } from '../../support/wecom-world.ts';
import { startWeComWorld } from '../../support/wecom-world.ts';

// What the admin reads when "test connection" fails: WeCom's codes and the network's failures in
// words with the fix, in both languages; Node's and WeCom's own words only in `detail` and the log.
let w: WeComWorld;
beforeEach(async () => {
  w = await startWeComWorld();
});
afterEach(async () => {
  await w.close();
});

const memoryCache = () => {
  let held: { token: string; expiresAt: Date } | null = null;
  return { get: async () => held, put: async (t: { token: string; expiresAt: Date }) => void (held = t), drop: async () => void (held = null) };
};

/** A client of `base` that tries once and waits 300 ms: what fails, fails at once. */
const clientOf = (base: string) => createWeComClient({ base, corpId: w.sim.corpId, secret: w.sim.contactSecret, cache: memoryCache(), retry: { attempts: 1 }, timeoutMs: 300 });

async function unreachable(base: string): Promise<WeComUnreachable> {
  const err = await clientOf(base)
    .token()
    .then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WeComUnreachable);
  return err as WeComUnreachable;
}

/** Node's own words must not be the message: no error codes, no "getaddrinfo", no "fetch failed". */
const RAW = /ENOTFOUND|ECONNREFUSED|ECONNRESET|getaddrinfo|fetch failed|ERR_SSL|UND_ERR|socket|other side closed|TimeoutError/i;

function expectWords(err: WeComUnreachable, kind: UnreachableKind, zh: string, en: string) {
  expect(err.kind).toBe(kind);
  expect(err.explain('zh-CN')).toContain(zh);
  expect(err.explain('en')).toContain(en);
  for (const lang of ['zh-CN', 'en'] as const) expect(err.explain(lang)).not.toMatch(RAW);
}

describe('a WeCom that cannot be reached is said in words, by what failed', () => {
  it('a name that does not resolve (DNS)', async () => {
    const err = await unreachable('http://qyapi.sopline-test.invalid');
    expectWords(err, 'dns', '无法解析域名 qyapi.sopline-test.invalid', 'does not resolve');
    expect(err.explain('zh-CN')).toContain('WECOM_API_BASE');
    expect(err.detail).toContain('ENOTFOUND');
  });

  it('a refused connection (nothing listens: a proxy that is not running)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await unreachable(`http://127.0.0.1:${port}`);
    expectWords(err, 'refused', `127.0.0.1:${port} 拒绝了连接`, 'refused the connection');
    expect(err.detail).toContain('ECONNREFUSED');
  });

  it('a TLS failure (https to something that does not speak it)', async () => {
    const err = await unreachable(w.sim.base.replace('http:', 'https:'));
    expectWords(err, 'tls', 'HTTPS 安全连接失败', 'secure (HTTPS) connection');
    expect(err.detail).toMatch(/SSL|TLS|wrong version/i);
  });

  it('no answer in time, a cut connection, and a page that is not WeCom', async () => {
    w.sim.network = 'hang';
    let err = await unreachable(w.sim.base);
    expectWords(err, 'timeout', '超时', 'no answer');
    expect(err.detail).toBe('no answer in 0.3 s');
    w.sim.network = 'reset';
    err = await unreachable(w.sim.base);
    expectWords(err, 'reset', '连接被中断', 'was cut off');
    w.sim.network = 'html';
    err = await unreachable(w.sim.base);
    expectWords(err, 'not-wecom', '不是企业微信 API 的应答', 'is not WeCom’s');
    expect(err.detail).toContain('Please sign in to the Wi-Fi');
  });

  it('test connection shows the words, keeps the detail for a disclosure and logs it at warn', async () => {
    w.sim.network = 'reset';
    const result = await testWeCom(w.deps, w.viewer);
    const first = result.checks[0]!;
    expect(first).toMatchObject({ check: 'contact-token', ok: false, errcode: null });
    expect(first.message['zh-CN']).toContain('连接被中断');
    expect(first.message['zh-CN']).not.toMatch(RAW);
    expect(first.detail).toMatch(/^gettoken: .*(other side closed|ECONNRESET|UND_ERR_SOCKET)/);
    const warned = w.logLines.map((line) => JSON.parse(line) as { level: number; msg: string; kind?: string }).filter((l) => l.level === 40);
    expect(warned.some((l) => l.kind === 'reset' && l.msg.startsWith('WeCom contact-token failed: gettoken:'))).toBe(true);
  });
});

describe('WeCom’s own refusals are named with their fix', () => {
  const refusedWith = async () => (await testWeCom(w.deps, w.viewer)).checks[0]!;

  it('40013: the corp id is not one WeCom knows', async () => {
    await configureWeCom(w.deps, w.viewer, { corpId: 'wwUNKNOWN0000000000' });
    const check = await refusedWith();
    expect(check).toMatchObject({ ok: false, errcode: 40013 });
    expect(check.message['zh-CN']).toContain('企业 ID（CorpID）不正确');
    expect(check.message.en).toContain('corp id is wrong');
    expect(check.detail).toMatch(/^gettoken: errcode 40013 invalid corpid, hint: \[\d+\], from ip: 127\.0\.0\.1/);
  });

  it('40001: the secret is wrong', async () => {
    w.sim.refuse('gettoken', 40001);
    const check = await refusedWith();
    expect(check).toMatchObject({ ok: false, errcode: 40001 });
    expect(check.message['zh-CN']).toContain('Secret 不正确');
  });

  it('60020: the IP is not trusted, and which IP WeCom saw, to add to 企业可信IP', async () => {
    w.sim.ipTrusted = false;
    const check = await refusedWith();
    expect(check).toMatchObject({ ok: false, errcode: 60020 });
    expect(check.message['zh-CN']).toContain('企业可信IP');
    expect(check.message['zh-CN']).toContain('企业微信看到的来源 IP 是 127.0.0.1');
    expect(check.message.en).toContain('WeCom saw the call come from 127.0.0.1');
  });

  it('301002: the token is not the app’s the call names', async () => {
    w.sim.refuse('externalcontact/get_follow_user_list', 301002);
    const result = await testWeCom(w.deps, w.viewer);
    expect(result.checks[1]).toMatchObject({ check: 'contact-permission', ok: false, errcode: 301002 });
    expect(result.checks[1]!.message['zh-CN']).toContain('AgentId 与 Secret 是否属于同一个自建应用');
  });
});
