import { TRPCClientError } from '@trpc/client';

/**
 * The input field a failed save points at, if any: from the zod issues of the request, or the
 * `field` a domain error names (e.g. `config.url`, `time`).
 */
export function fieldOf(error: unknown): string | null {
  return fieldError(error)?.field ?? null;
}

/**
 * The field a failed save points at. The words come from `domain.text` in the UI's language (the server
 * answers schema failures that way too, see packages/api's errorFormatter); `message` is only the raw
 * schema text of a server that predates that, shown when there is nothing better.
 */
export function fieldError(error: unknown): { field: string; message: string | null } | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null; domain?: { details?: { field?: unknown } | null } | null } | undefined;
  const field = data?.domain?.details?.field;
  if (typeof field === 'string') return { field, message: null };
  const first = Object.entries(data?.zodError?.fieldErrors ?? {}).find(([, messages]) => messages && messages.length > 0);
  return first ? { field: first[0], message: first[1]![0]! } : null;
}

/** "a, b，c" → ['a', 'b', 'c']: mobiles typed with either comma. */
export function splitList(value: string): string[] {
  return value
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
