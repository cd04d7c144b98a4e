import { z } from 'zod';
import { text } from './text.ts';

/** Kinds of customer events the engine understands; `custom` carries a `name` in its payload. */
export const EventKind = z.enum([
  'customer.created',
  'purchase',
  'tag.added',
  'tag.removed',
  'stage.changed',
  'reply.logged',
  'task.completed',
  'custom',
  /** WeCom: a rep added the customer (payload: wecomUserId, repId, state). */
  'contact.added',
  /** WeCom: the customer deleted the rep, or the rep them (payload: by 'customer' | 'rep', wecomUserId, repId). */
  'contact.lost',
]);
export type EventKind = z.infer<typeof EventKind>;

/** What the engine sees of a stored event. Payload fields are loose on purpose; filters read them defensively. */
export type CustomerEvent = {
  id: string;
  kind: EventKind;
  occurredAt: string;
  receivedAt: string;
  payload: Record<string, unknown>;
};

/** A filter on one kind of event: used by triggers, wait-for-event nodes and journey goals. */
export const EventFilter = z.object({
  kind: EventKind.meta({
    label: text('事件类型', 'Event type'),
    values: {
      'customer.created': text('新客户加入', 'Customer created'),
      purchase: text('购买', 'Purchase'),
      'tag.added': text('被打上标签', 'Tag added'),
      'tag.removed': text('标签被移除', 'Tag removed'),
      'stage.changed': text('阶段变化', 'Stage changed'),
      'reply.logged': text('记录了回复', 'Reply logged'),
      'task.completed': text('待办已完成', 'Task completed'),
      custom: text('自定义事件', 'Custom event'),
      'contact.added': text('加为企微好友', 'Added on WeCom'),
      'contact.lost': text('企微好友流失', 'WeCom contact lost'),
    },
  }),
  tag: z.string().trim().min(1).max(64).optional().meta({ label: text('标签', 'Tag') }),
  product: z.string().trim().min(1).max(200).optional().meta({ label: text('商品', 'Product') }),
  category: z.string().trim().min(1).max(200).optional().meta({ label: text('品类', 'Category') }),
  minAmount: z.number().nonnegative().max(1e12).optional().meta({ label: text('最低金额（元）', 'Minimum amount (¥)') }),
  stage: z.string().trim().min(1).max(64).optional().meta({ label: text('阶段', 'Stage') }),
  name: z.string().trim().min(1).max(100).optional().meta({ label: text('事件名称', 'Event name') }),
});
export type EventFilter = z.infer<typeof EventFilter>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function purchaseItems(payload: Record<string, unknown>): Array<{ product?: string; category?: string }> {
  const items = Array.isArray(payload.items) ? payload.items : [];
  const list = items.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null).map((i) => ({ product: str(i.product), category: str(i.category) }));
  list.push({ product: str(payload.product), category: str(payload.category) });
  return list;
}

/** True when the event satisfies every field the filter sets. */
export function matchesEvent(event: Pick<CustomerEvent, 'kind' | 'payload'>, filter: EventFilter): boolean {
  if (event.kind !== filter.kind) return false;
  const p = event.payload;
  if (filter.tag !== undefined && str(p.tag) !== filter.tag) return false;
  if (filter.stage !== undefined && str(p.to) !== filter.stage && str(p.stage) !== filter.stage) return false;
  if (filter.name !== undefined && str(p.name) !== filter.name) return false;
  if (filter.minAmount !== undefined && !(typeof p.amount === 'number' && p.amount >= filter.minAmount)) return false;
  if (filter.product !== undefined || filter.category !== undefined) {
    const items = purchaseItems(p);
    const hit = items.some((i) => (filter.product === undefined || i.product === filter.product) && (filter.category === undefined || i.category === filter.category));
    if (!hit) return false;
  }
  return true;
}
