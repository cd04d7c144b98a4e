// CPU profiles of a child process's main JS thread over its inspector (node --inspect), for a
// chosen window only, summarised by who spends the time: our code, a library, Node, GC.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = {
  /** Main-thread time sampled, s. */
  sampledS: number;
  /** Share of the sampled time (%), by owner of the function running. */
  byOwner: Record<string, number>;
  /** The functions with the most self time: "owner: name (file:line)" → % of sampled time. */
  topFunctions: Record<string, number>;
  file: string;
};

class Inspector {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly ws: WebSocket;
  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener('message', (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id!);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    });
  }
  static connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(new Inspector(ws)));
      ws.addEventListener('error', () => reject(new Error(`could not reach the inspector at ${url}`)));
    });
  }
  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }
  close() {
    this.ws.close();
  }
}

const PROFILE_DIR = join(tmpdir(), 'sopline-bench-profiles');

/** Starts sampling the process behind `url`; the returned stop() ends it and summarises. */
export async function startProfile(url: string | null, name: string): Promise<() => Promise<ProfileSummary | null>> {
  if (!url) return async () => null;
  const inspector = await Inspector.connect(url);
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.setSamplingInterval', { interval: 1000 });
  await inspector.send('Profiler.start');
  return async () => {
    const { profile } = await inspector.send<{ profile: CpuProfile }>('Profiler.stop');
    inspector.close();
    mkdirSync(PROFILE_DIR, { recursive: true });
    const file = join(PROFILE_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return summarise(profile, file);
  };
}

/**
 * The main JS thread's memory after a full garbage collection, asked over the inspector (MB): what
 * the process really keeps there, as opposed to garbage RSS has not given back. Workflow code runs in
 * a worker thread with its own heap, which this does not see.
 */
export async function memoryAfterGc(url: string | null): Promise<{ heapUsedMB: number; externalMB: number; rssMB: number } | null> {
  if (!url) return null;
  const inspector = await Inspector.connect(url);
  try {
    await inspector.send('HeapProfiler.collectGarbage');
    const { result } = await inspector.send<{ result: { value: string } }>('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const m = JSON.parse(result.value) as { rss: number; heapUsed: number; external: number };
    const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
    return { heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), rssMB: mb(m.rss) };
  } finally {
    inspector.close();
  }
}

/** Who a script belongs to: our packages, a dependency (by package name), or Node itself. */
export function ownerOf(url: string): string {
  if (url === '') return '';
  if (url.startsWith('node:') || !url.includes('/')) return 'node (built-in modules)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (/\/(packages|workflows|apps)\//.test(url)) return 'sopline (our code)';
  if (url.includes('/tests/')) return 'bench harness';
  return 'other';
}

function summarise(profile: CpuProfile, file: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  // Native functions (a better-sqlite3 statement, a hash) have no script: charge them to the caller's owner.
  const owner = (id: number): string => {
    const n = byId.get(id)!;
    const special = { '(garbage collector)': 'GC', '(idle)': 'idle', '(program)': 'V8/native (program)', '(root)': 'V8/native (program)' } as Record<string, string>;
    if (special[n.callFrame.functionName]) return special[n.callFrame.functionName]!;
    const o = ownerOf(n.callFrame.url);
    if (o !== '') return o;
    const up = parent.get(id);
    return up === undefined ? 'V8/native (program)' : owner(up);
  };
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = total - [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
  const pct = (t: number) => Math.round((1000 * t) / Math.max(1, total)) / 10;
  const owners = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const o = owner(id);
    owners.set(o, (owners.get(o) ?? 0) + t);
    const up = parent.get(id);
    const caller = up === undefined ? undefined : byId.get(up)!.callFrame;
    // A native function has no script: name the JS function that called it.
    const where = n.callFrame.url
      ? ` (${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1})`
      : caller?.url
        ? ` [native, called from ${caller.functionName || '(anonymous)'} (${caller.url.split('/').slice(-2).join('/')}:${caller.lineNumber + 1})]`
        : '';
    const key = `${o}: ${n.callFrame.functionName || '(anonymous)'}${where}`;
    fns.set(key, (fns.get(key) ?? 0) + t);
  }
  const sorted = (m: Map<string, number>, n: number) =>
    Object.fromEntries(
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, t]) => [k, pct(t)]),
    );
  return { sampledS: Math.round(total / 1e5) / 10, byOwner: { ...sorted(owners, 14), 'busy (not idle)': pct(busy) }, topFunctions: sorted(fns, 15), file };
}
