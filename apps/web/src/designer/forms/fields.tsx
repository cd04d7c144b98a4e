import { Autocomplete, Chip, Group, Input, JsonInput, NumberInput, SegmentedControl, Select, Switch, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import type { Text as Bilingual } from '@sopline/graph';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeOfDayInput } from '../../components/TimeOfDayInput.tsx';
import { ChoiceOrOtherField } from './ChoiceField.tsx';
import { useFormEnv } from './FormContext.ts';
import { numberRefusal } from './issues.ts';
import { fieldLabel, suggestionsFor, valueLabel } from './labels.ts';
import type { FieldPath, FieldSpec } from './schemaFields.ts';
import { useBufferedField } from './useBufferedField.ts';

/** What every leaf field gets: its spec, the value stored in the config, its messages and a setter. */
export type LeafProps<K extends FieldSpec['kind']> = {
  field: Extract<FieldSpec, { kind: K }>;
  raw: unknown;
  /** What shows when nothing is set: the schema default. */
  fallback: unknown;
  messages: readonly Bilingual[] | undefined;
  set(value: unknown): void;
};

/** Label, help and the "optional" hint, shared by all fields. */
export function useFieldChrome(path: FieldPath, field: Pick<FieldSpec, 'required' | 'default' | 'label' | 'help'>, messages: readonly Bilingual[] | undefined) {
  const { t } = useTranslation();
  const { lang, disabled } = useFormEnv();
  const optional = !field.required && field.default === undefined;
  const help = field.help?.[lang];
  // 「（选填）」 in Chinese, "(optional)" in English: each language's own brackets.
  const description = [help, optional ? t('designer.inspector.optionalNote') : undefined].filter(Boolean).join(' ') || undefined;
  const error = messages && messages.length > 0 ? messages.map((m) => m[lang]).join('\n') : undefined;
  return { label: field.label?.[lang] ?? fieldLabel(path), description, error, withAsterisk: field.required, disabled, lang };
}

const textOf = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function TextField({ field, raw, fallback, messages, set }: LeafProps<'text'>) {
  const chrome = useFieldChrome(field.path, field, messages);
  const env = useFormEnv();
  const { tags } = env;
  const { display, change, flush } = useBufferedField<string>(
    raw,
    (r) => textOf(r ?? fallback),
    (d) => (d === '' ? undefined : d),
    set,
  );
  const stages = suggestionsFor(field.path, chrome.lang, env);
  const isTag = field.key === 'tag';
  // A Chinese default (a task's title) is no hint on an English screen.
  const common = { ...chrome, value: display, onBlur: flush, maxLength: field.maxLength, placeholder: typeof field.default === 'string' && !(chrome.lang === 'en' && /[\u3400-\u9fff]/.test(field.default)) ? field.default : undefined };
  if (field.multiline) {
    return (
      <Textarea
        {...common}
        autosize
        minRows={3}
        maxRows={12}
        onChange={(e) => change(e.currentTarget.value)}
      />
    );
  }
  if (field.time) return <TimeOfDayInput {...chrome} value={display} onChange={(v) => { change(v); flush(); }} w={160} />;
  // Values with names (a node's own choices, the workspace's stages) are picked by name; the code is stored.
  const named = field.choices?.map((c) => ({ value: c.value, label: c.label[chrome.lang] })) ?? (isTag ? [] : stages);
  if (named.length > 0) return <ChoiceOrOtherField chrome={chrome} choices={named} other={field.other ?? false} value={display} maxLength={field.maxLength} onChange={change} onCommit={flush} />;
  if (isTag && tags.length > 0) {
    return <Autocomplete {...common} data={[...tags]} onChange={change} onOptionSubmit={(v) => { change(v); flush(); }} />;
  }
  return <TextInput {...common} onChange={(e) => change(e.currentTarget.value)} />;
}

export function NumberField({ field, raw, fallback, messages, set }: LeafProps<'number'>) {
  const chrome = useFieldChrome(field.path, field, messages);
  const { display, change, flush } = useBufferedField<number | string>(
    raw,
    (r) => (typeof (r ?? fallback) === 'number' ? (r ?? fallback) as number : textOf(r)),
    (d) => (typeof d === 'number' ? d : d.trim() === '' ? undefined : Number.isFinite(Number(d)) ? Number(d) : d),
    set,
    (v) => typeof v !== 'number' || numberRefusal(v, field) === null,
  );
  // Out of range is refused as it is typed, in the operator's language; the draft keeps the last good value.
  const typed = typeof display === 'number' ? display : display.trim() === '' || display === '-' ? null : Number(display);
  const refusal = typed === null ? null : numberRefusal(typed, field);
  return (
    <NumberInput
      {...chrome}
      error={refusal ? refusal[chrome.lang] : chrome.error}
      value={display}
      onChange={change}
      onBlur={flush}
      min={field.min}
      max={field.max}
      allowDecimal={!field.integer}
      clampBehavior="none"
      w={field.integer && (field.max ?? Infinity) <= 1_000_000 ? 200 : undefined}
      placeholder={typeof field.default === 'number' ? String(field.default) : undefined}
    />
  );
}

export function BooleanField({ field, raw, fallback, messages, set }: LeafProps<'boolean'>) {
  const chrome = useFieldChrome(field.path, field, messages);
  return <Switch label={chrome.label} description={chrome.description} error={chrome.error} disabled={chrome.disabled} checked={Boolean(raw ?? fallback)} onChange={(e) => set(e.currentTarget.checked)} />;
}

/** A choice: segmented buttons for two or three short options, a select otherwise. */
export function ChoiceField(props: {
  path: FieldPath;
  /** The field's own label and help (schema meta). */
  label?: Bilingual | undefined;
  help?: Bilingual | undefined;
  options: readonly string[];
  /** The package's names for the options (schema meta `values`). */
  values?: Readonly<Record<string, Bilingual>> | undefined;
  value: string | null;
  required: boolean;
  hasDefault: boolean;
  messages: readonly Bilingual[] | undefined;
  onChange(value: string | null): void;
}) {
  const chrome = useFieldChrome(props.path, { required: props.required, default: props.hasDefault ? true : undefined, label: props.label, help: props.help }, props.messages);
  const data = props.options.map((o) => ({ value: o, label: valueLabel(props.path, o, chrome.lang, props.values) }));
  const short = data.length <= 3 && data.every((d) => [...d.label].length <= 14);
  if (short && props.value !== null && data.some((d) => d.value === props.value)) {
    return (
      <Input.Wrapper label={chrome.label} description={chrome.description} error={chrome.error} withAsterisk={chrome.withAsterisk}>
        <SegmentedControl fullWidth size="xs" mt={4} data={data} value={props.value} onChange={props.onChange} disabled={chrome.disabled} aria-label={chrome.label} />
      </Input.Wrapper>
    );
  }
  return <Select {...chrome} data={data} value={props.value} onChange={props.onChange} allowDeselect={!props.required && !props.hasDefault} clearable={!props.required && !props.hasDefault} searchable={data.length > 6} />;
}

export function EnumField({ field, raw, fallback, messages, set }: LeafProps<'enum'>) {
  const value = typeof (raw ?? fallback) === 'string' ? ((raw ?? fallback) as string) : null;
  return <ChoiceField path={field.path} label={field.label} help={field.help} options={field.options} values={field.values} value={value} required={field.required} hasDefault={field.default !== undefined} messages={messages} onChange={(v) => set(v ?? undefined)} />;
}

export function TagsField({ field, raw, fallback, messages, set }: LeafProps<'tags'>) {
  const chrome = useFieldChrome(field.path, field, messages);
  const { tags } = useFormEnv();
  const value = Array.isArray(raw ?? fallback) ? ((raw ?? fallback) as unknown[]).map(textOf) : [];
  return (
    <TagsInput
      {...chrome}
      value={value}
      onChange={(next) => set(next.length === 0 && !field.required ? undefined : next)}
      data={tags.filter((tag) => !value.includes(tag))}
      splitChars={[',', '，', '、']}
      maxTags={field.maxItems}
      acceptValueOnBlur
      clearable
    />
  );
}

export function MultiField({ field, raw, fallback, messages, set }: LeafProps<'multi'>) {
  const chrome = useFieldChrome(field.path, field, messages);
  const current = Array.isArray(raw ?? fallback) ? ((raw ?? fallback) as unknown[]) : [];
  const numeric = field.options.every((o) => typeof o === 'number');
  return (
    <Input.Wrapper label={chrome.label} description={chrome.description} error={chrome.error} withAsterisk={chrome.withAsterisk}>
      <Chip.Group
        multiple
        value={current.map(String)}
        onChange={(next) => {
          const values = field.options.filter((o) => next.includes(String(o)));
          set(values.length === 0 && !field.required ? undefined : numeric ? values.map(Number) : values);
        }}
      >
        <Group gap={6} mt={6}>
          {field.options.map((o) => (
            <Chip key={String(o)} value={String(o)} size="xs" disabled={chrome.disabled}>
              {valueLabel(field.path, o, chrome.lang, field.values)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Input.Wrapper>
  );
}

/** A setting the form cannot draw (a plugin's exotic schema): edited as JSON, never hidden. */
export function UnsupportedField({ field, raw, messages, set }: LeafProps<'unsupported'>) {
  const { t } = useTranslation();
  const chrome = useFieldChrome(field.path, field, messages);
  const [text, setText] = useState(() => (raw === undefined ? '' : JSON.stringify(raw, null, 2)));
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <JsonInput
      {...chrome}
      label={field.key ? chrome.label : t('designer.inspector.unsupported')}
      description={field.key ? t('designer.inspector.unsupported') : undefined}
      value={text}
      onChange={setText}
      autosize
      minRows={3}
      formatOnBlur
      error={parseError ?? chrome.error}
      onBlur={() => {
        if (text.trim() === '') return set(undefined);
        try {
          set(JSON.parse(text) as unknown);
          setParseError(null);
        } catch (err) {
          setParseError(t('designer.inspector.invalidJson', { error: (err as Error).message }));
        }
      }}
    />
  );
}

export function FieldNote({ children }: { children: React.ReactNode }) {
  return (
    <Text size="xs" c="dimmed">
      {children}
    </Text>
  );
}
