import { repos } from '@sopline/db';
import { agentConfigSignature, configureWeCom, sidebarCustomer, processDueCallbacks } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeComWorld } from '../../support/wecom-world.ts';
import { startWeComWorld } from '../../support/wecom-world.ts';

let w: WeComWorld;
beforeEach(async () => {
  w = await startWeComWorld();
  w.sim.members.add('li.na').add('wang.lei');
});
afterEach(async () => {
  await w.close();
});

const WECOM_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh';

/** One browser's trip: our sign-in URL → WeCom → our callback, carrying cookies like a browser; where it ends and its cookies. */
async function signInTrip(start: string, userAgent = 'Mozilla/5.0 Chrome/150', tamper?: (callback: URL) => void) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name!);
      else jar.set(name!, value!);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const hops: string[] = [];
  let url = new URL(start, w.base);
  for (let i = 0; i < 5; i += 1) {
    const ours = url.origin === w.base;
    const res = await fetch(url, { redirect: 'manual', headers: { 'user-agent': userAgent, ...(ours && jar.size ? { cookie: cookie() } : {}) } });
    if (ours) keep(res);
    hops.push(`${url.pathname}`);
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) return { hops, status: res.status, end: url, jar, cookie };
    url = new URL(location, url);
    if (url.pathname === '/api/wecom/signin/callback') tamper?.(url);
    if (url.origin === w.base && !url.pathname.startsWith('/api/')) return { hops, status: 302, end: url, jar, cookie };
  }
  throw new Error(`too many redirects: ${hops.join(' → ')}`);
}

async function me(cookie: string) {
  const res = await fetch(`${w.base}/trpc/auth.me`, { headers: { cookie } });
  return res.status === 200 ? ((await res.json()) as { result: { data: { user: { email: string } } } }).result.data.user.email : res.status;
}

describe('sign-in with WeCom', () => {
  it('in a browser: WeCom’s web login names the member, the linked user is signed in and lands where they were going', async () => {
    w.sim.oauthMember = 'li.na';
    const trip = await signInTrip('/api/wecom/signin?next=/inbox');
    expect(trip.hops).toEqual(['/api/wecom/signin', '/wwlogin/sso/login', '/api/wecom/signin/callback']);
    expect(`${trip.end.pathname}${trip.end.search}`).toBe('/inbox');
    expect(trip.jar.has('sopline_wecom_signin')).toBe(false);
    expect(await me(trip.cookie())).toBe('li@wecom.test');
    const login = w.sim.calls.find((c) => c.path === '/wwlogin/sso/login')!;
    expect(login.query).toMatchObject({ login_type: 'CorpApp', appid: w.sim.corpId, agentid: w.sim.agentId, redirect_uri: `${w.base}/api/wecom/signin/callback` });
  });

  it('inside the WeCom app: the silent OAuth page, for the sidebar', async () => {
    w.sim.oauthMember = 'wang.lei';
    const trip = await signInTrip(`/api/wecom/signin?workspace=${w.workspace.id}&next=${encodeURIComponent('/sidebar?ws=1')}`, WECOM_UA);
    expect(trip.hops).toEqual(['/api/wecom/signin', '/connect/oauth2/authorize', '/api/wecom/signin/callback']);
    expect(`${trip.end.pathname}${trip.end.search}`).toBe('/sidebar?ws=1');
    expect(await me(trip.cookie())).toBe('wang@wecom.test');
  });

  it('refuses in words, on the sign-in page: an unlinked member, an outsider, a forged or replayed state, a reused code', async () => {
    w.sim.oauthMember = 'zhao.unlinked';
    w.sim.members.add('zhao.unlinked');
    const unlinked = await signInTrip('/api/wecom/signin');
    expect(`${unlinked.end.pathname}${unlinked.end.search}`).toBe('/login?wecom=not-linked');
    expect(await me(unlinked.cookie())).toBe(401);

    w.sim.oauthMember = 'li.na';
    w.sim.oauthOutsider = true;
    expect((await signInTrip('/api/wecom/signin')).end.search).toBe('?wecom=not-member');
    w.sim.oauthOutsider = false;

    const forged = await signInTrip('/api/wecom/signin', undefined, (callback) => callback.searchParams.set('state', 'not-the-state'));
    expect(forged.end.search).toBe('?wecom=expired');
    expect(await me(forged.cookie())).toBe(401);

    // A code is good once: the same callback again (its state cookie is gone too) signs nobody in.
    let callback: URL | null = null;
    await signInTrip('/api/wecom/signin', undefined, (u) => (callback = new URL(u)));
    const replay = await fetch(callback!, { redirect: 'manual' });
    expect(replay.headers.get('location')).toBe('/login?wecom=expired');

    // A next that leaves the app is dropped.
    expect((await signInTrip('/api/wecom/signin?next=//evil.example.com/x')).end.pathname).toBe('/');
    expect(w.logLines.some((l) => l.includes('WeCom sign-in refused'))).toBe(true);
  });

  it('a workspace without the self-built app cannot sign in with WeCom, and says so', async () => {
    await configureWeCom(w.deps, w.viewer, { corpId: w.sim.corpId, contactSecret: w.sim.contactSecret, agentId: '', agentSecret: '', token: w.sim.token, encodingAesKey: w.sim.encodingAesKey });
    const settings = await repos(w.db).wecom.settings(w.workspace.id);
    if (settings?.agent_id) {
      // Blank fields keep what is set: clear the app the way an admin's database would have it.
      await w.db.updateTable('wecom_settings').set({ agent_id: null, agent_secret: null }).where('workspace_id', '=', w.workspace.id).execute();
    }
    const trip = await signInTrip('/api/wecom/signin');
    expect(`${trip.end.pathname}${trip.end.search}`).toBe('/login?wecom=unavailable');
  });
});

describe('the chat sidebar’s server side', () => {
  it('signs agentConfig with the app’s jsapi ticket (checked as WeCom checks it), cached across calls', async () => {
    const viewer = { workspaceId: w.workspace.id, userId: w.reps.li.id, role: 'sales' as const };
    const url = 'https://sopline.example.com/sidebar?ws=1#chat';
    const first = await agentConfigSignature(w.deps, viewer, url);
    expect(first).toMatchObject({ corpId: w.sim.corpId, agentId: w.sim.agentId });
    expect(w.sim.checkAgentConfig({ url, nonceStr: first.nonceStr, timestamp: first.timestamp, signature: first.signature })).toBe(true);
    expect(w.sim.checkAgentConfig({ url: 'https://sopline.example.com/other', nonceStr: first.nonceStr, timestamp: first.timestamp, signature: first.signature })).toBe(false);
    await agentConfigSignature(w.deps, viewer, url);
    expect(w.sim.callsOf('ticket/get')).toHaveLength(1);
  });

  it('shows the rep the chat’s customer with their journeys and tasks; another rep’s customer is not found', async () => {
    const added = await w.sim.addContact({ userId: 'li.na', contact: { name: '陈一' } });
    await processDueCallbacks(w.deps);
    const customer = await w.db.selectFrom('customers').selectAll().where('wecom_external_userid', '=', added.externalUserId).executeTakeFirstOrThrow();
    await repos(w.db).tasks.insert({ workspace_id: w.workspace.id, customer_id: customer.id, owner_id: w.reps.li.id, enrollment_id: null, journey_id: null, node_id: null, visit: null, title: '首单回访', script: '陈一您好，商品用着还顺手吗？', priority: 'normal', due_at: new Date().toISOString() });
    const li = { workspaceId: w.workspace.id, userId: w.reps.li.id, role: 'sales' as const, timezone: 'Asia/Shanghai' };
    const seen = await sidebarCustomer(w.deps, li, added.externalUserId);
    expect(seen).toMatchObject({ found: true, customer: { name: '陈一' }, tasks: [{ title: '首单回访', script: '陈一您好，商品用着还顺手吗？' }] });
    expect(await sidebarCustomer(w.deps, { ...li, userId: w.reps.wang.id }, added.externalUserId)).toEqual({ found: false });
    expect(await sidebarCustomer(w.deps, li, 'wmNOBODY')).toEqual({ found: false });
  });
});
