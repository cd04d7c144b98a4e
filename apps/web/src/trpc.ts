import type { AppRouter } from '@sopline/api';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // 401/403/404 will not heal by retrying.
      retry: (count, error) => !(error instanceof TRPCClientError && [401, 403, 404].includes(error.data?.httpStatus as number)) && count < 2,
    },
  },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc' })],
});

type Bilingual = { 'zh-CN': string; en: string };

/** The message to show for a failed call, in the user's language when the server sent both. */
export function errorText(error: unknown, lang: string): string {
  if (error instanceof TRPCClientError) {
    const domain = (error.data as { domain?: { text?: Bilingual } } | undefined)?.domain;
    if (domain?.text) return lang.startsWith('zh') ? domain.text['zh-CN'] : domain.text.en;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function httpStatusOf(error: unknown): number | undefined {
  return error instanceof TRPCClientError ? (error.data?.httpStatus as number | undefined) : undefined;
}
