import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog.ts';
import { newNodeData } from './defaults.ts';

describe('new node configs', () => {
  it('gives every built-in type a config its own schema accepts, in both languages', () => {
    for (const def of catalog.list()) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const data = newNodeData(def.type, lang)!;
        expect(data.typeVersion).toBe(def.version);
        expect(def.config.safeParse(data.config).success, `${def.type} (${lang})`).toBe(true);
      }
    }
  });

  it('starts a script with a greeting in the operator language', () => {
    expect(newNodeData('send-script', 'zh-CN')!.config).toMatchObject({ title: '发送话术', script: '{{customer.name}}，您好！' });
    expect(newNodeData('send-script', 'en')!.config).toMatchObject({ title: 'Send script', script: expect.stringContaining('Hi {{customer.name}}') });
  });

  it('returns null for an unknown type', () => {
    expect(newNodeData('no-such-type', 'en')).toBeNull();
  });
});
