import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cache = new Map<string, string | null>();

/**
 * The SVG of a Tabler icon by name (the outline set of `@tabler/icons`, MIT), or null when there is no
 * such icon. The server sends it with a node type's description, so a plugin may name any of Tabler's
 * icons and the designer draws it without the web app bundling all of them.
 */
export function tablerSvg(name: string): string | null {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) return null;
  let svg = cache.get(name);
  if (svg === undefined) {
    try {
      svg = readFileSync(require.resolve(`@tabler/icons/outline/${name}.svg`), 'utf8').trim();
    } catch {
      svg = null;
    }
    cache.set(name, svg);
  }
  return svg;
}
