import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';

const flag = z.enum(['true', 'false', 'on', 'off', '1', '0']).transform((v) => v === 'true' || v === 'on' || v === '1');
const path = z.string().trim().min(1);

/**
 * The environment that says how to reach a Temporal cluster, shared by the API and worker processes.
 * Setting any certificate, the server name or an API key turns TLS on (Temporal Cloud needs it);
 * TEMPORAL_TLS=true alone uses TLS with the system's trusted roots.
 */
export const TemporalEnv = z.object({
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TLS: flag.optional(),
  /** PEM file of the CA that signed the server's certificate (default: the system's roots). */
  TEMPORAL_TLS_CA: path.optional(),
  /** PEM files of this client's certificate and key, for mTLS; both or neither. */
  TEMPORAL_TLS_CERT: path.optional(),
  TEMPORAL_TLS_KEY: path.optional(),
  /** The name to check the server's certificate against, when it differs from the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().trim().min(1).optional(),
  TEMPORAL_API_KEY: z.string().trim().min(1).optional(),
});
export type TemporalEnv = z.infer<typeof TemporalEnv>;

/** What both `Connection.connect` (client) and `NativeConnection.connect` (worker) take. */
export type TemporalConnectionOptions = { address: string; tls?: TLSConfig; apiKey?: string };

export type TemporalSettings = { connection: TemporalConnectionOptions; namespace: string; tls: boolean };

/** True when any TLS or API-key setting is present: they only make sense for a remote cluster. */
export function wantsSecureConnection(e: TemporalEnv): boolean {
  return e.TEMPORAL_TLS === true || [e.TEMPORAL_TLS_CA, e.TEMPORAL_TLS_CERT, e.TEMPORAL_TLS_KEY, e.TEMPORAL_TLS_SERVER_NAME, e.TEMPORAL_API_KEY].some((v) => v !== undefined);
}

/**
 * Builds the connection options, reading the PEM files now, so that a wrong path stops the process at
 * start with the variable's name rather than failing at the first connection. Problems come back as
 * `VARIABLE: message` lines.
 */
export function temporalSettings(address: string, e: TemporalEnv): { settings: TemporalSettings; problems: string[] } {
  const problems: string[] = [];
  const read = (name: 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY'): Buffer | undefined => {
    const file = e[name];
    if (file === undefined) return undefined;
    try {
      return readFileSync(file);
    } catch (err) {
      problems.push(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      return undefined;
    }
  };
  const hasTlsSettings = [e.TEMPORAL_TLS_CA, e.TEMPORAL_TLS_CERT, e.TEMPORAL_TLS_KEY, e.TEMPORAL_TLS_SERVER_NAME].some((v) => v !== undefined);
  if (e.TEMPORAL_TLS === false && hasTlsSettings) problems.push('TEMPORAL_TLS: is false, but TLS files or a server name are set; remove them or set TEMPORAL_TLS=true');
  if ((e.TEMPORAL_TLS_CERT === undefined) !== (e.TEMPORAL_TLS_KEY === undefined)) {
    problems.push(e.TEMPORAL_TLS_CERT === undefined ? 'TEMPORAL_TLS_CERT: required with TEMPORAL_TLS_KEY (mTLS needs both)' : 'TEMPORAL_TLS_KEY: required with TEMPORAL_TLS_CERT (mTLS needs both)');
  }
  const ca = read('TEMPORAL_TLS_CA');
  const crt = read('TEMPORAL_TLS_CERT');
  const key = read('TEMPORAL_TLS_KEY');
  const useTls = e.TEMPORAL_TLS ?? wantsSecureConnection(e);
  const connection: TemporalConnectionOptions = { address };
  if (useTls) {
    connection.tls = {
      ...(ca ? { serverRootCACertificate: ca } : {}),
      ...(crt && key ? { clientCertPair: { crt, key } } : {}),
      ...(e.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: e.TEMPORAL_TLS_SERVER_NAME } : {}),
    };
  }
  if (e.TEMPORAL_API_KEY) connection.apiKey = e.TEMPORAL_API_KEY;
  return { settings: { connection, namespace: e.TEMPORAL_NAMESPACE, tls: useTls }, problems };
}
