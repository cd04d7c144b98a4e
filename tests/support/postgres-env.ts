import { inject } from 'vitest';

// Runs in each test process of a `*-pg` project before its test file: the database helpers
// (@sopline/db/testing) read this variable and give each test its own schema on that server.
process.env.SOPLINE_TEST_DATABASE = inject('postgresUrl');
