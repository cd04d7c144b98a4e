import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'sopline_session';

/** Reads one cookie from the request header (no cookie middleware needed for a single cookie). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionCookies(req: Request, res: Response) {
  const secure = req.secure || req.headers['x-forwarded-proto'] === 'https';
  return {
    setSession(token: string, expiresAt: Date) {
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
    },
    clearSession() {
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    },
  };
}
