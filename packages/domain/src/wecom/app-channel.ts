import type { ChannelDefinition, ChannelMessage, DeliveryResult } from '@sopline/channel-sdk';
import { defineChannel, delivered, permanentFailure, toPlainText, transientFailure } from '@sopline/channel-sdk';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { handlingOf, sendAppText, sendTextCard, WeComApiError, WeComUnreachable } from '@sopline/wecom';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import { weComApps } from './connection.ts';

/**
 * WeCom app messages (应用消息) as a notification channel beside the group robot's webhook: each
 * rep's digest and a manager's reminder go to that rep's own WeCom, as a text card that opens their
 * inbox, through the workspace's self-built app (Settings → WeCom). It has nothing of its own to
 * configure; the rep must be linked to a WeCom account (Settings → Team).
 */
export const WECOM_APP_CHANNEL = 'wecom-app';

const Config = z.object({}).strict();

/** The card's text: the message's lines without Markdown, cut to what WeCom shows (512 bytes). */
function description(message: ChannelMessage): string {
  const body = toPlainText({ ...message, title: '', link: null }).replace(/^\n/, '');
  let out = '';
  for (const ch of body) {
    if (Buffer.byteLength(out + ch) > 500) return `${out}…`;
    out += ch;
  }
  return out;
}

function failureOf(err: unknown): DeliveryResult {
  if (err instanceof WeComUnreachable) return transientFailure(err.explain('en'));
  if (err instanceof WeComApiError) return handlingOf(err.errcode) === 'back-off' ? transientFailure(err.explain('en')) : permanentFailure(`WeCom error ${err.errcode}: ${err.explain('en')}`);
  if (err instanceof DomainError) return permanentFailure(err.text.en);
  throw err;
}

export function weComAppChannel(deps: Pick<DomainDeps, 'db' | 'wecom'>): ChannelDefinition<typeof Config> {
  return defineChannel({
    id: WECOM_APP_CHANNEL,
    name: text('企业微信应用消息', 'WeCom app message'),
    description: text('每位销售在自己的企业微信里收到每日任务和提醒，点开即是今日待办。需要先设置企业微信自建应用，并在「成员」中关联每位销售的企业微信账号。', 'Each rep gets the daily digest and reminders in their own WeCom, one tap from their inbox. Needs WeCom’s self-built app, and each rep linked to their WeCom account under Team.'),
    configSchema: Config,
    target: () => 'WeCom app',
    async send(message, _config, ctx) {
      const to = ctx.recipient?.wecomUserId;
      if (!ctx.recipient) return permanentFailure('a WeCom app message goes to one person, and this one has none');
      if (!to) return permanentFailure(`${ctx.recipient.name} is not linked to a WeCom account (Settings → Team)`);
      if (!ctx.workspaceId) return permanentFailure('the message names no workspace');
      try {
        const apps = await weComApps(deps, ctx.workspaceId);
        if (!apps?.agent || !apps.secrets.agentId) return permanentFailure('WeCom’s self-built app is not set up (Settings → WeCom: AgentId and secret)');
        // Without SOPLINE_PUBLIC_URL, the address the admin used when connecting WeCom is where reps reach Sopline too.
        const base = (await repos(deps.db).wecom.settings(ctx.workspaceId))?.public_base;
        const url = message.link?.url ?? (base ? `${base.replace(/\/+$/, '')}/inbox` : null);
        const sent = url
          ? await sendTextCard(apps.agent, apps.secrets.agentId, [to], { title: message.title, description: description(message), url, btntxt: message.locale === 'en' ? 'Open' : '打开' })
          : await sendAppText(apps.agent, apps.secrets.agentId, [to], toPlainText(message));
        if (sent.invalidUsers.includes(to)) return permanentFailure(`WeCom cannot reach member ${to}: add them to the self-built app’s visible range (可见范围)`);
        return delivered(200);
      } catch (err) {
        return failureOf(err);
      }
    },
  });
}
