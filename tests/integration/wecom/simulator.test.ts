import { createDecipheriv } from 'node:crypto';
import { WECOM_SAMPLE as S } from '@sopline/wecom/testing';
import { describe, expect, it } from 'vitest';
import { simDecrypt, simEncrypt, simSignature } from '../../support/wecom-simulator.ts';

// The simulator's crypto is its own (node:crypto); it must agree with WeCom's published samples
// before anything Sopline does is judged against it.
describe('the WeCom simulator speaks the published protocol', () => {
  it('signs the documented URL check and message exactly as WeCom did', () => {
    expect(simSignature(S.token, S.verifyUrl.timestamp, S.verifyUrl.nonce, S.verifyUrl.echostr)).toBe(S.verifyUrl.msg_signature);
    expect(simSignature(S.token, S.message.timestamp, S.message.nonce, S.message.encrypt)).toBe(S.message.msg_signature);
  });

  it('decrypts the documented ciphertexts to the documented plaintexts and receiver', () => {
    expect(simDecrypt(S.encodingAesKey, S.verifyUrl.echostr)).toEqual({ message: S.verifyUrl.plaintext, receiverId: S.corpId });
    const opened = simDecrypt(S.encodingAesKey, S.message.encrypt);
    expect(opened.receiverId).toBe(S.corpId);
    expect(opened.message).toContain('<Content><![CDATA[hello]]></Content>');
    expect(opened.message).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('encrypts back to the documented bytes given the same random prefix', () => {
    const key = Buffer.from(`${S.encodingAesKey}=`, 'base64');
    // The random prefix is the first 16 bytes of the plaintext, recovered by a raw AES-CBC decrypt.
    const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const raw = Buffer.concat([d.update(Buffer.from(S.message.encrypt, 'base64')), d.final()]);
    const { message } = simDecrypt(S.encodingAesKey, S.message.encrypt);
    expect(simEncrypt(S.encodingAesKey, message, S.corpId, raw.subarray(0, 16))).toBe(S.message.encrypt);
  });
});
