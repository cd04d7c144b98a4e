import { randomBytes } from 'node:crypto';
import type { Db, WecomSettingsRow } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { isEncodingAesKey } from '@sopline/wecom';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { DomainDeps, WeComServices } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { SecretUnreadable } from './secrets.ts';

/**
 * A workspace's WeCom connection as its admin enters it (Settings → WeCom): the corp id, the
 * customer-contact secret, the self-built app's agent id and secret, and the callback's token and
 * EncodingAESKey. Saving needs no network. Secrets are sealed before they are stored and never
 * leave the server again: the status says only whether each is set; a blank field keeps what is set.
 */
export const WeComConfigInput = z.object({
  corpId: z.string().max(200),
  contactSecret: z.string().max(200).optional(),
  agentId: z.union([z.string().max(40), z.number()]).nullable().optional(),
  agentSecret: z.string().max(200).optional(),
  token: z.string().max(200).optional(),
  encodingAesKey: z.string().max(200).optional(),
});
export type WeComConfigInput = z.input<typeof WeComConfigInput>;

export type WeComField = 'corpId' | 'contactSecret' | 'agentId' | 'agentSecret' | 'token' | 'encodingAesKey';

const CORP_ID = /^[A-Za-z0-9]{6,64}$/;
const SECRET = /^[A-Za-z0-9_-]{16,128}$/;
const AGENT_ID = /^\d{1,12}$/;
const TOKEN = /^[A-Za-z0-9]{1,32}$/;

const invalid = (field: WeComField, message: Text) => new DomainError('wecom.invalid', message, [], { field });

const RULES: Record<WeComField, { test: (v: string) => boolean; message: Text }> = {
  corpId: { test: (v) => CORP_ID.test(v), message: text('企业 ID 是字母和数字，如 ww1234567890abcdef（在「我的企业 → 企业信息」底部）', 'The corp id is letters and digits, e.g. ww1234567890abcdef (My Company → Company Information)') },
  contactSecret: { test: (v) => SECRET.test(v), message: text('客户联系 Secret 是 16 到 128 位的字母、数字、- 或 _', 'The customer-contact secret is 16–128 letters, digits, - or _') },
  agentId: { test: (v) => AGENT_ID.test(v), message: text('AgentId 是一串数字，如 1000002', 'The agent id is a number, e.g. 1000002') },
  agentSecret: { test: (v) => SECRET.test(v), message: text('应用 Secret 是 16 到 128 位的字母、数字、- 或 _', 'The app secret is 16–128 letters, digits, - or _') },
  token: { test: (v) => TOKEN.test(v), message: text('Token 是不超过 32 位的英文字母或数字（与企业微信后台「接收事件服务器」一致）', 'The token is up to 32 letters or digits (the same as in WeCom’s “receive events” settings)') },
  encodingAesKey: { test: isEncodingAesKey, message: text('EncodingAESKey 是 43 位的字母和数字（在企业微信后台点「随机获取」得到）', 'The EncodingAESKey is 43 letters and digits (WeCom’s console generates it)') },
};

const SEALED: Record<'contactSecret' | 'agentSecret' | 'token' | 'encodingAesKey', 'contact_secret' | 'agent_secret' | 'callback_token' | 'encoding_aes_key'> = {
  contactSecret: 'contact_secret',
  agentSecret: 'agent_secret',
  token: 'callback_token',
  encodingAesKey: 'encoding_aes_key',
};

function requireServices(deps: Pick<DomainDeps, 'wecom'>): WeComServices {
  if (!deps.wecom) throw new DomainError('wecom.unavailable', text('此服务器未启用企业微信集成', 'This server has no WeCom integration'));
  return deps.wecom;
}

function requireAdmin(viewer: Viewer): void {
  if (viewer.role !== 'admin') throw new DomainError('forbidden', text('只有管理员可以设置企业微信', 'Only an admin can set up WeCom'));
}

export const callbackPath = (key: string) => `/api/wecom/callback/${key}`;

function callbackUrl(services: WeComServices, key: string, origin: string | null): string | null {
  const base = services.publicUrl ?? origin;
  return base ? `${base.replace(/\/+$/, '')}${callbackPath(key)}` : null;
}

/** Where the self-built app's jsapi ticket is cached, beside the access tokens (it belongs to the app's secret). */
export const JSAPI_TICKET_SLOT = 'agent-jsapi-ticket';

/** Saves the connection; returns the callback URL to paste into WeCom's console. */
export async function configureWeCom(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, raw: WeComConfigInput, origin: string | null = null): Promise<{ callbackUrl: string | null; callbackPath: string }> {
  requireAdmin(viewer);
  const services = requireServices(deps);
  const input = WeComConfigInput.parse(raw);
  const given = (v: string | number | null | undefined) => (v === undefined || v === null ? '' : String(v).trim());
  const values: Record<WeComField, string> = {
    corpId: given(input.corpId),
    contactSecret: given(input.contactSecret),
    agentId: given(input.agentId),
    agentSecret: given(input.agentSecret),
    token: given(input.token),
    encodingAesKey: given(input.encodingAesKey),
  };
  if (values.corpId === '') throw invalid('corpId', text('请填写企业 ID', 'Enter the corp id'));
  for (const field of Object.keys(RULES) as WeComField[]) {
    if (values[field] !== '' && !RULES[field].test(values[field])) throw invalid(field, RULES[field].message);
  }
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx).wecom;
    const current = await r.settings(viewer.workspaceId);
    // The form shows the saved token and key: sent back unchanged, they are not new ones to verify again.
    for (const field of ['token', 'encodingAesKey'] as const) {
      const sealed = current?.[SEALED[field]];
      if (values[field] !== '' && sealed && openOrNull(services, sealed) === values[field]) values[field] = '';
    }
    // A first save needs what callbacks and customer contact cannot work without.
    for (const field of ['contactSecret', 'token', 'encodingAesKey'] as const) {
      if (values[field] === '' && !current?.[SEALED[field]]) throw invalid(field, text(`请填写${fieldLabel[field]['zh-CN']}`, `Enter the ${fieldLabel[field].en}`));
    }
    if (values.agentSecret !== '' && values.agentId === '' && !current?.agent_id) throw invalid('agentId', text('填写应用 Secret 时也请填写它的 AgentId', 'Enter the agent id of the app whose secret you entered'));
    const seal = (field: keyof typeof SEALED) => (values[field] !== '' ? services.secrets.seal(values[field]) : (current?.[SEALED[field]] ?? null));
    const row: WecomSettingsRow = {
      workspace_id: viewer.workspaceId,
      corp_id: values.corpId,
      agent_id: values.agentId !== '' ? values.agentId : (current?.agent_id ?? null),
      contact_secret: seal('contactSecret'),
      agent_secret: seal('agentSecret'),
      callback_token: seal('token'),
      encoding_aes_key: seal('encodingAesKey'),
      callback_key: current?.callback_key ?? randomBytes(18).toString('base64url'),
      // A new token or key must be verified by WeCom again.
      callback_verified_at: values.token === '' && values.encodingAesKey === '' && current?.corp_id === values.corpId ? (current?.callback_verified_at ?? null) : null,
      last_callback_at: current?.last_callback_at ?? null,
      tested_at: null,
      test_result: null,
      updated_at: nowIso(),
      updated_by: viewer.userId,
      public_base: origin ?? current?.public_base ?? null,
    };
    await r.saveSettings(row);
    // Tokens belong to the secrets they were issued for.
    if (values.corpId !== current?.corp_id || values.contactSecret !== '') await r.dropToken(viewer.workspaceId, 'contact');
    if (values.corpId !== current?.corp_id || values.agentSecret !== '' || values.agentId !== '') {
      await r.dropToken(viewer.workspaceId, 'agent');
      await r.dropToken(viewer.workspaceId, JSAPI_TICKET_SLOT);
    }
    return { callbackUrl: callbackUrl(services, row.callback_key, origin), callbackPath: callbackPath(row.callback_key) };
  });
}

function openOrNull(services: WeComServices, sealed: string): string | null {
  try {
    return services.secrets.open(sealed);
  } catch (err) {
    if (err instanceof SecretUnreadable) return null;
    throw err;
  }
}

export const fieldLabel: Record<WeComField, Text> = {
  corpId: text('企业 ID', 'corp id'),
  contactSecret: text('客户联系 Secret', 'customer-contact secret'),
  agentId: text('应用 AgentId', 'agent id'),
  agentSecret: text('应用 Secret', 'app secret'),
  token: text('Token', 'token'),
  encodingAesKey: text('EncodingAESKey', 'EncodingAESKey'),
};

/** `detail`: Node's or WeCom's own words when a check fails (for a "details" disclosure and the log); absent in results saved before it. */
export type WeComCheck = { check: 'contact-token' | 'contact-permission' | 'agent-token'; ok: boolean; errcode: number | null; message: Text; detail?: string | null };
export type WeComTestResult = { at: string; ok: boolean; checks: WeComCheck[] };

export type WeComStatus = {
  configured: boolean;
  /** False when the server runs without the integration (no secret box). */
  available: boolean;
  corpId: string | null;
  agentId: string | null;
  set: Record<'contactSecret' | 'agentSecret' | 'token' | 'encodingAesKey', boolean>;
  /** The last 4 characters of each saved app secret (••••3f9a), so the admin can tell which one is saved; never more. */
  secretEnds: Record<'contactSecret' | 'agentSecret', string | null>;
  /**
   * The callback token and EncodingAESKey in full, for the admin to copy into WeCom's console. They are
   * not hidden from the admin: WeCom's own console shows both in plain text on the app's "receive
   * messages" (接收消息服务器) page, where the admin generates them, whereas it never shows an app's
   * Secret (「查看」 sends it to the admin's WeCom instead) — so Sopline treats the two alike.
   */
  callback: { token: string | null; encodingAesKey: string | null };
  callbackUrl: string | null;
  /** Whether SOPLINE_PUBLIC_URL gives the callback URL's base (else it is the address the admin's browser uses). */
  publicUrlSet: boolean;
  callbackPath: string | null;
  callbackVerifiedAt: string | null;
  lastCallbackAt: string | null;
  lastTest: WeComTestResult | null;
  callbacks: { pending: number; done: number; failed: number };
  apiBase: string | null;
};

const lastFour = (value: string | null) => (value && value.length >= 8 ? value.slice(-4) : null);

export async function weComStatus(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, origin: string | null = null): Promise<WeComStatus> {
  requireAdmin(viewer);
  const r = repos(deps.db).wecom;
  const row = await r.settings(viewer.workspaceId);
  // A value sealed under another server secret reads as not shown; the test connection says why.
  const opened = (sealed: string | null | undefined) => (sealed && deps.wecom ? openOrNull(deps.wecom, sealed) : null);
  return {
    configured: Boolean(row),
    available: Boolean(deps.wecom),
    corpId: row?.corp_id ?? null,
    agentId: row?.agent_id ?? null,
    set: { contactSecret: Boolean(row?.contact_secret), agentSecret: Boolean(row?.agent_secret), token: Boolean(row?.callback_token), encodingAesKey: Boolean(row?.encoding_aes_key) },
    secretEnds: { contactSecret: lastFour(opened(row?.contact_secret)), agentSecret: lastFour(opened(row?.agent_secret)) },
    callback: { token: opened(row?.callback_token), encodingAesKey: opened(row?.encoding_aes_key) },
    callbackUrl: row && deps.wecom ? callbackUrl(deps.wecom, row.callback_key, origin) : null,
    publicUrlSet: Boolean(deps.wecom?.publicUrl),
    callbackPath: row ? callbackPath(row.callback_key) : null,
    callbackVerifiedAt: row?.callback_verified_at ?? null,
    lastCallbackAt: row?.last_callback_at ?? null,
    lastTest: row?.test_result ? (JSON.parse(row.test_result) as WeComTestResult) : null,
    callbacks: await r.callbackCounts(viewer.workspaceId),
    apiBase: deps.wecom?.apiBase ?? null,
  };
}

/** Whether this workspace can ask WeCom for anything (for screens that need it, e.g. channel codes); no admin needed. */
export async function weComConnected(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer): Promise<{ connected: boolean }> {
  const row = await repos(deps.db).wecom.settings(viewer.workspaceId);
  return { connected: Boolean(deps.wecom && row?.contact_secret) };
}

/** The stored settings with their secrets opened, for the server's own use only. */
export type WeComSecrets = { corpId: string; agentId: string | null; contactSecret: string | null; agentSecret: string | null; token: string | null; encodingAesKey: string | null };

export function openSettings(services: WeComServices, row: WecomSettingsRow): WeComSecrets {
  const open = (v: string | null) => {
    if (v === null) return null;
    try {
      return services.secrets.open(v);
    } catch (err) {
      if (!(err instanceof SecretUnreadable)) throw err;
      throw new DomainError(
        'wecom.secrets-unreadable',
        text('保存的企业微信密钥无法解密（服务器密钥 SESSION_SECRET 已更换？）：请在「设置 → 企业微信」重新填写 Secret、Token 和 EncodingAESKey', 'The stored WeCom secrets cannot be decrypted (was SESSION_SECRET changed?): enter the secrets, token and EncodingAESKey again in Settings → WeCom'),
      );
    }
  };
  return {
    corpId: row.corp_id,
    agentId: row.agent_id,
    contactSecret: open(row.contact_secret),
    agentSecret: open(row.agent_secret),
    token: open(row.callback_token),
    encodingAesKey: open(row.encoding_aes_key),
  };
}

export async function workspaceSecrets(db: Db, services: WeComServices, workspaceId: string): Promise<WeComSecrets | null> {
  const row = await repos(db).wecom.settings(workspaceId);
  return row ? openSettings(services, row) : null;
}
