import { text } from '@sopline/graph';
import { defineTriggerManifest } from '@sopline/node-sdk';
import { z } from 'zod';

export const TagAddedConfig = z.object({
  /** Fires when any one of these tags is added. */
  tags: z.array(z.string().trim().min(1).max(64)).min(1).max(20).meta({ label: text('标签', 'Tags') }),
});
export type TagAddedConfig = z.output<typeof TagAddedConfig>;

export const manifest = defineTriggerManifest({
  type: 'trigger-tag-added',
  version: 1,
  title: text('被打上标签', 'Tag added'),
  description: text(
    '客户被打上指定标签中的任意一个时开始旅程，例如被标记为「沉睡」后进入唤醒流程。',
    'Starts the journey when the customer is given any of the chosen tags — for example, a win-back flow once they are tagged "dormant".',
  ),
  icon: 'tags',
  aliases: ['tag', 'label', 'segment', 'tagged', '标签', '打标', '分群', '贴标签'],
  events: ['tag.added'],
  config: TagAddedConfig,
  summary: (config, lang) =>
    lang === 'en' ? `Tag added: ${config.tags.join(' or ')}` : `被打上标签：${config.tags.join(' 或 ')}`,
});
