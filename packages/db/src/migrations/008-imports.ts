import type { Kysely } from 'kysely';

/**
 * Imports of customers and orders from a spreadsheet run as background jobs that survive a page
 * reload and a restart: the uploaded file is kept in the database in pieces (any process can resume
 * the job, and none reads it whole), the job row carries its mapping, its progress and a claim like
 * bulk jobs, and every rejected row is kept with its reasons and cells for the error report.
 */
export async function up(db: Kysely<unknown>, isSqlite: boolean): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('dialect', 'text')
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sheets', 'text')
    .addColumn('sheet', 'text')
    .addColumn('mapping', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer')
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_workspace').on('import_jobs').columns(['workspace_id', 'created_at']).execute();
  await db.schema
    .createTable('import_chunks')
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', isSqlite ? 'blob' : 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_chunks_pk', ['job_id', 'seq'])
    .execute();
  await db.schema
    .createTable('import_rejects')
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rejects_pk', ['job_id', 'phase', 'row'])
    .execute();
}
