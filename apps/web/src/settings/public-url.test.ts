import { describe, expect, it } from 'vitest';
import { localKindOf } from './public-url.ts';

describe('localKindOf: can WeCom, on the internet, reach this callback URL?', () => {
  it('names this machine’s own addresses', () => {
    for (const url of ['http://localhost:3000/api/wecom/callback/x', 'http://127.0.0.1:3000/x', 'http://127.8.9.10/x', 'http://[::1]:3000/x', 'http://0.0.0.0:3000/x', 'http://app.localhost/x', 'http://LOCALHOST./x']) {
      expect([url, localKindOf(url)]).toEqual([url, 'loopback']);
    }
  });

  it('names intranet addresses', () => {
    for (const url of ['http://10.0.0.5/x', 'http://172.16.0.1/x', 'http://172.31.255.255/x', 'http://192.168.1.20:8080/x', 'http://169.254.1.1/x', 'http://100.64.0.1/x', 'http://[fd12:3456::1]/x', 'http://[fe80::1]/x', 'http://[::ffff:192.168.0.1]/x', 'http://sopline.local/x', 'http://sopline/x', 'http://sopline.internal/x']) {
      expect([url, localKindOf(url)]).toEqual([url, 'private']);
    }
  });

  it('leaves public addresses alone, and what is not a URL', () => {
    for (const url of ['https://sopline.example.com/api/wecom/callback/x', 'http://8.8.8.8/x', 'http://172.32.0.1/x', 'http://100.128.0.1/x', 'http://[2001:db8::1]/x', 'http://11.0.0.1/x', 'not a url']) {
      expect([url, localKindOf(url)]).toEqual([url, null]);
    }
  });
});
