import type { DigestTaskRow } from '@sopline/db';
import { describe, expect, it } from 'vitest';
import { composeDigest, composeOverdueReminder } from './compose.ts';

let n = 0;
const task = (title: string, customer: string, due: string): DigestTaskRow => ({ id: `t${(n += 1)}`, title, customer_name: customer, due_at: due, priority: 'normal' });
const DAY_START = '2026-03-01T16:00:00.000Z'; // 2026-03-02 00:00 in Shanghai

describe('composeDigest', () => {
  const tasks = [
    task('首单回访', '王小明', '2026-03-02T01:00:00.000Z'),
    task('首单回访', '张三', '2026-03-02T02:00:00.000Z'),
    task('生日祝福', '李四', '2026-03-02T03:00:00.000Z'),
    task('沉睡唤醒', '赵六', '2026-02-27T03:00:00.000Z'),
  ];

  it("splits today's tasks from overdue ones, grouped by script with counts and names", () => {
    const { message, summary } = composeDigest({ repName: '李销售', tasks, dayStart: DAY_START, locale: 'zh-CN', inboxUrl: 'https://s.example.com/inbox', mention: '13800000001', idempotencyKey: 'digest:u:2026-03-02' });
    expect(summary).toBe('李销售，今日任务 3 项，另有逾期 1 项');
    expect(message).toEqual({
      kind: 'digest',
      title: summary,
      lines: ['**今日**', '- 首单回访（2）：王小明、张三', '- 生日祝福（1）：李四', '**逾期**', '- 沉睡唤醒（1）：赵六'],
      link: { label: '打开今日任务', url: 'https://s.example.com/inbox' },
      mentions: ['13800000001'],
      locale: 'zh-CN',
      idempotencyKey: 'digest:u:2026-03-02',
    });
  });

  it('speaks English, has no link without a public URL, and caps long name lists', () => {
    const many = Array.from({ length: 8 }, (_, i) => task('Welcome', `C${i}`, '2026-03-02T01:00:00.000Z'));
    const { message } = composeDigest({ repName: 'Li', tasks: many, dayStart: DAY_START, locale: 'en', inboxUrl: null, mention: null, idempotencyKey: 'k' });
    expect(message.title).toBe('Li: 8 tasks today');
    expect(message.lines).toEqual(['**Today**', '- Welcome (8): C0, C1, C2, C3, C4 and 3 more']);
    expect(message.link).toBeNull();
    expect(message.mentions).toEqual([]);
  });
});

describe('composeOverdueReminder', () => {
  it("names the manager and lists the rep's overdue tasks", () => {
    const { message } = composeOverdueReminder({ repName: '李销售', managerName: '王运营', tasks: [task('回访', '甲', '2026-02-01T00:00:00.000Z')], locale: 'zh-CN', inboxUrl: null, mention: null, idempotencyKey: 'k' });
    expect(message.kind).toBe('remind');
    expect(message.title).toBe('李销售，你有 1 项逾期任务待处理');
    expect(message.lines).toEqual(['王运营 提醒你尽快跟进以下客户：', '- 回访（1）：甲']);
  });
});
