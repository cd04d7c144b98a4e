import { text } from '@sopline/graph';
import { defineManifest, OUT } from '@sopline/node-sdk';
import { z } from 'zod';

export const AddTagConfig = z.object({
  tags: z.array(z.string().trim().min(1).max(64)).min(1).max(20).meta({ label: text('标签', 'Tags') }),
});
export type AddTagConfig = z.output<typeof AddTagConfig>;

export const manifest = defineManifest({
  type: 'add-tag',
  version: 1,
  category: 'action',
  title: text('添加标签', 'Add tag'),
  description: text('给客户打上一个或多个标签，便于后续分支、分群和统计。', 'Adds one or more tags to the customer, for later branches, segments and reports.'),
  icon: 'tag',
  aliases: ['tag', 'label', 'segment', 'mark', '标签', '打标', '打标签', '分层'],
  config: AddTagConfig,
  summary: (config, lang) => (lang === 'en' ? `Add tag${config.tags.length > 1 ? 's' : ''}: ${config.tags.join(', ')}` : `添加标签：${config.tags.join('、')}`),
  ports: () => [OUT],
});
