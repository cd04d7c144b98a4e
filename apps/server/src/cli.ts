// `pnpm sopline <command>`: what an admin does from the machine rather than the browser — set up an
// empty install for a scripted deployment, or reset a locked-out admin's password. The same use-cases
// as the setup page and the team settings, on the database the server would open (DATABASE_URL, or the
// SQLite file in SOPLINE_DATA_DIR). Exit codes: 0 done, 1 refused (already set up, no such user),
// 2 bad input (the flag is named).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '@sopline/db';
import { DomainError, resetPasswordByEmail, setUpInstallation, PASSWORD_RULES } from '@sopline/domain';
import { ConfigError, loadConfig } from './config.ts';
import { createNodePackage, NewNodeError } from './new-node.ts';

const HELP = `Usage: pnpm sopline <command> [options]

Commands:
  setup                        set up an empty install: its first workspace and admin (once)
      --workspace <name>         the brand / workspace name                        (required)
      --timezone <IANA zone>     e.g. Asia/Shanghai                                 (required)
      --admin-email <e-mail>     the admin signs in with it                         (required)
      --admin-name <name>        default: the part of the e-mail before the @
      --quiet-hours <HH:mm-HH:mm | off>   no task falls due inside (default 21:00-09:00)
      --admin-password-file <path>        read the password from this file; otherwise from stdin
  users reset-password         a new password for a user, e.g. a locked-out admin
      --email <e-mail>           whose password                                     (required)
      --password-file <path>     read the password from this file; otherwise from stdin
  new-node <name>              start a node type plugin: package.json, manifest, executor, a test, README
      --dir <folder>             where to write it (default: plugins/<name>); must not exist yet
  help                         this text ("pnpm sopline <command> --help" too)

Passwords: ${PASSWORD_RULES.en}.
The database is the one \`pnpm start\` opens: DATABASE_URL, or $SOPLINE_DATA_DIR/sopline.db (default data/).`;

class UsageError extends Error {}

/** Which flag a use-case's field comes from, so a refusal names what to change on the command line. */
const FLAG_OF: Record<string, string> = {
  workspaceName: '--workspace',
  timezone: '--timezone',
  adminEmail: '--admin-email',
  adminName: '--admin-name',
  adminPassword: 'the password',
  quietStart: '--quiet-hours',
  quietEnd: '--quiet-hours',
  email: '--email',
  password: 'the password',
};

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

function quietHours(value: string | undefined): { quietStart: string | null; quietEnd: string | null } | Record<string, never> {
  if (value === undefined) return {};
  if (value === 'off') return { quietStart: null, quietEnd: null };
  const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(value);
  if (!match) throw new UsageError('--quiet-hours takes HH:mm-HH:mm (e.g. 21:00-09:00) or off');
  return { quietStart: match[1]!, quietEnd: match[2]! };
}

/** The password from a file, or from stdin: typed without echo at a terminal, or piped in. */
async function readPassword(file: string | undefined, prompt: string): Promise<string> {
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new UsageError(`cannot read the password file ${file}: ${(err as Error).message}`);
    }
  }
  if (!process.stdin.isTTY) {
    let input = '';
    for await (const chunk of process.stdin) input += String(chunk);
    return input.replace(/\r?\n$/, '');
  }
  return typeSecret(prompt);
}

function typeSecret(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (result: string | Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function setup(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      timezone: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'quiet-hours': { type: 'string' },
      'admin-password-file': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return print(HELP);
  const workspaceName = required(values, 'workspace');
  const timezone = required(values, 'timezone');
  const adminEmail = required(values, 'admin-email');
  const quiet = quietHours(values['quiet-hours']);
  const adminName = values['admin-name'] ?? adminEmail.split('@')[0]!;
  const adminPassword = await readPassword(values['admin-password-file'], `Password for ${adminEmail}: `);
  const { workspace, user } = await withDatabase((db) => setUpInstallation({ db }, { workspaceName, timezone, adminEmail, adminName, adminPassword, ...quiet }));
  return print(`Set up 「${workspace.name}」 (${workspace.timezone}) with the admin ${user.email}. Start it with \`pnpm start\` and sign in.`);
}

async function resetPassword(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, 'password-file': { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) return print(HELP);
  const email = required(values, 'email');
  const password = await readPassword(values['password-file'], `New password for ${email}: `);
  const { accounts, sessionsEnded } = await withDatabase((db) => resetPasswordByEmail({ db }, { email, password }));
  return print(`New password set for ${email.trim().toLowerCase()} (${accounts} account${accounts === 1 ? '' : 's'}); ${sessionsEnded} session(s) signed out; failed sign-ins forgotten.`);
}

function newNode(args: string[]): number {
  const { values, positionals } = parseArgs({ args, options: { dir: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (values.help) return print(HELP);
  if (positionals.length !== 1) throw new UsageError('new-node takes one name, e.g. pnpm sopline new-node lucky-draw');
  const made = createNodePackage(positionals[0]!, { dir: values.dir });
  return print([`Created the node type plugin in ${made.dir}:`, ...made.files.map((f) => `  ${f}`), 'Next:', ...made.next.map((step) => `  ${step}`)].join('\n'));
}

function print(message: string): number {
  console.log(message);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') return print(HELP);
    if (command === 'setup') return await setup(rest);
    if (command === 'new-node') return newNode(rest);
    if (command === 'users' && rest[0] === 'reset-password') return await resetPassword(rest.slice(1));
    throw new UsageError(`unknown command: ${[command, ...rest.slice(0, 1)].join(' ')}`);
  } catch (err) {
    if (err instanceof DomainError) {
      const field = typeof err.details?.field === 'string' ? err.details.field : null;
      const where = field ? ` [${FLAG_OF[field] ?? field}]` : '';
      console.error(`sopline: ${err.text.en}${where}\n         ${err.text['zh-CN']}`);
      return err.code === 'setup.done' || err.code === 'not-found' ? 1 : 2;
    }
    if (err instanceof UsageError || err instanceof NewNodeError || err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`sopline: ${(err as Error).message}\nRun "pnpm sopline help" for the commands and their options.`);
      return 2;
    }
    throw err;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
