import type { NodeCategory } from '@sopline/graph';

/** Palette and layout order: a journey reads top to bottom in this order. */
export const CATEGORY_ORDER: readonly NodeCategory[] = ['trigger', 'wait', 'condition', 'action', 'exit'];

/** Mantine colour per category: the node's left border, its icon tile and its minimap dot. */
export const CATEGORY_COLOR: Record<NodeCategory, string> = {
  trigger: 'violet',
  wait: 'orange',
  condition: 'blue',
  action: 'teal',
  exit: 'gray',
};

export function categoryColorVar(category: NodeCategory | null, shade = 6): string {
  return `var(--mantine-color-${category ? CATEGORY_COLOR[category] : 'red'}-${shade})`;
}
