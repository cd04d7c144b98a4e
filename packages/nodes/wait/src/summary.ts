import type { Lang } from '@sopline/graph';
import type { SummaryNames } from '@sopline/node-sdk';
import type { WaitConfig } from './schema.ts';

const UNIT_ZH = { minutes: '分钟', hours: '小时', days: '天', weeks: '周' } as const;
const UNIT_EN = { minutes: 'minute', hours: 'hour', days: 'day', weeks: 'week' } as const;
const WEEKDAY_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summarizeWait(config: WaitConfig, lang: Lang, names?: SummaryNames): string {
  const en = lang === 'en';
  switch (config.mode) {
    case 'duration':
      return en ? `Wait ${plural(config.amount, UNIT_EN[config.unit])}` : `等待 ${config.amount} ${UNIT_ZH[config.unit]}`;
    case 'weekday-time': {
      const days = [...new Set(config.weekdays)].sort((a, b) => a - b);
      if (days.length === 7) return en ? `Wait until the next ${config.time}` : `等到下一个 ${config.time}`;
      const names = days.map((d) => (en ? WEEKDAY_EN : WEEKDAY_ZH)[d - 1]);
      return en ? `Wait until ${names.join(', ')} at ${config.time}` : `等到${names.join('、')} ${config.time}`;
    }
    case 'date-property': {
      const n = Math.abs(config.offsetDays);
      const yearly = config.yearly ? (en ? ' (yearly)' : '（每年）') : '';
      // The property by the workspace's label (生日), its key only where the workspace has none.
      const property = names?.property(config.property, lang) ?? config.property;
      if (en) {
        const when = config.offsetDays === 0 ? property : `${plural(n, 'day')} ${config.offsetDays < 0 ? 'before' : 'after'} ${property}`;
        return `Wait until ${when}, ${config.time}${yearly}`;
      }
      const when = config.offsetDays === 0 ? '当天' : `${config.offsetDays < 0 ? '前' : '后'} ${n} 天`;
      return `等到「${property}」${when} ${config.time}${yearly}`;
    }
  }
}
