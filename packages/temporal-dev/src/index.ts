export { findTemporalCli, findTestServer, repoRoot, toolsBinDir, type LocateOptions } from './locate.ts';
export { ensureTemporalCli, ensureTestServer, TEMPORAL_CLI_VERSION, TEST_SERVER_VERSION, type FetchOptions } from './fetch.ts';
export {
  answersAsTemporal,
  DEFAULT_PORT,
  reuseOrStartDevServer,
  startDevServer,
  type DevServer,
  type DevServerOptions,
  type ReusableDevServer,
} from './dev-server.ts';
export { startTestServer, type TestServer, type TestServerOptions } from './test-server.ts';
export { freePort, isPortOpen } from './ports.ts';
