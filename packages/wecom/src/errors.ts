/**
 * WeCom answers every call with `errcode` (0 = ok) and an `errmsg` WeCom may reword at any time, so
 * Sopline reads only the code. What each code means for the person fixing it, in both languages,
 * and what the client does about it: fetch a new access token, back off and try again, or stop.
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
    zh: '服务器 IP 不在企业可信 IP 中：请在自建应用的「企业可信IP」中加入 Sopline 服务器的出口 IP。',
    en: 'The server’s IP is not trusted: add Sopline’s outgoing IP to the self-built app’s trusted IPs (企业可信IP).',
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

export function explainErrcode(errcode: number, lang: 'zh-CN' | 'en'): string {
  const known = KNOWN[errcode];
  if (known) return lang === 'en' ? known.en : known.zh;
  return lang === 'en' ? `WeCom refused the call (error ${errcode}).` : `企业微信拒绝了这次调用（错误码 ${errcode}）。`;
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
    return explainErrcode(this.errcode, lang);
  }
}

/** WeCom could not be reached, or did not answer in time, or answered something that is not its JSON. */
export class WeComUnreachable extends Error {
  readonly path: string;
  readonly detail: string;
  constructor(path: string, detail: string) {
    super(`WeCom ${path} unreachable: ${detail}`);
    this.path = path;
    this.detail = detail;
    this.name = 'WeComUnreachable';
  }
  explain(lang: 'zh-CN' | 'en'): string {
    return lang === 'en'
      ? `Sopline could not reach WeCom (${this.detail}). Check the server’s internet access or WECOM_API_BASE.`
      : `Sopline 无法连接企业微信（${this.detail}）。请检查服务器的外网访问或 WECOM_API_BASE 设置。`;
  }
}
