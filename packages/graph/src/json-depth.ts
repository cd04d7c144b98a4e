/**
 * Most levels of nested objects and arrays a stored JSON value (event payload, customer properties,
 * node config) may have. JSON.stringify, zod and the database driver recurse, so a body of a few
 * thousand `[` would overflow the stack and turn a client's mistake into a 500.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests objects or arrays deeper than `limit` levels; iterative, so it cannot overflow itself. */
export function nestedDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export const tooDeepMessage = `nested more than ${MAX_JSON_DEPTH} levels deep`;

/**
 * True when a string anywhere in `value` (keys included) holds U+0000. PostgreSQL refuses NUL in
 * text and jsonb, so such input must be turned away as the client's mistake, on every database alike.
 */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

export const nulMessage = 'text must not contain the NUL character (U+0000)';
