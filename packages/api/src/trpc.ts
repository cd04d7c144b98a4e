import { initTRPC, TRPCError } from '@trpc/server';
import { DomainError } from '@sopline/domain';
import type { Problem, Text } from '@sopline/graph';
import { containsNul, issueText, nulMessage, text } from '@sopline/graph';
import { z } from 'zod';
import type { ApiContext } from './context.ts';

type DomainErrorData = { domainCode: string; text: Text; problems: Problem[]; details: Record<string, unknown> | null } | null;

/** HTTP status of each domain error code; the rest are 400. */
const STATUS: Record<string, TRPCError['code']> = {
  'not-found': 'NOT_FOUND',
  'auth.invalid': 'UNAUTHORIZED',
  'auth.throttled': 'TOO_MANY_REQUESTS',
  'setup.done': 'CONFLICT',
  'invitation.used': 'CONFLICT',
  'invitation.unknown': 'NOT_FOUND',
  'journey.conflict': 'CONFLICT',
  'task.closed': 'CONFLICT',
  'user.email-taken': 'CONFLICT',
  'customer.duplicate-id': 'CONFLICT',
  'customer.owner-forbidden': 'FORBIDDEN',
  'tag.name-taken': 'CONFLICT',
  'tag.in-use': 'CONFLICT',
  'stage.in-use': 'CONFLICT',
  'property.in-use': 'CONFLICT',
  'import.too-large': 'PAYLOAD_TOO_LARGE',
  'import.state': 'CONFLICT',
  forbidden: 'FORBIDDEN',
  'user.wecom-id-taken': 'CONFLICT',
  'wecom.not-configured': 'PRECONDITION_FAILED',
  'wecom.unavailable': 'PRECONDITION_FAILED',
  'channel-code.archived': 'CONFLICT',
  'group-send.busy': 'CONFLICT',
  'wecom.sidebar-unavailable': 'PRECONDITION_FAILED',
  'group-send.finished': 'CONFLICT',
  'group-send.reminded': 'TOO_MANY_REQUESTS',
  'group-send.no-wecom-account': 'PRECONDITION_FAILED',
  'wecom.unreachable': 'SERVICE_UNAVAILABLE',
};

const t = initTRPC.context<ApiContext>().create({
  // Stack traces stay in the logs, never in responses.
  isDev: process.env.NODE_ENV === 'development',
  // Field-level zod issues and bilingual domain messages reach the client, so the UI can point at
  // the field or node and speak the user's language.
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zodError = cause instanceof z.ZodError ? z.flattenError(cause) : null;
    // A request that fails its schema is answered like a domain error too: the first field's complaint in
    // both languages (no path in the words), and the field in `details`, for the UI to show next to it.
    const issue = cause instanceof z.ZodError ? cause.issues[0] : undefined;
    const domain: DomainErrorData =
      cause instanceof DomainError
        ? { domainCode: cause.code, text: cause.text, problems: cause.problems, details: cause.details }
        : issue
          ? { domainCode: 'input.invalid', text: issueText(issue), problems: [], details: { field: issue.path.map(String).join('.') } }
          : null;
    return { ...shape, data: { ...shape.data, zodError, domain } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps domain errors to tRPC codes so HTTP clients see 400/404/409/429 rather than 500. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: STATUS[cause.code] ?? 'BAD_REQUEST', message: cause.message, cause });
  }
  return result;
});

/**
 * PostgreSQL refuses U+0000 in text, so a name or label carrying one would fail deep in a write as a
 * 500; turn it away up front as the caller's mistake, on every database alike.
 */
const noNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  if (containsNul(await getRawInput())) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: nulMessage, cause: new DomainError('input.nul', text('文本中不能含有 NUL 字符（U+0000）', 'Text must not contain the NUL character (U+0000)')) });
  }
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(noNulCharacters);

const unauthenticated = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first', cause: new DomainError('auth.required', text('请先登录', 'Please sign in first')) });

/** Any signed-in user; every query below is scoped to `ctx.session.workspace`. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw unauthenticated();
  return next({ ctx: { ...ctx, session: ctx.session } });
});

type Role = 'admin' | 'ops' | 'sales';
const forbidden = () =>
  new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this', cause: new DomainError('auth.forbidden', text('你的角色无权执行此操作', 'Your role does not allow this')) });

export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.session.user.role)) throw forbidden();
    return next();
  });
}

/** Ops managers and admins: journeys, analytics, every customer and task of the workspace. */
export const managerProcedure = roleProcedure('admin', 'ops');
export const adminProcedure = roleProcedure('admin');
