// Importing customers and orders from spreadsheets: upload, map, preview, dry run, import, report.
export { CUSTOMER_FIELDS, ORDER_FIELDS, FIELD_LABELS, ImportMapping, guessMapping, mappingProblems, PROPERTY_TARGET } from './fields.ts';
export type { CustomerField, ImportField, OrderField } from './fields.ts';
export type { RowProblem } from './customers.ts';
export { uploadImport, getImport, listImports, importView, MAX_IMPORT_BYTES, IMPORT_CHUNK_BYTES } from './upload.ts';
export type { ImportJobView } from './upload.ts';
export { previewImport, PREVIEW_ROWS } from './preview.ts';
export type { ImportPreview } from './preview.ts';
export { startImport, runImportJob, startImportJobRunner, IMPORT_ROWS_PER_COMMIT } from './run.ts';
export { importRejects, importReport } from './report.ts';
export type { RejectedRow } from './report.ts';
