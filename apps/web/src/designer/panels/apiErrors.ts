import type { Problem, Text } from '@sopline/graph';
import { TRPCClientError } from '@trpc/client';
import type { ConflictDetails } from './saveState.ts';
import { conflictDetails } from './saveState.ts';

type DomainData = { domainCode: string; text: Text; problems: Problem[]; details: Record<string, unknown> | null };

/** The domain error the API formatted into `data.domain` (bilingual text, problems, details), if any. */
export function domainOf(error: unknown): DomainData | null {
  if (!(error instanceof TRPCClientError)) return null;
  const domain = (error.data as { domain?: DomainData | null } | undefined)?.domain;
  return domain ?? null;
}

/** The details of a draft revision conflict, when this error is one. */
export function conflictOf(error: unknown): ConflictDetails | null {
  const domain = domainOf(error);
  return domain?.domainCode === 'journey.conflict' ? conflictDetails(domain.details) : null;
}

/** Problems an invalid journey was refused with (publish), or null. */
export function problemsOf(error: unknown): Problem[] | null {
  const domain = domainOf(error);
  return domain && domain.problems.length > 0 ? domain.problems : null;
}
