import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * WeCom's XML: one `<xml>` root whose children are text (mostly CDATA), sometimes nested one level.
 * Values stay strings (an ExternalUserID or a MsgId must never become a number). A DOCTYPE is refused
 * before parsing: WeCom never sends one, and entity expansion is how XML parsers get attacked.
 */
export type XmlRecord = { [key: string]: string | XmlRecord | XmlRecord[] | string[] };

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true, htmlEntities: false });

export function parseXml(text: string): XmlRecord {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlError('a DOCTYPE or entity declaration is not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  const parsed: unknown = parser.parse(text);
  const root = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).xml : undefined;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new XmlError('the document has no <xml> root with fields');
  return root as XmlRecord;
}

const builder = new XMLBuilder({ cdataPropName: '__cdata', format: false, suppressEmptyNode: false });

/** `<xml>` with every string field as CDATA and every number as plain text, as WeCom writes it. */
export function buildXml(fields: Record<string, string | number>): string {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) body[key] = typeof value === 'number' ? String(value) : { __cdata: value };
  return builder.build({ xml: body }) as string;
}

export function textOf(record: XmlRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}
