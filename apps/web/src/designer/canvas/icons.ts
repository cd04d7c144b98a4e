import type { NodeCategory } from '@sopline/graph';
import type { TablerIcon as Icon } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { createElement, forwardRef } from 'react';
import {
  IconApi,
  IconBell,
  IconBolt,
  IconBrandWechat,
  IconCake,
  IconCalendar,
  IconClock,
  IconClockPause,
  IconCoin,
  IconDiscount,
  IconDoorExit,
  IconFilter,
  IconFlag,
  IconGift,
  IconGitBranch,
  IconHandClick,
  IconHourglass,
  IconMail,
  IconMessage2,
  IconMessageCircle,
  IconPhone,
  IconPlayerPlay,
  IconPuzzle,
  IconReceipt,
  IconSend,
  IconShoppingCart,
  IconStairsUp,
  IconStar,
  IconTag,
  IconTagOff,
  IconTags,
  IconTarget,
  IconUserCheck,
  IconUserMinus,
  IconUserPlus,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';

/**
 * Node definitions name their Tabler icon as a string. Only the icons listed here are bundled (importing
 * the whole set would add megabytes); an unlisted name falls back to its category's icon.
 */
const BY_NAME: Record<string, Icon> = {
  api: IconApi,
  bell: IconBell,
  bolt: IconBolt,
  'brand-wechat': IconBrandWechat,
  cake: IconCake,
  calendar: IconCalendar,
  clock: IconClock,
  'clock-pause': IconClockPause,
  coin: IconCoin,
  discount: IconDiscount,
  'door-exit': IconDoorExit,
  filter: IconFilter,
  flag: IconFlag,
  gift: IconGift,
  'git-branch': IconGitBranch,
  'hand-click': IconHandClick,
  hourglass: IconHourglass,
  mail: IconMail,
  'message-2': IconMessage2,
  'message-circle': IconMessageCircle,
  phone: IconPhone,
  receipt: IconReceipt,
  send: IconSend,
  'shopping-cart': IconShoppingCart,
  'stairs-up': IconStairsUp,
  star: IconStar,
  tag: IconTag,
  'tag-off': IconTagOff,
  tags: IconTags,
  target: IconTarget,
  'user-check': IconUserCheck,
  'user-minus': IconUserMinus,
  'user-plus': IconUserPlus,
  users: IconUsers,
  webhook: IconWebhook,
};

const BY_CATEGORY: Record<NodeCategory, Icon> = {
  trigger: IconBolt,
  wait: IconClock,
  condition: IconGitBranch,
  action: IconPlayerPlay,
  exit: IconDoorExit,
};

const SHIPPED = new Map<string, Icon>();

/**
 * A plugin's own SVG as an icon component: drawn as a CSS mask filled with the current text colour, so it
 * follows the theme like Tabler's icons, and never run as markup (no script in it can execute).
 */
function shippedIcon(svg: string): Icon {
  let icon = SHIPPED.get(svg);
  if (!icon) {
    const url = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
    const Shipped = forwardRef<HTMLSpanElement, { size?: number | string; className?: string; style?: CSSProperties }>(function Shipped({ size = 24, className, style }, ref) {
      return createElement('span', {
        ref,
        'aria-hidden': true,
        'data-icon': 'svg',
        className,
        style: { display: 'inline-block', width: size, height: size, flex: 'none', backgroundColor: 'currentColor', mask: `${url} center / contain no-repeat`, WebkitMask: `${url} center / contain no-repeat`, ...style },
      });
    });
    icon = Shipped as unknown as Icon;
    SHIPPED.set(svg, icon);
  }
  return icon;
}

export function nodeIcon(name: string | null, category: NodeCategory | null): Icon {
  if (name?.trimStart().startsWith('<svg')) return shippedIcon(name.trim());
  return (name ? BY_NAME[name] : undefined) ?? (category ? BY_CATEGORY[category] : IconPuzzle);
}

/** Whether the web app carries this Tabler icon itself (others arrive as SVG with the node type). */
export function hasBundledIcon(name: string): boolean {
  return name in BY_NAME;
}
