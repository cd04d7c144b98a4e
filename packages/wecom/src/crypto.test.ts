import { decrypt } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { CallbackRejected, isEncodingAesKey, openEnvelope, sealEnvelope, signatureOf } from './crypto.ts';
import { WECOM_SAMPLE as S } from './testing.ts';
import { parseXml } from './xml.ts';

const keys = { token: S.token, encodingAesKey: S.encodingAesKey, corpId: S.corpId };

describe('the callback envelope against WeCom’s published samples', () => {
  it('verifies and decrypts the URL check', () => {
    const { msg_signature, timestamp, nonce, echostr } = S.verifyUrl;
    expect(signatureOf(S.token, timestamp, nonce, echostr)).toBe(msg_signature);
    expect(openEnvelope(keys, { msg_signature, timestamp, nonce }, echostr)).toBe(S.verifyUrl.plaintext);
  });

  it('verifies and decrypts the message into the documented fields', () => {
    const { msg_signature, timestamp, nonce, encrypt } = S.message;
    expect(signatureOf(S.token, timestamp, nonce, encrypt)).toBe(msg_signature);
    expect(parseXml(openEnvelope(keys, { msg_signature, timestamp, nonce }, encrypt))).toEqual(S.message.fields);
  });

  it('seals a plaintext into exactly the published ciphertext and signature', () => {
    const opened = decrypt(S.encodingAesKey, S.message.encrypt);
    const sealed = sealEnvelope(keys, opened.message, { timestamp: S.message.timestamp, nonce: S.message.nonce, random: opened.random });
    expect(sealed).toEqual({ ciphertext: S.message.encrypt, signature: S.message.msg_signature });
  });

  it('refuses a wrong signature, a tampered ciphertext, another corp and another key, saying which', () => {
    const { msg_signature, timestamp, nonce, encrypt } = S.message;
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof CallbackRejected ? err.reason : `other: ${String(err)}`;
      }
      return 'accepted';
    };
    expect(reason(() => openEnvelope(keys, { msg_signature: msg_signature.replace(/^4/, '5'), timestamp, nonce }, encrypt))).toBe('signature');
    expect(reason(() => openEnvelope(keys, { msg_signature, timestamp: '1409659814', nonce }, encrypt))).toBe('signature');
    const tampered = `A${encrypt.slice(1)}`;
    expect(reason(() => openEnvelope({ ...keys, token: S.token }, { msg_signature: signatureOf(S.token, timestamp, nonce, tampered), timestamp, nonce }, tampered))).not.toBe('accepted');
    expect(reason(() => openEnvelope({ ...keys, corpId: 'ww0000000000000000' }, { msg_signature, timestamp, nonce }, encrypt))).toBe('corp');
    const otherKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    expect(reason(() => openEnvelope({ ...keys, encodingAesKey: otherKey }, { msg_signature, timestamp, nonce }, encrypt))).not.toBe('accepted');
    const short = 'AAAA';
    expect(reason(() => openEnvelope(keys, { msg_signature: signatureOf(S.token, timestamp, nonce, short), timestamp, nonce }, short))).toBe('decrypt');
  });

  it('round-trips any text, Chinese included, for the simulator’s direction', () => {
    const at = { timestamp: '1700000000', nonce: 'n0nce' };
    for (const text of ['', '一', '<xml><Content><![CDATA[你好，世界]]></Content></xml>', 'x'.repeat(1000)]) {
      const sealed = sealEnvelope(keys, text, at);
      expect(openEnvelope(keys, { msg_signature: sealed.signature, ...at }, sealed.ciphertext)).toBe(text);
    }
  });

  it('knows an EncodingAESKey when it sees one', () => {
    expect(isEncodingAesKey(S.encodingAesKey)).toBe(true);
    expect(isEncodingAesKey(`${S.encodingAesKey}=`)).toBe(false);
    expect(isEncodingAesKey(S.encodingAesKey.slice(1))).toBe(false);
    expect(isEncodingAesKey('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2!')).toBe(false);
  });
});
