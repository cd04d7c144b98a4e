/**
 * Serves the real app (REST + tRPC) over a fresh SQLite file with one API key, for outside fuzzers
 * such as schemathesis (see docs/reliability.md). No engine: events are stored, never dispatched.
 *
 *   node tests/integration/security/serve-rest.ts [port]    → prints the base URL and the API key
 */
import { startSecurityApp } from './app.ts';

const port = Number(process.argv[2] ?? 0);
const app = await startSecurityApp({ port, logLevel: 'warn', echoLogs: true });
console.log(JSON.stringify({ base: app.base, apiKey: app.apiKey }));
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
