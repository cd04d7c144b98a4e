import type { Lang } from '@sopline/graph';

/**
 * What Sopline asks a channel to deliver: a title, body lines in a small Markdown subset (bold with
 * `**…**`, links `[text](url)`, list items starting with `- `), people to @mention, and the language
 * the text is written in. A channel renders it the way its service wants (Markdown, plain text, cards).
 */
export type ChannelMessage = {
  /** digest: the daily list; remind: a manager's nudge about overdue tasks; test: the settings page's test button. */
  kind: 'digest' | 'remind' | 'test';
  title: string;
  lines: string[];
  /** A link to the rep's inbox, when the product knows its public address. */
  link: { label: string; url: string } | null;
  /** Mobile numbers to @mention (a WeCom group robot notifies these members). */
  mentions: string[];
  locale: Lang;
  /** Stable across retries of the same delivery: send it where the service supports de-duplication. */
  idempotencyKey: string;
};

/** The message as Markdown: a bold title, the lines, then the link. */
export function toMarkdown(message: ChannelMessage): string {
  const parts = [`**${message.title}**`, ...message.lines];
  if (message.link) parts.push(`[${message.link.label}](${message.link.url})`);
  return parts.join('\n');
}

/** The message as plain text: Markdown marks removed, the link written out. */
export function toPlainText(message: ChannelMessage): string {
  const plain = (line: string) => line.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 $2');
  const parts = [message.title, ...message.lines.map(plain)];
  if (message.link) parts.push(`${message.link.label}: ${message.link.url}`);
  return parts.join('\n');
}
