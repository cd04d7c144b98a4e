import { describe, expect, it } from 'vitest';
import { defaultWinBackJourney } from './winback.ts';

describe('defaultWinBackJourney', () => {
  it('prefers a live journey named win-back in either language, else the first live one', () => {
    const j = (id: string, name: string, status = 'live') => ({ id, name, status });
    expect(defaultWinBackJourney([j('a', '新客欢迎'), j('b', 'Dormant win-back')])).toBe('b');
    expect(defaultWinBackJourney([j('a', '新客欢迎'), j('b', '沉睡客户召回')])).toBe('b');
    expect(defaultWinBackJourney([j('a', '新客欢迎'), j('b', '流失挽回', 'paused'), j('c', 'Winback')])).toBe('c');
    expect(defaultWinBackJourney([j('a', '新客欢迎'), j('b', '复购')])).toBe('a');
    expect(defaultWinBackJourney([j('a', '召回', 'draft')])).toBeNull();
    expect(defaultWinBackJourney([])).toBeNull();
  });
});
