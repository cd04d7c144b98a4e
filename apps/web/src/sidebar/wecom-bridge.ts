import * as ww from '@wecom/jssdk';

/**
 * The WeCom app around the sidebar page, through WeCom's own JS-SDK (@wecom/jssdk): register the
 * page with an agentConfig signature, ask for the chat's customer, put a message into the chat.
 * Outside the WeCom app none of this exists, and `inWeCom()` says so.
 */
export type Signature = { corpId: string; agentId: string; timestamp: number; nonceStr: string; signature: string };

export const inWeCom = () => ww.env.isWeCom;

/** The page's URL as WeCom signs it (without the fragment). */
export const pageUrl = () => window.location.href.split('#')[0]!;

/** Registers the page; `sign` asks the server for the signature of a URL. Resolves once WeCom accepted it. */
export async function registerSidebar(first: Signature, sign: (url: string) => Promise<Signature>): Promise<void> {
  ww.register({
    corpId: first.corpId,
    agentId: first.agentId,
    jsApiList: ['getCurExternalContact', 'sendChatMessage'],
    getAgentConfigSignature: async (url: string) => (url === pageUrl() ? first : sign(url)),
  });
  await ww.ensureAgentConfigReady();
}

/** The external_userid of the customer in the current chat. */
export async function currentCustomer(): Promise<string> {
  const { userId } = await ww.getCurExternalContact();
  return userId;
}

/** Sends the text into the current chat (WeCom's sendChatMessage). */
export async function sendToChat(content: string): Promise<void> {
  await ww.sendChatMessage({ msgtype: 'text', text: { content } });
}

/** WeCom's error message of a failed JS-SDK call ("getCurExternalContact:fail no permission"), if it is one. */
export function weComErrMsg(err: unknown): string | null {
  return typeof err === 'object' && err !== null && 'errMsg' in err && typeof err.errMsg === 'string' ? err.errMsg : null;
}
