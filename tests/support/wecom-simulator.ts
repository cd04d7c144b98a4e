import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

/**
 * A local WeCom (企业微信) for tests: the HTTP API as documented (access tokens that expire, the
 * customer-contact calls with their paging, WeCom's error codes and rate limits), and the other
 * direction — encrypted callbacks POSTed to Sopline exactly as WeCom sends them, retried when not
 * answered `success`. Its crypto is written here on node:crypto, not shared with Sopline's, and is
 * checked against WeCom's published samples (wecom-simulator.test.ts), so the two sides cannot be
 * wrong together.
 */
export type SimContact = {
  external_userid: string;
  name: string;
  avatar?: string;
  type?: number;
  gender?: number;
  unionid?: string;
  corp_name?: string;
};
export type SimFollow = { userid: string; remark?: string; createtime: number; tags: string[]; state?: string; remark_mobiles?: string[]; add_way?: number };
export type SimCall = { path: string; query: Record<string, string>; body: unknown; answer: Record<string, unknown> };

type Token = { app: 'contact' | 'agent'; expiresAt: number };

export type SimulatorOptions = {
  corpId?: string;
  contactSecret?: string;
  agentId?: string;
  agentSecret?: string;
  token?: string;
  encodingAesKey?: string;
  /** Seconds an access token lives (WeCom: 7200). */
  tokenLifetime?: number;
};

// --- WeCom's side of the crypto, independent of @wecom/crypto.
export function simEncrypt(encodingAesKey: string, plaintext: string, receiverId: string, random = randomBytes(16)): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const msg = Buffer.from(plaintext, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  const raw = Buffer.concat([random, length, msg, Buffer.from(receiverId, 'utf8')]);
  const pad = 32 - (raw.length % 32);
  const padded = Buffer.concat([raw, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export function simDecrypt(encodingAesKey: string, ciphertext: string): { message: string; receiverId: string } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
  const raw = padded.subarray(0, padded.length - (padded[padded.length - 1] ?? 0));
  const length = raw.readUInt32BE(16);
  return { message: raw.subarray(20, 20 + length).toString('utf8'), receiverId: raw.subarray(20 + length).toString('utf8') };
}

export const simSignature = (token: string, timestamp: string, nonce: string, encrypted: string) => createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');

const cdata = (value: string) => `<![CDATA[${value}]]>`;
/** A callback's plaintext XML, field by field as WeCom writes it. */
export function callbackXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`)
    .join('');
  return `<xml>${body}</xml>`;
}

/**
 * The errmsg WeCom writes beside a code: its words, a hint id, the caller's IP and a link to its
 * error-code tool — "not allow to access from your ip, hint: [1655882753557010848204971], from ip:
 * 61.164.93.69, more info at https://open.work.weixin.qq.com/devtool/query?e=60020" as quoted in
 * WeCom's developer community (developers.weixin.qq.com) and the errmsg of 301002 quoted with
 * SmsForwarder's report. The meanings are those of WeCom's global error codes (document 90313).
 */
export const WECOM_ERRMSG = {
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40056: 'invalid agentid',
  48002: 'api forbidden',
  60011: 'no privilege to access/modify contact/party/agent',
  60020: 'not allow to access from your ip',
  301002: 'not allow operate another agent with this accesstoken',
} as const;

export function weComErrmsg(errcode: keyof typeof WECOM_ERRMSG, ip: string): string {
  const hint = `${Date.now()}${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  return `${WECOM_ERRMSG[errcode]}, hint: [${hint}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}

export class WeComSimulator {
  readonly corpId: string;
  readonly contactSecret: string;
  readonly agentId: string;
  readonly agentSecret: string;
  readonly token: string;
  readonly encodingAesKey: string;
  tokenLifetime: number;
  /** WeCom's clock in ms (tests move it to expire tokens). */
  now = () => Date.now() + this.skewMs;
  skewMs = 0;
  /** When false, gettoken answers 60020 (the server's IP is not trusted). */
  ipTrusted = true;
  /** When false, the customer-contact calls answer 48002 to the self-built app's token. */
  agentMayUseContact = false;
  /** While true, every request is answered HTTP 503 without a body (WeCom unreachable). */
  down = false;
  /**
   * How the network between Sopline and WeCom misbehaves: 'hang' accepts the connection and never
   * answers (a timeout), 'reset' cuts it (ECONNRESET / "other side closed"), 'html' answers 200 with a
   * web page (a captive portal or a wrong WECOM_API_BASE). Unreachable hosts, refused connections and
   * TLS failures need no simulator: tests point the client at a closed port, `.invalid` or https here.
   */
  network: 'ok' | 'hang' | 'reset' | 'html' = 'ok';
  /** When false, every customer-contact call answers 48002 (客户联系 not enabled for the app). */
  contactApiEnabled = true;
  /** Every HTTP request received, answered or not. */
  requests = 0;
  /** Follow-user page size of externalcontact/get (WeCom: 500). */
  followPageSize = 500;
  readonly calls: SimCall[] = [];
  readonly members = new Set<string>();
  readonly contacts = new Map<string, { contact: SimContact; follows: SimFollow[] }>();
  readonly tagGroups: Array<{ group_id: string; group_name: string; tags: Array<{ id: string; name: string }> }> = [];
  /** Contact ways (channel codes) by config_id, with whose turn it is next. */
  readonly contactWays = new Map<string, { type: number; state: string; users: string[]; remark: string; next: number; deleted: boolean }>();
  /** Welcome messages sent, and the welcome codes still valid (20 s after their add). */
  readonly welcomes: Array<{ welcomeCode: string; content: string }> = [];
  /** Group sends (企业群发) by msgid: who sends, what, and each customer's status (0 未发送 1 已发送 2 非好友 3 已收到其他群发). */
  readonly groupSends = new Map<string, { sender: string; text: string; state: 'waiting' | 'sent' | 'cancelled'; reminders: number; recipients: Map<string, { status: 0 | 1 | 2 | 3; send_time?: number }> }>();
  /** The member signed in to WeCom on this "device": who WeCom's OAuth page says is there (null: nobody scans). */
  oauthMember: string | null = null;
  /** When true, the person at the OAuth page is not a member of the corp (WeCom answers an openid). */
  oauthOutsider = false;
  private readonly oauthCodes = new Map<string, { userid: string; until: number }>();
  /** The jsapi tickets issued for agentConfig (the JS-SDK signs with them). */
  readonly jsapiTickets = new Set<string>();
  /** App messages sent (message/send), as WeCom received them. */
  readonly appMessages: Array<{ touser: string[]; msgtype: string; textcard?: { title: string; description: string; url: string; btntxt?: string } }> = [];
  /** A customer receives at most this many group sends a day (WeCom's published rule). */
  groupSendsPerDay = 1;
  private readonly received = new Map<string, number>();
  private readonly welcomeCodes = new Map<string, number>();
  private readonly tokens = new Map<string, Token>();
  private readonly limited = new Map<string, number>();
  private server = createServer((req, res) => void this.route(req, res));
  private seq = 0;
  /** Where callbacks go, and how they were answered. */
  callbackUrl: string | null = null;
  readonly deliveries: Array<{ status: number; body: string; ms: number }> = [];

  constructor(options: SimulatorOptions = {}) {
    this.corpId = options.corpId ?? 'ww5823bf96d3bd56c7';
    this.contactSecret = options.contactSecret ?? 'CONTACTsecret_0123456789abcdefghijklmnopq';
    this.agentId = options.agentId ?? '1000002';
    this.agentSecret = options.agentSecret ?? 'AGENTsecret_0123456789abcdefghijklmnopqrst';
    this.token = options.token ?? 'SimToken2026';
    this.encodingAesKey = options.encodingAesKey ?? 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    this.tokenLifetime = options.tokenLifetime ?? 7200;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.base;
  }
  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * The next `times` calls of `path` answer `errcode`, worded as WeCom words it (see WECOM_ERRMSG);
   * e.g. refuse('gettoken', 40013) for a corp id WeCom does not know.
   */
  refuse(path: string, errcode: keyof typeof WECOM_ERRMSG, times = 1): void {
    this.refusals.set(path, { errcode, times });
  }
  private readonly refusals = new Map<string, { errcode: keyof typeof WECOM_ERRMSG; times: number }>();
  private refusal(errcode: keyof typeof WECOM_ERRMSG, ip: string): { errcode: number; errmsg: string } {
    return { errcode, errmsg: weComErrmsg(errcode, ip) };
  }

  /** The next `times` calls of `path` answer 45009 (接口调用超过限制). */
  rateLimit(path: string, times: number): void {
    this.limited.set(path, times);
  }
  /** Every access token issued so far expires now. */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }
  callsOf(path: string): SimCall[] {
    return this.calls.filter((c) => c.path === path);
  }
  corpTag(group: string, name: string): string {
    let g = this.tagGroups.find((x) => x.group_name === group);
    if (!g) {
      g = { group_id: `et${this.next()}GROUP`, group_name: group, tags: [] };
      this.tagGroups.push(g);
    }
    const existing = g.tags.find((t) => t.name === name);
    if (existing) return existing.id;
    const id = `et${this.next()}TAG`;
    g.tags.push({ id, name });
    return id;
  }

  private next(): string {
    this.seq += 1;
    return String(this.seq).padStart(6, '0');
  }

  // --- what customers and reps do in WeCom, each followed by WeCom's callback

  /** A customer adds the rep `userId` (e.g. by scanning a channel code with `state`). */
  async addContact(input: { userId: string; contact: Partial<SimContact> & { name: string }; state?: string; tags?: string[]; remark?: string; remark_mobiles?: string[]; half?: boolean }) {
    this.members.add(input.userId);
    const external = input.contact.external_userid ?? `wm${this.next()}${randomBytes(8).toString('hex')}`;
    const entry = this.contacts.get(external) ?? { contact: { type: 1, gender: 0, ...input.contact, external_userid: external }, follows: [] };
    this.contacts.set(external, entry);
    entry.follows = entry.follows.filter((f) => f.userid !== input.userId);
    const follow: SimFollow = { userid: input.userId, createtime: Math.floor(this.now() / 1000), tags: input.tags ?? [], add_way: input.state ? 1 : 0 };
    if (input.state) follow.state = input.state;
    if (input.remark) follow.remark = input.remark;
    if (input.remark_mobiles) follow.remark_mobiles = input.remark_mobiles;
    entry.follows.push(follow);
    const welcome = randomBytes(12).toString('base64url');
    this.welcomeCodes.set(welcome, this.now() + 20_000);
    const delivery = await this.sendEvent({
      Event: 'change_external_contact',
      ChangeType: input.half ? 'add_half_external_contact' : 'add_external_contact',
      UserID: input.userId,
      ExternalUserID: external,
      ...(input.state ? { State: input.state } : {}),
      WelcomeCode: welcome,
    });
    return { externalUserId: external, welcomeCode: welcome, delivery };
  }

  /** A customer scans the channel code `configId`: WeCom picks the next of its members and adds them. */
  async scan(configId: string, contact: Partial<SimContact> & { name: string }) {
    const way = this.contactWays.get(configId);
    if (!way || way.deleted) throw new Error(`no live contact way ${configId}`);
    const userId = way.users[way.next % way.users.length]!;
    way.next += 1;
    return { userId, ...(await this.addContact({ userId, contact, state: way.state })) };
  }

  /** The rep taps "send" on the group send in WeCom: each customer gets it, unless no longer a contact or over the day's limit. */
  confirmGroupSend(msgid: string): void {
    const send = this.groupSends.get(msgid);
    if (!send || send.state !== 'waiting') throw new Error(`no waiting group send ${msgid}`);
    const day = new Date(this.now() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const [external, r] of send.recipients) {
      if (r.status !== 0) continue;
      const friend = this.contacts.get(external)?.follows.some((f) => f.userid === send.sender) ?? false;
      const key = `${external}:${day}`;
      if (!friend) r.status = 2;
      else if ((this.received.get(key) ?? 0) >= this.groupSendsPerDay) r.status = 3;
      else {
        r.status = 1;
        r.send_time = Math.floor(this.now() / 1000);
        this.received.set(key, (this.received.get(key) ?? 0) + 1);
      }
    }
    send.state = 'sent';
  }
  /** The msgids of the group sends a member has to confirm. */
  waitingGroupSends(sender: string): string[] {
    return [...this.groupSends.entries()].filter(([, s]) => s.sender === sender && s.state === 'waiting').map(([id]) => id);
  }

  /** The customer deletes the rep (del_follow_user), or the rep deletes the customer (del_external_contact). */
  async removeContact(input: { userId: string; externalUserId: string; by: 'customer' | 'rep'; source?: string }) {
    const entry = this.contacts.get(input.externalUserId);
    if (entry) entry.follows = entry.follows.filter((f) => f.userid !== input.userId);
    return this.sendEvent({
      Event: 'change_external_contact',
      ChangeType: input.by === 'customer' ? 'del_follow_user' : 'del_external_contact',
      UserID: input.userId,
      ExternalUserID: input.externalUserId,
      ...(input.source ? { Source: input.source } : {}),
    });
  }

  /** Whether `signature` is the agentConfig signature of `url` with a ticket this WeCom issued (what the WeCom app checks). */
  checkAgentConfig(input: { url: string; nonceStr: string; timestamp: string | number; signature: string }): boolean {
    const url = input.url.split('#')[0];
    for (const ticket of this.jsapiTickets) {
      const expected = createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${url}`).digest('hex');
      if (expected === input.signature) return true;
    }
    return false;
  }

  /** The plaintext of a callback about `fields`, as WeCom builds it (corp, sender, time, type). */
  eventXml(fields: Record<string, string | number>, at = Math.floor(this.now() / 1000)): string {
    return callbackXml({ ToUserName: this.corpId, FromUserName: 'sys', CreateTime: at, MsgType: 'event', ...fields });
  }

  /** Encrypts, signs and POSTs a callback the way WeCom does, retrying up to 3 times without `success`. */
  async sendEvent(fields: Record<string, string | number>, options: { retries?: number } = {}) {
    return this.deliver(this.eventXml(fields), options);
  }

  /** The envelope WeCom would POST for `plaintext`: its query and its body. */
  envelope(plaintext: string, at = { timestamp: String(Math.floor(this.now() / 1000)), nonce: String(1_000_000 + Math.floor(Math.random() * 8_999_999)) }) {
    const encrypted = simEncrypt(this.encodingAesKey, plaintext, this.corpId);
    const query = new URLSearchParams({ msg_signature: simSignature(this.token, at.timestamp, at.nonce, encrypted), timestamp: at.timestamp, nonce: at.nonce });
    const body = `<xml><ToUserName>${cdata(this.corpId)}</ToUserName><AgentID>${cdata(this.agentId)}</AgentID><Encrypt>${cdata(encrypted)}</Encrypt></xml>`;
    return { query, body };
  }

  async deliver(plaintext: string, options: { retries?: number } = {}): Promise<{ status: number; body: string; attempts: number }> {
    if (!this.callbackUrl) throw new Error('the simulator has no callback URL: set callbackUrl first');
    const { query, body } = this.envelope(plaintext);
    let last = { status: 0, body: '', attempts: 0 };
    for (let attempt = 1; attempt <= 1 + (options.retries ?? 3); attempt += 1) {
      const started = Date.now();
      try {
        const res = await fetch(`${this.callbackUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body, signal: AbortSignal.timeout(5000) });
        last = { status: res.status, body: await res.text(), attempts: attempt };
      } catch (err) {
        last = { status: 0, body: String(err), attempts: attempt };
      }
      this.deliveries.push({ status: last.status, body: last.body, ms: Date.now() - started });
      if (last.status === 200 && last.body === 'success') break;
    }
    return last;
  }

  /** WeCom's URL check when an admin saves the callback URL: the plaintext must come back. */
  async verifyUrl(url = this.callbackUrl): Promise<{ ok: boolean; status: number; body: string; ms: number; expected: string }> {
    const expected = String(randomBytes(8).readBigUInt64BE()).slice(0, 19);
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const echostr = simEncrypt(this.encodingAesKey, expected, this.corpId);
    const query = new URLSearchParams({ msg_signature: simSignature(this.token, timestamp, nonce, echostr), timestamp, nonce, echostr });
    const started = Date.now();
    const res = await fetch(`${url}?${query}`);
    const body = await res.text();
    return { ok: res.status === 200 && body === expected, status: res.status, body, ms: Date.now() - started, expected };
  }

  // --- the API

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests += 1;
    if (this.down) {
      res.writeHead(503).end();
      return;
    }
    if (this.network === 'hang') return;
    if (this.network === 'reset') {
      req.socket.destroy();
      return;
    }
    if (this.network === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>Please sign in to the Wi-Fi</body></html>');
      return;
    }
    const ip = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const url = new URL(req.url ?? '/', 'http://sim');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return this.answer(res, url, body, { errcode: 47001, errmsg: 'data format error' });
      }
    }
    const path = url.pathname.replace(/^\/cgi-bin\//, '');
    const query = Object.fromEntries(url.searchParams);
    const remaining = this.limited.get(path) ?? 0;
    if (remaining > 0) {
      this.limited.set(path, remaining - 1);
      return this.answer(res, url, body, { errcode: 45009, errmsg: 'api freq out of limit' });
    }
    const refused = this.refusals.get(path);
    if (refused && refused.times > 0) {
      refused.times -= 1;
      return this.answer(res, url, body, this.refusal(refused.errcode, ip));
    }
    if (path === 'gettoken') return this.answer(res, url, body, this.getToken(query, ip));
    // The QR image of a contact way, as WeCom's image host serves it (no token).
    const qr = /^\/qr\/([\w-]+)\.png$/.exec(url.pathname);
    if (qr && req.method === 'GET') {
      const way = this.contactWays.get(qr[1]!);
      if (!way || way.deleted) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'image/png' }).end(await QRCode.toBuffer(`https://work.weixin.qq.com/ca/${qr[1]}`, { width: 256, margin: 1 }));
      return;
    }
    // WeCom's OAuth page (inside the app) and its web login (a QR code elsewhere): the member on this
    // device is sent back to the app's redirect_uri with a one-time code.
    if ((url.pathname === '/connect/oauth2/authorize' || url.pathname === '/wwlogin/sso/login') && req.method === 'GET') {
      this.calls.push({ path: url.pathname, query, body: undefined, answer: {} });
      const redirect = query.redirect_uri;
      if (query.appid !== this.corpId || query.agentid !== this.agentId || !redirect) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('参数错误');
        return;
      }
      if (!this.oauthMember) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>请使用企业微信扫码登录</p>');
        return;
      }
      const code = randomBytes(16).toString('hex');
      this.oauthCodes.set(code, { userid: this.oauthMember, until: this.now() + 5 * 60_000 });
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      back.searchParams.set('state', query.state ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    const auth = this.authorise(query.access_token);
    if ('errcode' in auth) return this.answer(res, url, body, auth);
    const handler = this.handlers[path];
    if (!handler) return this.answer(res, url, body, { errcode: 404, errmsg: `no such api: ${path}` }, 404);
    if (path.startsWith('externalcontact/') && (!this.contactApiEnabled || (auth.app === 'agent' && !this.agentMayUseContact))) return this.answer(res, url, body, { errcode: 48002, errmsg: 'api forbidden' });
    // The self-built app's own calls need its token (the customer-contact secret has no app).
    if (['auth/getuserinfo', 'ticket/get', 'message/send'].includes(path) && auth.app !== 'agent') return this.answer(res, url, body, { errcode: 48002, errmsg: 'api forbidden' });
    return this.answer(res, url, body, handler(query, (body ?? {}) as Record<string, unknown>, auth));
  }

  private answer(res: ServerResponse, url: URL, body: unknown, answer: Record<string, unknown>, status = 200): void {
    const full = { errcode: 0, errmsg: 'ok', ...answer };
    const query = Object.fromEntries(url.searchParams);
    this.calls.push({ path: url.pathname.replace(/^\/cgi-bin\//, ''), query, body, answer: full });
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(full));
  }

  private getToken(query: Record<string, string>, ip: string): Record<string, unknown> {
    if (query.corpid !== this.corpId) return this.refusal(40013, ip);
    const app = query.corpsecret === this.contactSecret ? 'contact' : query.corpsecret === this.agentSecret ? 'agent' : null;
    if (!app) return this.refusal(40001, ip);
    if (!this.ipTrusted) return this.refusal(60020, ip);
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { app, expiresAt: this.now() + this.tokenLifetime * 1000 });
    return { access_token: token, expires_in: this.tokenLifetime };
  }

  private authorise(token: string | undefined): Token | { errcode: number; errmsg: string } {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const known = this.tokens.get(token);
    if (!known) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (known.expiresAt <= this.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return known;
  }

  private tagOf(id: string): { tag_id: string; tag_name: string; group_name: string; type: number } | null {
    for (const g of this.tagGroups) {
      const t = g.tags.find((x) => x.id === id);
      if (t) return { tag_id: t.id, tag_name: t.name, group_name: g.group_name, type: 1 };
    }
    return null;
  }

  private readonly handlers: Record<string, (query: Record<string, string>, body: Record<string, unknown>, auth: Token) => Record<string, unknown>> = {
    'externalcontact/get': (query) => {
      const entry = query.external_userid ? this.contacts.get(query.external_userid) : undefined;
      if (!entry) return { errcode: 40096, errmsg: 'invalid external userid' };
      if (entry.follows.length === 0) return { errcode: 84061, errmsg: 'not external contact' };
      const start = Number(query.cursor || 0);
      const page = entry.follows.slice(start, start + this.followPageSize);
      const more = start + this.followPageSize < entry.follows.length;
      return {
        external_contact: entry.contact,
        follow_user: page.map((f) => ({ ...f, tags: f.tags.map((id) => this.tagOf(id)).filter(Boolean) })),
        ...(more ? { next_cursor: String(start + this.followPageSize) } : {}),
      };
    },
    'externalcontact/batch/get_by_user': (_q, body) => {
      const users = Array.isArray(body.userid_list) ? (body.userid_list as string[]) : [];
      if (users.length === 0 || users.length > 100) return { errcode: 40058, errmsg: 'userid_list size must be 1 to 100' };
      const limit = Number(body.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { errcode: 40058, errmsg: 'limit must be 1 to 100' };
      const all = [...this.contacts.values()].flatMap((e) => e.follows.filter((f) => users.includes(f.userid)).map((f) => ({ contact: e.contact, follow: f })));
      const start = Number(body.cursor || 0);
      const page = all.slice(start, start + limit);
      return {
        external_contact_list: page.map(({ contact, follow }) => ({ external_contact: contact, follow_info: { ...follow, tags: undefined, tag_id: follow.tags } })),
        ...(start + limit < all.length ? { next_cursor: String(start + limit) } : { next_cursor: '' }),
      };
    },
    'externalcontact/get_follow_user_list': () => ({ follow_user: [...this.members] }),
    'externalcontact/add_contact_way': (_q, body) => {
      const users = Array.isArray(body.user) ? (body.user as string[]) : [];
      const type = Number(body.type);
      if (type !== 1 && type !== 2) return { errcode: 40058, errmsg: 'invalid type' };
      if (Number(body.scene) !== 2 && Number(body.scene) !== 1) return { errcode: 40058, errmsg: 'invalid scene' };
      if (users.length === 0 || (type === 1 && users.length !== 1) || users.length > 100) return { errcode: 40058, errmsg: 'invalid user list' };
      const unknown = users.find((u) => !this.members.has(u));
      if (unknown) return { errcode: 40003, errmsg: `invalid userid ${unknown}` };
      const state = typeof body.state === 'string' ? body.state : '';
      if (state.length > 30) return { errcode: 40058, errmsg: 'state exceed max length 30' };
      const configId = randomBytes(16).toString('hex');
      this.contactWays.set(configId, { type, state, users, remark: String(body.remark ?? ''), next: 0, deleted: false });
      return { config_id: configId, qr_code: `${this.base}/qr/${configId}.png` };
    },
    'externalcontact/update_contact_way': (_q, body) => {
      const way = this.contactWays.get(String(body.config_id));
      if (!way || way.deleted) return { errcode: 41044, errmsg: 'invalid config_id' };
      const users = Array.isArray(body.user) ? (body.user as string[]) : way.users;
      const unknown = users.find((u) => !this.members.has(u));
      if (unknown) return { errcode: 40003, errmsg: `invalid userid ${unknown}` };
      way.users = users;
      if (typeof body.state === 'string') way.state = body.state;
      return {};
    },
    'externalcontact/del_contact_way': (_q, body) => {
      const way = this.contactWays.get(String(body.config_id));
      if (!way || way.deleted) return { errcode: 41044, errmsg: 'invalid config_id' };
      way.deleted = true;
      return {};
    },
    'externalcontact/send_welcome_msg': (_q, body) => {
      const code = String(body.welcome_code ?? '');
      const until = this.welcomeCodes.get(code);
      if (until === undefined || until < this.now()) return { errcode: 41051, errmsg: 'welcome_code expired or used' };
      const text = (body.text ?? {}) as { content?: unknown };
      if (typeof text.content !== 'string' || text.content === '') return { errcode: 41048, errmsg: 'no content' };
      this.welcomeCodes.delete(code);
      this.welcomes.push({ welcomeCode: code, content: text.content });
      return {};
    },
    'auth/getuserinfo': (query) => {
      const entry = query.code ? this.oauthCodes.get(query.code) : undefined;
      if (!entry || entry.until < this.now()) return { errcode: 40029, errmsg: 'invalid code' };
      this.oauthCodes.delete(query.code!);
      // Someone outside the corp (a WeChat user) gets an openid, not a userid.
      return this.oauthOutsider ? { openid: 'oOUTSIDER0000' } : { userid: entry.userid, user_ticket: randomBytes(8).toString('hex') };
    },
    'ticket/get': (query) => {
      if (query.type !== 'agent_config') return { errcode: 40058, errmsg: 'invalid type' };
      const ticket = randomBytes(18).toString('base64url');
      this.jsapiTickets.add(ticket);
      return { ticket, expires_in: 7200 };
    },
    'message/send': (_q, body) => {
      if (String(body.agentid) !== this.agentId) return { errcode: 40056, errmsg: 'invalid agentid' };
      const touser = typeof body.touser === 'string' ? body.touser.split('|').filter(Boolean) : [];
      if (touser.length === 0) return { errcode: 40058, errmsg: 'touser is empty' };
      const msgtype = String(body.msgtype ?? '');
      const card = body.textcard as { title?: unknown; description?: unknown; url?: unknown; btntxt?: unknown } | undefined;
      if (msgtype === 'textcard' && (typeof card?.title !== 'string' || typeof card.description !== 'string' || typeof card.url !== 'string')) return { errcode: 41048, errmsg: 'textcard needs title, description and url' };
      const invalid = touser.filter((u) => !this.members.has(u));
      const valid = touser.filter((u) => this.members.has(u));
      if (valid.length === 0) return { errcode: 81013, errmsg: 'user & party & tag all invalid' };
      this.appMessages.push({ touser: valid, msgtype, ...(card ? { textcard: card as { title: string; description: string; url: string; btntxt?: string } } : {}) });
      return { msgid: `app${this.next()}`, ...(invalid.length ? { invaliduser: invalid.join('|') } : {}) };
    },
    'externalcontact/add_msg_template': (_q, body) => {
      if (body.chat_type !== undefined && body.chat_type !== 'single') return { errcode: 40058, errmsg: 'only single is simulated' };
      const sender = typeof body.sender === 'string' ? body.sender : '';
      if (!this.members.has(sender)) return { errcode: 40003, errmsg: `invalid userid ${sender}` };
      const list = Array.isArray(body.external_userid) ? (body.external_userid as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      if (list.length === 0 || list.length > 10_000) return { errcode: 40058, errmsg: 'external_userid size must be 1 to 10000' };
      const text = (body.text ?? {}) as { content?: unknown };
      if (typeof text.content !== 'string' || text.content === '' || text.content.length > 4000) return { errcode: 41048, errmsg: 'invalid text content' };
      const recipients = new Map<string, { status: 0 | 1 | 2 | 3; send_time?: number }>();
      const fail: string[] = [];
      for (const external of new Set(list)) {
        if (this.contacts.get(external)?.follows.some((f) => f.userid === sender)) recipients.set(external, { status: 0 });
        else fail.push(external);
      }
      if (recipients.size === 0) return { errcode: 41063, errmsg: 'no valid external_userid', fail_list: fail };
      const msgid = `msg${this.next()}${randomBytes(6).toString('hex')}`;
      this.groupSends.set(msgid, { sender, text: text.content, state: 'waiting', reminders: 0, recipients });
      return { msgid, fail_list: fail };
    },
    'externalcontact/get_groupmsg_send_result': (_q, body) => {
      const send = this.groupSends.get(String(body.msgid ?? ''));
      if (!send) return { errcode: 40058, errmsg: 'invalid msgid' };
      if (body.userid !== send.sender) return { errcode: 40003, errmsg: 'invalid userid' };
      const limit = Number(body.limit ?? 500);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { errcode: 40058, errmsg: 'limit must be 1 to 1000' };
      const all = [...send.recipients.entries()];
      const start = Number(body.cursor || 0);
      const page = all.slice(start, start + limit);
      return {
        send_list: page.map(([external, r]) => ({ external_userid: external, userid: send.sender, status: r.status, ...(r.send_time ? { send_time: r.send_time } : {}) })),
        next_cursor: start + limit < all.length ? String(start + limit) : '',
      };
    },
    'externalcontact/remind_groupmsg_send': (_q, body) => {
      const send = this.groupSends.get(String(body.msgid ?? ''));
      if (!send || send.state !== 'waiting') return { errcode: 40058, errmsg: 'invalid msgid' };
      send.reminders += 1;
      return {};
    },
    'externalcontact/cancel_groupmsg_send': (_q, body) => {
      const send = this.groupSends.get(String(body.msgid ?? ''));
      if (!send) return { errcode: 40058, errmsg: 'invalid msgid' };
      if (send.state === 'waiting') send.state = 'cancelled';
      return {};
    },
    'externalcontact/mark_tag': (_q, body) => {
      const entry = this.contacts.get(String(body.external_userid ?? ''));
      const follow = entry?.follows.find((f) => f.userid === body.userid);
      if (!entry) return { errcode: 40096, errmsg: 'invalid external userid' };
      if (!follow) return { errcode: 84061, errmsg: 'not external contact' };
      const add = Array.isArray(body.add_tag) ? (body.add_tag as string[]) : [];
      const remove = Array.isArray(body.remove_tag) ? (body.remove_tag as string[]) : [];
      if (add.length === 0 && remove.length === 0) return { errcode: 40058, errmsg: 'add_tag and remove_tag are empty' };
      if ([...add, ...remove].some((id) => !this.tagOf(id))) return { errcode: 40068, errmsg: 'invalid tagid' };
      follow.tags = [...new Set([...follow.tags.filter((t) => !remove.includes(t)), ...add])];
      return {};
    },
    'externalcontact/get_corp_tag_list': (_q, body) => {
      const ids = Array.isArray(body.tag_id) ? (body.tag_id as string[]) : null;
      return {
        tag_group: this.tagGroups
          .map((g) => ({ group_id: g.group_id, group_name: g.group_name, tag: g.tags.filter((t) => !ids || ids.includes(t.id)).map((t) => ({ id: t.id, name: t.name })) }))
          .filter((g) => g.tag.length > 0),
      };
    },
  };
}
