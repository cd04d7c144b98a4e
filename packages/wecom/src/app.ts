import { z } from 'zod';
import type { WeComClient } from './client.ts';

/**
 * What the self-built app (自建应用) does for Sopline: who a member is after WeCom's OAuth
 * (auth/getuserinfo), the ticket the JS-SDK's agentConfig is signed with (ticket/get,
 * type=agent_config), and text-card messages to members (message/send).
 */
export const DEFAULT_OPEN_BASE = 'https://open.weixin.qq.com';
export const DEFAULT_LOGIN_BASE = 'https://login.work.weixin.qq.com';

export type AuthorizeInput = { corpId: string; agentId: string; redirectUri: string; state: string };

/**
 * Where to send a browser for WeCom to say who it is. Inside the WeCom app, the silent OAuth page;
 * elsewhere, WeCom's web login (a QR code the member scans with WeCom). `base` replaces both hosts
 * (a proxy, or a simulator in tests).
 */
export function authorizeUrl(input: AuthorizeInput & { inWeCom: boolean; base?: string | null }): string {
  if (input.inWeCom) {
    const url = new URL('/connect/oauth2/authorize', input.base ?? DEFAULT_OPEN_BASE);
    url.search = new URLSearchParams({ appid: input.corpId, redirect_uri: input.redirectUri, response_type: 'code', scope: 'snsapi_base', state: input.state, agentid: input.agentId }).toString();
    return `${url.toString()}#wechat_redirect`;
  }
  const url = new URL('/wwlogin/sso/login', input.base ?? DEFAULT_LOGIN_BASE);
  url.search = new URLSearchParams({ login_type: 'CorpApp', appid: input.corpId, agentid: input.agentId, redirect_uri: input.redirectUri, state: input.state }).toString();
  return url.toString();
}

const UserInfo = z.object({ userid: z.string().min(1).optional(), UserId: z.string().min(1).optional(), openid: z.string().optional(), external_userid: z.string().optional() });

/** The member behind an OAuth code (valid 5 minutes, once), or null for someone who is not a member. */
export async function memberOfCode(agent: WeComClient, code: string): Promise<string | null> {
  const answer = UserInfo.parse(await agent.get('auth/getuserinfo', { code }));
  return answer.userid ?? answer.UserId ?? null;
}

const Ticket = z.object({ ticket: z.string().min(1), expires_in: z.number().int().positive() });

/** The app's jsapi ticket for agentConfig (WeCom: 2 hours; callers cache it). */
export async function agentConfigTicket(agent: WeComClient): Promise<{ ticket: string; expiresIn: number }> {
  const answer = Ticket.parse(await agent.get('ticket/get', { type: 'agent_config' }));
  return { ticket: answer.ticket, expiresIn: answer.expires_in };
}

export type TextCard = { title: string; description: string; url: string; btntxt?: string };

/** A text card to members (at most 1000 at a time); the ones WeCom could not reach come back. */
export async function sendTextCard(agent: WeComClient, agentId: string, toUsers: string[], card: TextCard): Promise<{ invalidUsers: string[] }> {
  const answer = z
    .object({ invaliduser: z.string().optional() })
    .parse(
      await agent.post(
        'message/send',
        {
          touser: toUsers.join('|'),
          msgtype: 'textcard',
          agentid: Number(agentId),
          textcard: { title: card.title.slice(0, 128), description: card.description.slice(0, 512), url: card.url, ...(card.btntxt ? { btntxt: card.btntxt.slice(0, 4) } : {}) },
          enable_duplicate_check: 1,
          duplicate_check_interval: 1800,
        },
        // WeCom de-duplicates identical messages for half an hour: a retry after a timeout is safe.
        { idempotent: true },
      ),
    );
  return { invalidUsers: answer.invaliduser ? answer.invaliduser.split('|').filter(Boolean) : [] };
}

/** A plain text message to members (for a message without a link to open). */
export async function sendAppText(agent: WeComClient, agentId: string, toUsers: string[], content: string): Promise<{ invalidUsers: string[] }> {
  const answer = z
    .object({ invaliduser: z.string().optional() })
    .parse(await agent.post('message/send', { touser: toUsers.join('|'), msgtype: 'text', agentid: Number(agentId), text: { content: content.slice(0, 2000) }, enable_duplicate_check: 1, duplicate_check_interval: 1800 }, { idempotent: true }));
  return { invalidUsers: answer.invaliduser ? answer.invaliduser.split('|').filter(Boolean) : [] };
}
