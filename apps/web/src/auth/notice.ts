/** A one-time message for the sign-in page, left by a page that sends the browser there (sessionStorage). */
export const NOTICE_KEY = 'sopline.signInNotice';

/** The notice left for the sign-in page, if any; it is removed once read by `clearSignInNotice`. */
export function signInNotice(): string | null {
  return sessionStorage.getItem(NOTICE_KEY);
}

export function clearSignInNotice(): void {
  sessionStorage.removeItem(NOTICE_KEY);
}
