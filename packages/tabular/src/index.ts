export type { Encoding, Format } from './detect.ts';
export { delimiterOf, encodingOf, formatOf, UnreadableFile } from './detect.ts';
export type { CsvDialect, Row, Sheet } from './read.ts';
export { csvDialectOf, MAX_RECORD_CHARS, readCsvRows, readXlsxSheets, TableError, withHeader } from './read.ts';
export type { OutCell } from './write.ts';
export { csvStream, xlsxBuffer } from './write.ts';
