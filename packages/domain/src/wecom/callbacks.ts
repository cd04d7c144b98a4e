import type { Db } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import type { SignedQuery } from '@sopline/wecom';
import { CallbackRejected, CallbackShapeError, messageDigest, openEnvelope, parseXml, readCallback, textOf, XmlError } from '@sopline/wecom';
import type { DomainDeps } from '../ports.ts';
import { openSettings } from './settings.ts';

/**
 * The callback URL (接收事件服务器). GET is WeCom's URL check: answer the decrypted echostr. POST
 * is an event: check the signature, decrypt, check the corp, store it (a redelivery of a stored
 * message changes nothing), and let WeCom go — the work happens after the answer.
 */
export class CallbackRefused extends Error {
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.name = 'CallbackRefused';
    this.status = status;
    this.reason = reason;
  }
}

/** How far a callback's timestamp may be from our clock: further, and it is an old message replayed. */
export const CALLBACK_WINDOW_MS = 10 * 60_000;
/** WeCom's messages are small; anything bigger is not from WeCom. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

type Query = Record<string, unknown>;

function signedQuery(query: Query): SignedQuery {
  const field = (name: string) => {
    const value = query[name];
    if (typeof value !== 'string' || value === '' || value.length > 512) throw new CallbackRefused(400, 'query', `${name} is missing from the query`);
    return value;
  };
  return { msg_signature: field('msg_signature'), timestamp: field('timestamp'), nonce: field('nonce') };
}

async function keysFor(deps: Pick<DomainDeps, 'db' | 'wecom'>, callbackKey: string) {
  if (!deps.wecom) throw new CallbackRefused(404, 'unavailable', 'this server has no WeCom integration');
  const row = callbackKey.length <= 64 ? await repos(deps.db).wecom.settingsByCallbackKey(callbackKey) : undefined;
  if (!row) throw new CallbackRefused(404, 'unknown', 'no workspace has this callback URL');
  const secrets = openSettings(deps.wecom, row);
  if (!secrets.token || !secrets.encodingAesKey) throw new CallbackRefused(409, 'incomplete', 'the workspace has no callback token and EncodingAESKey');
  return { workspaceId: row.workspace_id, keys: { token: secrets.token, encodingAesKey: secrets.encodingAesKey, corpId: secrets.corpId } };
}

function checkFresh(deps: Pick<DomainDeps, 'wecom'>, timestamp: string): void {
  const now = (deps.wecom?.now ?? (() => new Date()))().getTime();
  const at = Number(timestamp) * 1000;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - at) > CALLBACK_WINDOW_MS) {
    throw new CallbackRefused(400, 'stale', `timestamp ${timestamp.slice(0, 20)} is more than ${CALLBACK_WINDOW_MS / 60_000} minutes from now: an old message replayed`);
  }
}

function open(keys: Parameters<typeof openEnvelope>[0], query: SignedQuery, ciphertext: string): string {
  try {
    return openEnvelope(keys, query, ciphertext);
  } catch (err) {
    if (err instanceof CallbackRejected) throw new CallbackRefused(err.reason === 'signature' || err.reason === 'corp' ? 403 : 400, err.reason, err.message);
    throw err;
  }
}

/** GET: WeCom checks the URL when the admin saves it in the console; answer the plaintext echostr. */
export async function verifyCallbackUrl(deps: Pick<DomainDeps, 'db' | 'wecom'>, callbackKey: string, query: Query): Promise<string> {
  const { workspaceId, keys } = await keysFor(deps, callbackKey);
  const signed = signedQuery(query);
  const echostr = query.echostr;
  if (typeof echostr !== 'string' || echostr === '' || echostr.length > 4096) throw new CallbackRefused(400, 'query', 'echostr is missing from the query');
  checkFresh(deps, signed.timestamp);
  const plain = open(keys, signed, echostr);
  await repos(deps.db).wecom.markSettings(workspaceId, { callback_verified_at: nowIso() });
  return plain;
}

export type ReceivedCallback = { workspaceId: string; stored: boolean; kind: string };

/** POST: verifies, decrypts and stores one event; `stored` is false for a message already stored. */
export async function receiveCallback(deps: Pick<DomainDeps, 'db' | 'wecom'>, callbackKey: string, query: Query, body: string): Promise<ReceivedCallback> {
  const { workspaceId, keys } = await keysFor(deps, callbackKey);
  const signed = signedQuery(query);
  if (Buffer.byteLength(body) > MAX_CALLBACK_BYTES) throw new CallbackRefused(413, 'size', 'the body is larger than any WeCom callback');
  let ciphertext: string | undefined;
  try {
    ciphertext = textOf(parseXml(body), 'Encrypt');
  } catch (err) {
    if (err instanceof XmlError) throw new CallbackRefused(400, 'xml', err.message);
    throw err;
  }
  if (!ciphertext) throw new CallbackRefused(400, 'xml', 'the body has no <Encrypt> field');
  const plaintext = open(keys, signed, ciphertext);
  checkFresh(deps, signed.timestamp);
  let kind: string;
  try {
    const callback = readCallback(plaintext);
    if (callback.corpId !== keys.corpId) throw new CallbackRefused(403, 'corp', 'ToUserName is not this workspace’s corp id');
    kind = callback.type === 'contact' ? `contact.${callback.change}` : callback.type === 'tag' ? `tag.${callback.change}` : `other.${callback.event ?? callback.msgType}`;
  } catch (err) {
    if (err instanceof XmlError || err instanceof CallbackShapeError) throw new CallbackRefused(400, 'xml', `the decrypted message is not a WeCom event: ${err.message}`);
    throw err;
  }
  const stored = await storeCallback(deps.db, workspaceId, kind, plaintext);
  return { workspaceId, stored, kind };
}

async function storeCallback(db: Db, workspaceId: string, kind: string, plaintext: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = repos(trx).wecom;
    const stored = await r.storeCallback({ workspaceId, digest: messageDigest(plaintext), kind: kind.slice(0, 80), plaintext });
    await r.markSettings(workspaceId, { last_callback_at: nowIso() });
    return stored;
  });
}
