import type { AppRouter } from '@sopline/api';
import { createTRPCClient, httpLink } from '@trpc/client';

/** Browsers refuse `keepalive` request bodies over 64 KiB (counting every such request in flight). */
const KEEPALIVE_BYTES = 60_000;

const bytes = (body: unknown) => (typeof body === 'string' ? new TextEncoder().encode(body).length : Infinity);

/** True when a draft this size can be saved by a request that outlives the page. */
export const fitsKeepalive = (json: string) => bytes(json) + 200 <= KEEPALIVE_BYTES;

/**
 * The client drafts are saved with: one request per save, sent with `keepalive` when it is small
 * enough, so a save started as the tab closes (pagehide) still reaches the server.
 */
export const draftSaveClient = createTRPCClient<AppRouter>({
  links: [httpLink({ url: '/trpc', fetch: (url, init) => fetch(url, { ...init, keepalive: bytes(init?.body) <= KEEPALIVE_BYTES }) })],
});
