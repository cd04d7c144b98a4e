import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, isPortOpen } from './ports.ts';

describe('ports', () => {
  it('freePort gives a port nothing listens on, and isPortOpen sees a listener', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortOpen('127.0.0.1', port)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
