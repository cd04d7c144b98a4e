import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (a workspace's WeCom secrets, token and EncodingAESKey): AES-256-GCM under a key
 * derived (HKDF-SHA256) from the server secret, so a copy of the database alone reveals none of them.
 * A value is `v1.` + base64url(iv ‖ tag ‖ ciphertext); changing the server secret makes the stored
 * values unreadable, which `open` reports instead of returning garbage.
 */
export type SecretBox = {
  seal(plain: string): string;
  open(sealed: string): string;
};

export class SecretUnreadable extends Error {
  constructor() {
    super('a stored secret cannot be decrypted: was SESSION_SECRET (or data/session-secret) changed? Enter the WeCom secrets again');
    this.name = 'SecretUnreadable';
  }
}

export function createSecretBox(serverSecret: string, purpose = 'sopline/wecom-secrets/v1'): SecretBox {
  if (serverSecret.length < 16) throw new Error('the server secret is too short to derive keys from');
  const key = Buffer.from(hkdfSync('sha256', serverSecret, 'sopline', purpose, 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('v1.')) throw new SecretUnreadable();
      const bytes = Buffer.from(sealed.slice(3), 'base64url');
      if (bytes.length < 28) throw new SecretUnreadable();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadable();
      }
    },
  };
}
