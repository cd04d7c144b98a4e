import { createHash, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getJsApiSignature, getSignature } from '@wecom/crypto';

/**
 * WeCom's callback envelope (加解密方案): every callback carries `msg_signature`, `timestamp` and
 * `nonce` in its query and an AES-256-CBC ciphertext (the echostr of the URL check, or the
 * `<Encrypt>` of a message). The signature is the sha1 of the four sorted strings with the callback
 * token; the plaintext is 16 random bytes, a 4-byte length, the message and the receiver id (our
 * corp id), padded PKCS#7 to 32 bytes. `@wecom/crypto` does the arithmetic; this module adds the
 * checks a receiver owes: the signature in constant time, the shape of the ciphertext, and who it
 * was meant for.
 */
export type CallbackKeys = { token: string; encodingAesKey: string; corpId: string };
export type SignedQuery = { msg_signature: string; timestamp: string; nonce: string };

export type RejectReason = 'signature' | 'decrypt' | 'corp' | 'malformed' | 'stale';

export class CallbackRejected extends Error {
  readonly reason: RejectReason;
  constructor(reason: RejectReason, message: string) {
    super(message);
    this.reason = reason;
    this.name = 'CallbackRejected';
  }
}

const AES_KEY = /^[A-Za-z0-9+/]{43}$/;

/** The EncodingAESKey of WeCom's console: 43 characters of base64 that decode to a 32-byte key. */
export function isEncodingAesKey(value: string): boolean {
  return AES_KEY.test(value) && Buffer.from(`${value}=`, 'base64').length === 32;
}

export function signatureOf(token: string, timestamp: string, nonce: string, ciphertext: string): string {
  return getSignature(token, timestamp, nonce, ciphertext);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks the signature, decrypts and checks the receiver. Throws CallbackRejected saying which
 * check failed; never returns a plaintext meant for another corp.
 */
export function openEnvelope(keys: CallbackKeys, query: SignedQuery, ciphertext: string): string {
  if (!sameHex(signatureOf(keys.token, query.timestamp, query.nonce, ciphertext), query.msg_signature)) {
    throw new CallbackRejected('signature', 'msg_signature does not match the token, timestamp, nonce and ciphertext');
  }
  const bytes = Buffer.from(ciphertext, 'base64');
  if (bytes.length === 0 || bytes.length % 32 !== 0) throw new CallbackRejected('decrypt', 'the ciphertext is not whole 32-byte blocks of base64');
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.encodingAesKey, ciphertext);
  } catch {
    throw new CallbackRejected('decrypt', 'the ciphertext does not decrypt with this EncodingAESKey');
  }
  if (opened.id !== keys.corpId) throw new CallbackRejected('corp', `the message is for corp "${opened.id.slice(0, 40)}", not this workspace's corp`);
  return opened.message;
}

/** The other direction (WeCom's side, and passive replies): encrypt and sign a plaintext. */
export function sealEnvelope(
  keys: CallbackKeys,
  plaintext: string,
  at: { timestamp: string; nonce: string; random?: Buffer },
): { ciphertext: string; signature: string } {
  const ciphertext = encrypt(keys.encodingAesKey, plaintext, keys.corpId, at.random);
  return { ciphertext, signature: signatureOf(keys.token, at.timestamp, at.nonce, ciphertext) };
}

/** The JS-SDK's config signature (wx.agentConfig / wx.config) over a jsapi ticket and the page URL. */
export function jsApiSignature(ticket: string, url: string, nonceStr: string, timestamp: number): string {
  return getJsApiSignature({ ticket, url: url.split('#')[0] ?? url, nonceStr, timestamp }).signature;
}

/** A stable identity for a decrypted message: the same event delivered twice has the same digest. */
export function messageDigest(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}
