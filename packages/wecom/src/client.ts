import { handlingOf, unreachableKindOf, WeComApiError, WeComUnreachable } from './errors.ts';

/**
 * One WeCom app's API client (the customer-contact secret and the self-built app each have their own
 * access token). The token lives in a cache shared by every process (the database), is refreshed
 * five minutes before it expires, and a token answer of "invalid / expired" gets one fresh token and
 * one retry. Busy and rate-limit answers back off exponentially. A call that is not idempotent (a
 * group send) is retried only when WeCom said in words that it did nothing — never after a timeout,
 * where the first try may have gone through.
 */
export const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com';

export type CachedToken = { token: string; expiresAt: Date };

export type TokenCache = {
  get(): Promise<CachedToken | null>;
  put(token: CachedToken): Promise<void>;
  /** Forget `token` (only if it is still the cached one: another process may have refreshed it). */
  drop(token: string): Promise<void>;
};

export type RetryPolicy = { attempts: number; baseMs: number; maxMs: number };

export type WeComClientOptions = {
  base?: string;
  corpId: string;
  secret: string;
  cache: TokenCache;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
};

export type CallOptions = {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** false for calls that create something on WeCom's side (a group send). */
  idempotent?: boolean;
};

export type WeComClient = {
  get<T>(path: string, query?: CallOptions['query']): Promise<T>;
  post<T>(path: string, body: unknown, options?: Omit<CallOptions, 'body'>): Promise<T>;
  /** A valid access token, fetched if needed (what "test connection" checks). */
  token(): Promise<string>;
};

const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_ERRORS = new Set([40014, 41001, 42001]);

type Answer = { errcode?: number; errmsg?: string } & Record<string, unknown>;

export function createWeComClient(options: WeComClientOptions): WeComClient {
  const base = (options.base ?? DEFAULT_API_BASE).replace(/\/+$/, '');
  // Named in messages about an unreachable WeCom: the admin sees where the server tried to go.
  const host = URL.canParse(base) ? new URL(base).host : base;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => new Date());
  const retry: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 8_000, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  let refreshing: Promise<string> | null = null;

  const backoff = (attempt: number) => {
    const ceiling = Math.min(retry.maxMs, retry.baseMs * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };

  /** One HTTP exchange; WeComUnreachable when there is no JSON answer. */
  async function exchange(path: string, url: string, body: unknown): Promise<Answer> {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const kind = unreachableKindOf(err);
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null;
      const code = String((cause as { code?: unknown } | null)?.code ?? '');
      const said = cause ? cause.message.trim() : err instanceof Error ? err.message : String(err);
      const detail = kind === 'timeout' ? `no answer in ${timeoutMs / 1000} s` : code && !said.includes(code) ? `${said} [${code}]` : said;
      throw new WeComUnreachable(path, detail, kind, host);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500) throw new WeComUnreachable(path, `HTTP ${response.status}`, 'http', host);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      return parsed as Answer;
    } catch {
      throw new WeComUnreachable(path, `HTTP ${response.status}, not a WeCom answer: ${text.slice(0, 80).replace(/\s+/g, ' ')}`, 'not-wecom', host);
    }
  }

  const urlOf = (path: string, query: CallOptions['query']) => {
    const url = new URL(`${base}/cgi-bin/${path}`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  };

  /** Retries what WeCom or the network says is worth retrying; returns the successful answer. */
  async function withBackoff(path: string, attemptOnce: () => Promise<Answer>, idempotent: boolean): Promise<Answer> {
    for (let attempt = 0; ; attempt += 1) {
      let answer: Answer;
      try {
        answer = await attemptOnce();
      } catch (err) {
        if (!(err instanceof WeComUnreachable) || !idempotent || attempt + 1 >= retry.attempts) throw err;
        await sleep(backoff(attempt));
        continue;
      }
      const errcode = answer.errcode ?? 0;
      if (errcode === 0) return answer;
      if (handlingOf(errcode) === 'back-off' && attempt + 1 < retry.attempts) {
        await sleep(backoff(attempt));
        continue;
      }
      throw new WeComApiError(errcode, String(answer.errmsg ?? ''), path);
    }
  }

  async function fetchToken(): Promise<string> {
    const url = urlOf('gettoken', { corpid: options.corpId, corpsecret: options.secret });
    const started = now().getTime();
    const answer = await withBackoff('gettoken', () => exchange('gettoken', url.toString(), undefined), true);
    const token = answer.access_token;
    const expiresIn = Number(answer.expires_in);
    if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresIn)) throw new WeComUnreachable('gettoken', 'the answer has no access_token', 'not-wecom', host);
    await options.cache.put({ token, expiresAt: new Date(started + expiresIn * 1000) });
    return token;
  }

  async function token(): Promise<string> {
    const cached = await options.cache.get();
    if (cached && cached.expiresAt.getTime() - now().getTime() > REFRESH_MARGIN_MS) return cached.token;
    refreshing ??= fetchToken().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function call<T>(path: string, opts: CallOptions): Promise<T> {
    const idempotent = opts.idempotent ?? true;
    let renewed = false;
    for (;;) {
      const current = await token();
      try {
        const answer = await withBackoff(path, () => exchange(path, urlOf(path, { ...opts.query, access_token: current }).toString(), opts.body), idempotent);
        return answer as T;
      } catch (err) {
        if (err instanceof WeComApiError && TOKEN_ERRORS.has(err.errcode) && !renewed) {
          renewed = true;
          await options.cache.drop(current);
          continue;
        }
        throw err;
      }
    }
  }

  return {
    get: (path, query) => call(path, { query }),
    post: (path, body, opts) => call(path, { ...opts, body }),
    token,
  };
}
