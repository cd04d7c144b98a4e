import type { NodeCategory } from '@sopline/graph';
import type { TablerIcon as Icon } from '@tabler/icons-react';
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

export function nodeIcon(name: string | null, category: NodeCategory | null): Icon {
  return (name ? BY_NAME[name] : undefined) ?? (category ? BY_CATEGORY[category] : IconPuzzle);
}
