import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** How long a claim (the dispatcher lease, a bulk job) holds without renewal: a crashed holder's work resumes elsewhere after this. */
export const DEFAULT_LEASE_MS = 30_000;

/** A name for this process in lease rows: readable in the database, unique across restarts. */
export function holderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
