import type { Viewer } from '@sopline/domain';
import { z } from 'zod';
import type { ApiContext } from './context.ts';

type Session = NonNullable<ApiContext['session']>;

/**
 * The signed-in user as the domain sees them: every use-case scopes to this workspace (and a rep to their
 * own rows). `timezone` is the person's clock — their own zone when they set one, else the workspace's —
 * so "today" in a rep's inbox is the rep's today.
 */
export function viewerOf(ctx: { session: Session }): Viewer & { timezone: string } {
  const { user, workspace, sessionId } = ctx.session;
  return { workspaceId: workspace.id, userId: user.id, role: user.role, sessionId, timezone: user.timezone ?? workspace.timezone };
}

/** limit ≤ 200 and an offset; the input may be left out entirely where every field has a default. */
export const pageInput = { limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).max(1_000_000).default(0) };
