/**
 * What one attempt to deliver came to. A permanent failure (a 4xx answer, a bad configuration, a
 * rejected message) will fail again the same way, so it is not retried; a transient one (network
 * error, timeout, 5xx, 429, the service asking to slow down) is.
 */
export type DeliveryResult =
  | { ok: true; status?: number; detail?: string }
  | { ok: false; permanent: boolean; error: string; status?: number };

export const delivered = (status?: number, detail?: string): DeliveryResult => ({ ok: true, ...(status !== undefined ? { status } : {}), ...(detail ? { detail } : {}) });
export const transientFailure = (error: string, status?: number): DeliveryResult => ({ ok: false, permanent: false, error, ...(status !== undefined ? { status } : {}) });
export const permanentFailure = (error: string, status?: number): DeliveryResult => ({ ok: false, permanent: true, error, ...(status !== undefined ? { status } : {}) });

/** HTTP statuses worth retrying: timeouts, rate limits and server errors. Everything else 4xx is the caller's fault. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * A URL safe to log or show: the query string, fragment and any user:password are masked, since
 * webhook addresses carry their key there (`…/send?key=…`).
 */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const masked = url.search ? '?••••' : '';
    const auth = url.username || url.password ? '••••@' : '';
    return `${url.protocol}//${auth}${url.host}${url.pathname}${masked}`;
  } catch {
    return '(invalid URL)';
  }
}

/** An error message with every URL in it redacted, cut to a length that fits a log line. */
export function redactError(message: string, max = 500): string {
  const clean = message.replace(/https?:\/\/[^\s"'<>)]+/g, (u) => redactUrl(u));
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
