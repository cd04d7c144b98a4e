import { text } from '@sopline/graph';
import { defineManifest, OUT } from '@sopline/node-sdk';
import { z } from 'zod';

export const RemoveTagConfig = z.object({
  tags: z.array(z.string().trim().min(1).max(64)).min(1).max(20).meta({ label: text('标签', 'Tags') }),
});
export type RemoveTagConfig = z.output<typeof RemoveTagConfig>;

export const manifest = defineManifest({
  type: 'remove-tag',
  version: 1,
  category: 'action',
  title: text('移除标签', 'Remove tag'),
  description: text('去掉客户身上的一个或多个标签；客户没有的标签会被忽略。', "Removes one or more tags from the customer; tags the customer doesn't have are ignored."),
  icon: 'tag-off',
  aliases: ['untag', 'tag', 'label', 'clear', '标签', '去标签', '删除标签', '取消标签'],
  config: RemoveTagConfig,
  summary: (config, lang) => (lang === 'en' ? `Remove tag${config.tags.length > 1 ? 's' : ''}: ${config.tags.join(', ')}` : `移除标签：${config.tags.join('、')}`),
  ports: () => [OUT],
});
