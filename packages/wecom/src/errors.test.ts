import { describe, expect, it } from 'vitest';
import type { UnreachableKind } from './errors.ts';
import { explainErrcode, fromIp, unreachableKindOf, WeComUnreachable } from './errors.ts';

const failure = (code: string, name = 'Error') => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`boom ${code}`), { code, name }) });

describe('how a failed call to WeCom is read', () => {
  it('names the kind from the code Node puts in the cause', () => {
    const table: Array<[unknown, UnreachableKind]> = [
      [failure('ENOTFOUND'), 'dns'],
      [failure('EAI_AGAIN'), 'dns'],
      [failure('ECONNREFUSED'), 'refused'],
      [failure('EHOSTUNREACH'), 'refused'],
      [failure('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
      [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'timeout'],
      [failure('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls'],
      [failure('CERT_HAS_EXPIRED'), 'tls'],
      [failure('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls'],
      [failure('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
      [failure('ECONNRESET'), 'reset'],
      [failure('UND_ERR_SOCKET'), 'reset'],
      [new Error('something else'), 'network'],
      ['not even an error', 'network'],
    ];
    for (const [err, kind] of table) expect([err, unreachableKindOf(err)]).toEqual([err, kind]);
  });

  it('says every kind in both languages with a fix, never in Node’s words', () => {
    const kinds: UnreachableKind[] = ['dns', 'refused', 'timeout', 'tls', 'reset', 'http', 'not-wecom', 'network'];
    for (const kind of kinds) {
      const err = new WeComUnreachable('gettoken', 'getaddrinfo ENOTFOUND qyapi.weixin.qq.com', kind, 'qyapi.weixin.qq.com');
      const zh = err.explain('zh-CN');
      const en = err.explain('en');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).toMatch(/请/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      for (const said of [zh, en]) {
        expect(said).toContain('qyapi.weixin.qq.com');
        expect(said).not.toMatch(/getaddrinfo|ENOTFOUND|ECONN|fetch failed/);
      }
    }
  });

  it('reads the IP WeCom saw from a 60020 errmsg, and only an IP', () => {
    const errmsg = 'not allow to access from your ip, hint: [1655882753557010848204971], from ip: 61.164.93.69, more info at https://open.work.weixin.qq.com/devtool/query?e=60020';
    expect(fromIp(errmsg)).toBe('61.164.93.69');
    expect(fromIp('not allow to access from your ip, hint: [1], from ip: 2001:db8::1, more info at x')).toBe('2001:db8::1');
    expect(fromIp('not allow to access from your ip')).toBeNull();
    expect(fromIp('from ip: <script>')).toBeNull();
    expect(explainErrcode(60020, 'zh-CN', errmsg)).toContain('企业微信看到的来源 IP 是 61.164.93.69');
    expect(explainErrcode(60020, 'en')).not.toContain('saw');
  });
});
