import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { DomainError } from '../errors.ts';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** The rules, as the setup and invitation forms say them before anyone types. */
export const PASSWORD_RULES: Text = text(
  `至少 ${PASSWORD_MIN} 个字符；不能与邮箱相同，不能只是同一个字符重复，也不能是 1234567890、qwertyuiop 这类连续按键`,
  `At least ${PASSWORD_MIN} characters; not your e-mail, not one character repeated, and not a run of keys such as 1234567890 or qwertyuiop`,
);

// Runs along a keyboard row or the alphabet: long ones are among the first guesses of any attacker.
const RUNS = ['01234567890', '09876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** What is wrong with a new password, in words, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): Text | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN) return text(`密码至少 ${PASSWORD_MIN} 个字符（现在 ${chars.length} 个）`, `The password needs at least ${PASSWORD_MIN} characters (it has ${chars.length})`);
  if (chars.length > PASSWORD_MAX) return text(`密码最多 ${PASSWORD_MAX} 个字符`, `The password can have at most ${PASSWORD_MAX} characters`);
  if (new Set(chars).size === 1) return text('密码不能只是同一个字符重复', 'The password cannot be one character repeated');
  const lower = password.toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) return text('密码不能与邮箱相同', 'The password cannot be your e-mail');
  if (RUNS.some((run) => run.includes(lower) || (run + run).includes(lower))) return text('密码不能是连续的按键或字母，如 1234567890', 'The password cannot be a run of keys or letters such as 1234567890');
  return null;
}

/** Throws a DomainError naming `field` when the password breaks a rule. */
export function checkNewPassword(password: string, context: { email?: string; field?: string } = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new DomainError('password.weak', problem, [], { field: context.field ?? 'password' });
}
