import type { Server } from 'node:http';
import type { Connection } from '@sopline/db';
import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { JourneyRunner } from '@sopline/domain';
import { createCustomer, hashPassword } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { readXlsxSheets } from '@sopline/tabular';
import iconv from 'iconv-lite';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';

const runner: JourneyRunner = { start: async () => {}, signalEvent: async () => {}, signalGoal: async () => {}, cancel: async () => {}, retry: async () => {} };

describe('file endpoints: import uploads, error reports, exports', () => {
  let database: Connection;
  let server: Server;
  let base: string;
  let ops: string;
  let rep: string;
  let repId: string;

  const signIn = async (email: string) => {
    const login = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse battery' }) });
    return login.headers.get('set-cookie')!.split(';')[0]!;
  };
  const upload = (cookie: string, body: RequestInit['body'], query = 'kind=customers&name=%E5%90%8D%E5%8D%95.csv', headers: Record<string, string> = { origin: base }) =>
    fetch(`${base}/api/imports?${query}`, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream', ...headers }, body, duplex: 'half' } as RequestInit);
  /** A CSV download: checks its BOM (Excel needs it to read UTF-8) and gives the text after it. */
  const csvText = async (res: Response) => {
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return bytes.subarray(3).toString('utf8');
  };
  const trpc = async (cookie: string, path: string, input: unknown, method: 'GET' | 'POST' = 'GET') => {
    const res =
      method === 'GET'
        ? await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })
        : await fetch(`${base}/trpc/${path}`, { method, headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return ((await res.json()) as { result: { data: Record<string, unknown> } }).result.data;
  };

  beforeAll(async () => {
    database = await openTestDatabase({ prefix: 'files' });
    const r = repos(database.db);
    const ws = await r.workspaces.create({ name: 'Files', timezone: 'Asia/Shanghai' });
    const passwordHash = await hashPassword('correct horse battery');
    await r.users.create({ workspaceId: ws.id, email: 'ops@example.com', name: '运营', role: 'ops', passwordHash });
    repId = (await r.users.create({ workspaceId: ws.id, email: 'rep@example.com', name: '小李', role: 'sales', passwordHash })).id;
    await createCustomer({ db: database.db }, { workspaceId: ws.id, name: '=HYPERLINK("http://evil")', phone: '13600000001', ownerId: repId, stage: 'paid' });
    await createCustomer({ db: database.db }, { workspaceId: ws.id, name: '别人的客户', phone: '13600000002' });
    const app = createApp({ deps: { db: database.db, registry: defaultRegistry, runner, sessionSecret: 'k'.repeat(40) }, logger: pino({ level: 'silent' }) });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    ops = await signIn('ops@example.com');
    rep = await signIn('rep@example.com');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('takes an upload only from a signed-in manager on our own pages', async () => {
    expect((await upload('', 'name,phone\n')).status).toBe(401);
    expect((await upload(rep, 'name,phone\nx,1\n')).status).toBe(403);
    expect((await upload(ops, 'name,phone\nx,1\n', undefined, { origin: 'https://evil.example' })).status).toBe(403);
    const wrongKind = await upload(ops, 'name,phone\n', 'kind=people');
    expect(wrongKind.status).toBe(400);
    expect(await wrongKind.json()).toMatchObject({ error: { code: 'import.kind', field: 'kind', text: { 'zh-CN': expect.any(String) } } });
    const xls = await upload(ops, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
    expect(xls.status).toBe(400);
    expect(await xls.json()).toMatchObject({ error: { field: 'file', text: { 'zh-CN': expect.stringContaining('.xls') } } });
    const huge = new Uint8Array(16 * 1024 * 1024);
    huge.set([0x50, 0x4b, 0x03, 0x04]);
    huge.set(new TextEncoder().encode('xl/workbook.xml'), 30);
    const tooLarge = await upload(ops, huge, 'kind=customers&name=big.xlsx');
    expect(tooLarge.status).toBe(413);
    expect(await database.db.selectFrom('import_chunks').select('job_id').execute()).toEqual([]);
  });

  it('streams a GBK file in, dry-runs it, and gives the refused rows back as a CSV in the user’s language', async () => {
    const gbk = iconv.encode('姓名,手机号,阶段\n张三,13500000001,已付费\n李四,13500000002,外星人\n', 'gbk');
    const res = await upload(ops, new Blob([gbk]).stream() as unknown as RequestInit['body'], 'kind=customers&name=%E5%90%8D%E5%8D%95.csv');
    expect(res.status).toBe(201);
    const job = (await res.json()) as { id: string; fileName: string; state: string };
    expect(job).toMatchObject({ fileName: '名单.csv', state: 'uploaded' });
    const preview = await trpc(ops, 'imports.preview', { id: job.id });
    expect(preview.mapping).toEqual(['name', 'phone', 'stage']);
    await trpc(ops, 'imports.start', { id: job.id, phase: 'check', mapping: preview.mapping }, 'POST');
    let state = '';
    for (let i = 0; i < 100 && state !== 'checked'; i += 1) {
      const got = await trpc(ops, 'imports.get', { id: job.id });
      state = got.state as string;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(state).toBe('checked');

    const en = await fetch(`${base}/api/imports/${job.id}/rejects.csv?lang=en`, { headers: { cookie: ops } });
    expect(en.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const text = await csvText(en);
    expect(text.split('\r\n')[0]).toBe('Row,Problems,姓名,手机号,阶段');
    expect(text).toContain('3,');
    expect(text).toContain('外星人');
    expect(text).not.toContain('张三');
    const zh = await csvText(await fetch(`${base}/api/imports/${job.id}/rejects.csv?lang=zh-CN`, { headers: { cookie: ops } }));
    expect(zh.split('\r\n')[0]).toBe('行号,问题,姓名,手机号,阶段');
    expect(zh).toContain('没有「外星人」这个阶段');
    expect((await fetch(`${base}/api/imports/${job.id}/rejects.csv`, { headers: { cookie: rep } })).status).toBe(403);
    expect((await fetch(`${base}/api/imports/nope/rejects.csv`, { headers: { cookie: ops } })).status).toBe(404);
  });

  it('exports the filtered list as CSV and .xlsx, a rep only their own, with formulas defused', async () => {
    const csv = await fetch(`${base}/api/customers/export?format=csv&lang=zh-CN`, { headers: { cookie: ops } });
    expect(csv.status).toBe(200);
    const lines = (await csvText(csv)).split('\r\n');
    expect(lines[0]).toBe('姓名,手机号,邮箱,微信 unionid,微信 openid,会员号,负责人（邮箱或姓名）,阶段,标签,加入时间');
    expect(lines.filter((l) => l !== '')).toHaveLength(3);
    // A name that a spreadsheet would run as a formula is written as text.
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://evil"")"`))).toBe(true);
    expect(lines.find((l) => l.includes('13600000001'))).toContain('rep@example.com,已付费');

    const filtered = await csvText(await fetch(`${base}/api/customers/export?format=csv&lang=en&q=13600000002`, { headers: { cookie: ops } }));
    expect(filtered.split('\r\n').filter((l) => l !== '')).toEqual(['Name,Phone,E-mail,WeChat unionid,WeChat openid,Member id,Owner (e-mail or name),Stage,Tags,Created at', expect.stringContaining('别人的客户')]);

    const xlsx = await fetch(`${base}/api/customers/export?format=xlsx&lang=en`, { headers: { cookie: rep } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const [sheet] = await readXlsxSheets(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet!.name).toBe('Customers');
    expect(sheet!.rows.map((r) => r.cells[1])).toEqual(['Phone', '13600000001']);

    const bad = await fetch(`${base}/api/customers/export?format=pdf`, { headers: { cookie: ops } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'format' } });
    expect((await fetch(`${base}/api/customers/export?format=csv`)).status).toBe(401);
  });
});
