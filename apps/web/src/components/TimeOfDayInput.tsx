import { Select } from '@mantine/core';
import type { SelectProps } from '@mantine/core';
import { useMemo } from 'react';

const STEP_MINUTES = 15;
const pad = (n: number) => String(n).padStart(2, '0');

/** Every quarter hour of a day as "HH:mm", plus `current` when it falls between them. */
export function timesOfDay(current: string | null | undefined): string[] {
  const times = Array.from({ length: (24 * 60) / STEP_MINUTES }, (_, i) => `${pad(Math.floor((i * STEP_MINUTES) / 60))}:${pad((i * STEP_MINUTES) % 60)}`);
  if (current && /^([01]\d|2[0-3]):[0-5]\d$/.test(current) && !times.includes(current)) return [...times, current].sort();
  return times;
}

/**
 * A time of day on the 24-hour clock ("21:00"), whatever the browser's own locale: a native time input
 * shows "09:00 PM" on an English system even when the page is Chinese. Type "21" to jump to 21:00.
 */
export function TimeOfDayInput({ value, onChange, ...props }: Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: string; onChange(value: string): void }) {
  const data = useMemo(() => timesOfDay(value), [value]);
  return <Select {...props} data={data} value={value || null} onChange={(v) => v && onChange(v)} searchable allowDeselect={false} maxDropdownHeight={240} w={props.w ?? 140} />;
}
