// Invitation e-mails through a real SMTP conversation: nodemailer (the adapter) against smtp-server
// (the protocol's other side) on a free local port.
import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import { createInvitation } from '@sopline/domain';
import { freePort } from '@sopline/temporal-dev';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from './mail.ts';

type Received = { from: string; to: string[]; raw: string };

describe('invitation e-mails over SMTP', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function workspace() {
    const conn = await openTestDatabase({ prefix: 'mail' });
    const r = repos(conn.db);
    const ws = await r.workspaces.create({ name: '鹿鸣茶饮', timezone: 'Asia/Shanghai' });
    const admin = await r.users.create({ workspaceId: ws.id, email: 'owner@lumi.cn', name: '周店长', role: 'admin' });
    return { conn, viewer: { workspaceId: ws.id, userId: admin.id, role: admin.role } };
  }

  it('sends the link, in Chinese and English, from SMTP_FROM to the invitee', async () => {
    const { conn, viewer } = await workspace();
    try {
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'Sopline <team@lumi.cn>');
      const { token, email } = await createInvitation({ db: conn.db, mailer }, viewer, { email: 'Rep@Lumi.cn', role: 'sales', appUrl: 'https://sopline.lumi.cn/' });
      expect(email).toEqual({ status: 'sent' });
      const mail = received.at(-1)!;
      expect(mail.from).toBe('team@lumi.cn');
      expect(mail.to).toEqual(['rep@lumi.cn']);
      // The body is quoted-printable or base64 depending on its characters: decode through the header it declares.
      const decoded = decodeBody(mail.raw);
      expect(decoded).toContain(`https://sopline.lumi.cn/invite/${token}`);
      expect(decoded).toContain('周店长 邀请你以「销售」身份加入');
      expect(decoded).toContain('as sales rep');
    } finally {
      await conn.close();
    }
  });

  it('keeps the invitation when the mail cannot go out, and says why', async () => {
    const { conn, viewer } = await workspace();
    try {
      const mailer = smtpMailer(`smtp://127.0.0.1:${await freePort()}`);
      const { invitation, email } = await createInvitation({ db: conn.db, mailer }, viewer, { email: 'rep2@lumi.cn', role: 'ops', appUrl: 'https://sopline.lumi.cn' });
      expect(email.status).toBe('failed');
      expect(email.status === 'failed' && email.reason).toMatch(/ECONNREFUSED|connect/i);
      expect(await repos(conn.db).invitations.get(viewer.workspaceId, invitation.id)).toMatchObject({ email: 'rep2@lumi.cn', accepted_at: null });
    } finally {
      await conn.close();
    }
  });

  it('sends nothing without a mailer', async () => {
    const { conn, viewer } = await workspace();
    try {
      const before = received.length;
      expect((await createInvitation({ db: conn.db }, viewer, { email: 'rep3@lumi.cn', role: 'sales', appUrl: 'https://sopline.lumi.cn' })).email).toEqual({ status: 'off' });
      expect(received.length).toBe(before);
    } finally {
      await conn.close();
    }
  });
});

/** The text of a single-part message, undoing its Content-Transfer-Encoding. */
function decodeBody(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head!)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
