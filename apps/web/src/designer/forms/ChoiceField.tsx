import { Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const OTHER = '\u0000other';

type Props = {
  chrome: { label: string; description?: string; error?: string; disabled?: boolean; withAsterisk?: boolean };
  choices: Array<{ value: string; label: string }>;
  /** The operator may name a value of their own ("other"), which is then stored as they typed it. */
  other: boolean;
  value: string;
  maxLength?: number;
  onChange(value: string): void;
  onCommit(): void;
};

/**
 * A text field whose values have names (an exit reason, a stage, a source): a picker of labels that
 * stores the code, and, where the node allows it, "other" with the operator's own words.
 */
export function ChoiceOrOtherField({ chrome, choices, other, value, maxLength, onChange, onCommit }: Props) {
  const { t } = useTranslation();
  const known = choices.some((c) => c.value === value);
  const [typing, setTyping] = useState(!known && value !== '');
  const data = [...choices, ...(other ? [{ value: OTHER, label: t('designer.inspector.otherChoice') }] : !known && value !== '' ? [{ value, label: value }] : [])];
  const selected = known ? value : other && (typing || value !== '') ? OTHER : value === '' ? null : value;
  return (
    <Stack gap={6}>
      <Select
        {...chrome}
        data={data}
        value={selected}
        searchable={data.length > 6}
        allowDeselect={false}
        onChange={(v) => {
          if (v === OTHER) {
            setTyping(true);
            return;
          }
          setTyping(false);
          onChange(v ?? '');
          onCommit();
        }}
      />
      {selected === OTHER && (
        <TextInput
          aria-label={t('designer.inspector.otherValue', { field: chrome.label })}
          placeholder={t('designer.inspector.otherPlaceholder')}
          value={known ? '' : value}
          maxLength={maxLength}
          disabled={chrome.disabled}
          onChange={(e) => onChange(e.currentTarget.value)}
          onBlur={onCommit}
          autoFocus={typing && value === ''}
        />
      )}
    </Stack>
  );
}
