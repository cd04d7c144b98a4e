/**
 * WeCom answers every call with `errcode` (0 = ok) and an `errmsg` WeCom may reword at any time, so
 * Sopline reads only the code. What each code means for the person fixing it, in both languages,
 * and what the client does about it: fetch a new access token, back off and try again, or stop.
 *
 * The meanings follow WeCom's global error code page (全局错误码, developer.work.weixin.qq.com
 * document 90313, as crawled into the errcodes package of github.com/61qt/go-workwx and
 * wx-rust-common's wx_cp_error_msg_enum.rs): 40001 不合法的secret参数 (secret 在应用详情可查看),
 * 40013 不合法的CorpID (在 web 管理端 → 设置 可查看), 301002 无权限操作指定的应用 (the access_token
 * must come from the app named by agentid). 60020's errmsg as WeCom sends it, "not allow to access
 * from your ip, hint: […], from ip: 1.2.3.4, more info at …/devtool/query?e=60020" (quoted in WeCom's
 * developer community, developers.weixin.qq.com), names the IP WeCom saw: the one to add to 企业可信IP.
 */
export type Handling = 'new-token' | 'back-off' | 'stop';

type Known = { zh: string; en: string; handling: Handling };

const KNOWN: Record<number, Known> = {
  [-1]: { zh: '企业微信系统繁忙，稍后会自动重试。', en: 'WeCom is busy; Sopline tries again shortly.', handling: 'back-off' },
  40001: {
    zh: 'Secret 不正确：请到企业微信管理后台「客户与上下游 → 客户联系 → API」或「应用管理 → 自建应用」重新复制 Secret。',
    en: 'The secret is wrong: copy it again from the WeCom admin console (Customer Contact → API, or the self-built app).',
    handling: 'stop',
  },
  40013: { zh: '企业 ID（CorpID）不正确：请在「我的企业 → 企业信息」底部复制企业 ID。', en: 'The corp id is wrong: copy it from My Company → Company Information.', handling: 'stop' },
  40014: { zh: 'access_token 已失效，已自动重新获取。', en: 'The access token is no longer valid; Sopline fetches a new one.', handling: 'new-token' },
  40056: { zh: '应用 AgentId 不正确：请在「应用管理」中打开自建应用，复制 AgentId。', en: 'The agent id is wrong: open the self-built app under App Management and copy its AgentId.', handling: 'stop' },
  40029: { zh: '企业微信登录码无效或已用过，请重新打开页面。', en: 'The WeCom sign-in code is invalid or already used; open the page again.', handling: 'stop' },
  40096: { zh: '客户的外部联系人 ID 不正确，或该客户不属于本企业。', en: 'The customer’s external contact id is wrong or belongs to another corp.', handling: 'stop' },
  41001: { zh: '缺少 access_token，已自动重新获取。', en: 'The access token was missing; Sopline fetches one.', handling: 'new-token' },
  42001: { zh: 'access_token 已过期，已自动重新获取。', en: 'The access token expired; Sopline fetches a new one.', handling: 'new-token' },
  45009: { zh: '调用企业微信接口过于频繁，Sopline 会稍后自动重试。', en: 'Too many calls to WeCom; Sopline waits and tries again.', handling: 'back-off' },
  45033: { zh: '同时调用企业微信接口的请求过多，Sopline 会稍后自动重试。', en: 'Too many concurrent calls to WeCom; Sopline waits and tries again.', handling: 'back-off' },
  48002: {
    zh: '接口无权限：这个 Secret 不能调用该接口。客户联系接口请使用「客户联系」的 Secret，或在「客户联系 → API → 可调用接口的应用」中加入自建应用。',
    en: 'Not allowed: this secret may not call that API. Use the Customer Contact secret, or add the self-built app under Customer Contact → API → apps that may call the API.',
    handling: 'stop',
  },
  60011: { zh: '无权限访问该成员：请在应用的「可见范围」中加入相关成员或部门。', en: 'No access to that member: add the member or department to the app’s visible range.', handling: 'stop' },
  60020: {
    zh: '服务器 IP 不在企业可信 IP 中：请在企业微信管理后台「应用管理 → 自建应用 → 企业可信IP」中加入 Sopline 服务器的出口 IP。',
    en: 'The server’s IP is not trusted: add Sopline’s outgoing IP to the self-built app’s trusted IPs (App Management → your app → 企业可信IP).',
    handling: 'stop',
  },
  81013: {
    zh: '成员不存在或不在应用的可见范围内：请在自建应用的「可见范围」中加入该成员。',
    en: 'The member does not exist or is outside the app’s visible range: add them to the self-built app’s 可见范围.',
    handling: 'stop',
  },
  84061: { zh: '该客户已不是这位成员的联系人。', en: 'The customer is no longer this member’s contact.', handling: 'stop' },
  301002: { zh: '无权限操作该应用：请检查 AgentId 与 Secret 是否属于同一个自建应用。', en: 'No access to that app: check that the agent id and the secret belong to the same self-built app.', handling: 'stop' },
};

export function handlingOf(errcode: number): Handling {
  return KNOWN[errcode]?.handling ?? 'stop';
}

export function explainErrcode(errcode: number, lang: 'zh-CN' | 'en', errmsg = ''): string {
  const known = KNOWN[errcode];
  if (known) {
    const words = lang === 'en' ? known.en : known.zh;
    const ip = errcode === 60020 ? fromIp(errmsg) : null;
    if (!ip) return words;
    return lang === 'en' ? `${words} WeCom saw the call come from ${ip}.` : `${words}企业微信看到的来源 IP 是 ${ip}。`;
  }
  return lang === 'en' ? `WeCom refused the call (error ${errcode}).` : `企业微信拒绝了这次调用（错误码 ${errcode}）。`;
}

/** The "from ip: …" WeCom writes into some errmsgs (60020); null when it is not there or not an IP. */
export function fromIp(errmsg: string): string | null {
  const match = /from ip:\s*([0-9a-fA-F.:]{3,45})/.exec(errmsg);
  return match ? match[1]!.replace(/[.:]+$/, '') : null;
}

/** WeCom answered with a non-zero errcode. */
export class WeComApiError extends Error {
  readonly errcode: number;
  readonly errmsg: string;
  readonly path: string;
  constructor(errcode: number, errmsg: string, path: string) {
    super(`WeCom ${path}: ${errcode} ${errmsg}`);
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.path = path;
    this.name = 'WeComApiError';
  }
  explain(lang: 'zh-CN' | 'en'): string {
    return explainErrcode(this.errcode, lang, this.errmsg);
  }
}

/**
 * How a call failed to get an answer from WeCom, read from Node's error codes (undici puts the
 * socket's error in `cause`): each has its own likely fix, so each is said in its own words.
 */
export type UnreachableKind = 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'http' | 'not-wecom' | 'network';

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|EPROTO$|HOSTNAME_MISMATCH)/;

export function unreachableKindOf(err: unknown): UnreachableKind {
  const parts: unknown[] = [err, err instanceof Error ? err.cause : undefined];
  for (const part of parts) {
    if (!(part instanceof Error)) continue;
    if (part.name === 'TimeoutError' || part.name === 'ConnectTimeoutError') return 'timeout';
    const code = String((part as { code?: unknown }).code ?? '');
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') return 'dns';
    if (code === 'ECONNREFUSED') return 'refused';
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
    if (TLS_CODE.test(code)) return 'tls';
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'reset';
    if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'EADDRNOTAVAIL') return 'refused';
  }
  return 'network';
}

/** What the admin reads, per kind: what happened, then what to check. `host` is where the server tried to go. */
const UNREACHABLE: Record<UnreachableKind, { zh: (host: string) => string; en: (host: string) => string }> = {
  dns: {
    zh: (h) => `服务器找不到企业微信 API 的地址（无法解析域名 ${h}）：请检查服务器的 DNS 和外网访问；如果服务器要经代理访问外网，请把 WECOM_API_BASE 设为该代理的地址。`,
    en: (h) => `The server cannot find WeCom’s API (the name ${h} does not resolve): check the server’s DNS and outbound internet access; if it must go through a proxy, set WECOM_API_BASE to the proxy’s address.`,
  },
  refused: {
    zh: (h) => `服务器连不上企业微信 API（${h} 拒绝了连接或无法到达）：请检查服务器的出站网络和防火墙；如果设置了 WECOM_API_BASE，请确认它指向的代理正在运行。`,
    en: (h) => `The server cannot connect to WeCom’s API (${h} refused the connection or cannot be reached): check the server’s outbound network and firewall; if WECOM_API_BASE is set, check that the proxy it names is running.`,
  },
  timeout: {
    zh: (h) => `服务器连接企业微信 API（${h}）超时：请检查服务器的出站网络、防火墙或代理；网络恢复后再点「测试连接」。`,
    en: (h) => `The server got no answer from WeCom’s API (${h}) in time: check the server’s outbound network, firewall or proxy, then test again.`,
  },
  tls: {
    zh: (h) => `服务器与企业微信 API（${h}）的 HTTPS 安全连接失败：请检查出口代理是否替换了证书、服务器时间是否正确，以及 WECOM_API_BASE 的 http/https 是否写对。`,
    en: (h) => `The secure (HTTPS) connection from the server to WeCom’s API (${h}) failed: check whether an outbound proxy replaces the certificate, that the server’s clock is right, and that WECOM_API_BASE has the right http/https.`,
  },
  reset: {
    zh: (h) => `服务器与企业微信 API（${h}）的连接被中断：请检查服务器的出站网络、防火墙或代理，然后再试一次。`,
    en: (h) => `The connection from the server to WeCom’s API (${h}) was cut off: check the server’s outbound network, firewall or proxy, then try again.`,
  },
  http: {
    zh: (h) => `企业微信 API（${h}）暂时无法应答（服务器错误）：可能是企业微信或出口代理临时故障，请稍后再试。`,
    en: (h) => `WeCom’s API (${h}) could not answer (a server error): WeCom or an outbound proxy is having trouble; try again later.`,
  },
  'not-wecom': {
    zh: (h) => `${h} 的应答不是企业微信 API 的应答：请检查 WECOM_API_BASE 是否为 https://qyapi.weixin.qq.com 或能转发到它的代理。`,
    en: (h) => `The answer from ${h} is not WeCom’s: check that WECOM_API_BASE is https://qyapi.weixin.qq.com or a proxy that forwards to it.`,
  },
  network: {
    zh: (h) => `服务器无法连接企业微信 API（${h}）：请检查服务器的出站网络、代理，以及 WECOM_API_BASE 设置。`,
    en: (h) => `The server cannot reach WeCom’s API (${h}): check the server’s outbound network, proxy and WECOM_API_BASE.`,
  },
};

/**
 * WeCom could not be reached, or did not answer in time, or answered something that is not its JSON.
 * `explain` says so in words with the fix; `detail` keeps Node's own words for the log and a "details" disclosure.
 */
export class WeComUnreachable extends Error {
  readonly path: string;
  readonly detail: string;
  readonly kind: UnreachableKind;
  readonly host: string;
  constructor(path: string, detail: string, kind: UnreachableKind = 'network', host = 'qyapi.weixin.qq.com') {
    super(`WeCom ${path} unreachable: ${detail}`);
    this.path = path;
    this.detail = detail;
    this.kind = kind;
    this.host = host;
    this.name = 'WeComUnreachable';
  }
  explain(lang: 'zh-CN' | 'en'): string {
    return UNREACHABLE[this.kind][lang === 'en' ? 'en' : 'zh'](this.host);
  }
}
