import { text } from '@sopline/graph';
import { defineTriggerManifest } from '@sopline/node-sdk';
import { z } from 'zod';

export const ManualTriggerConfig = z.object({});

export const manifest = defineTriggerManifest({
  type: 'trigger-manual',
  version: 1,
  title: text('手动加入', 'Manual enrolment'),
  description: text(
    '不由事件触发：由运营在客户列表中手动选择客户，或批量导入、按分群批量加入旅程。',
    'Not started by events: operators enrol customers by hand from the customer list, or in bulk from an import or a segment.',
  ),
  icon: 'hand-click',
  aliases: ['manual', 'bulk', 'import', 'batch', 'enrol', 'enroll', '手动', '批量', '导入', '圈选'],
  events: [],
  config: ManualTriggerConfig,
  summary: (_config, lang) => (lang === 'en' ? 'Enrolled by hand or in bulk' : '手动或批量加入'),
});
