import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * The PostgreSQL server of a `*-pg` test project: the one SOPLINE_TEST_POSTGRES (or SOPLINE_TEST_DATABASE)
 * names, else a throwaway server started for this run. Each test then works in
 * its own schema on it.
 */
export default async function setup(project: TestProject) {
  const given = process.env.SOPLINE_TEST_POSTGRES ?? process.env.SOPLINE_TEST_DATABASE;
  if (given && /^postgres(ql)?:\/\//i.test(given)) {
    project.provide('postgresUrl', given);
    return;
  }
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
