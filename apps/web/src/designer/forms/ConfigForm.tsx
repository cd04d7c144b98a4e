import { Fieldset, Stack } from '@mantine/core';
import type { ComponentType } from 'react';
import { BooleanField, ChoiceField, EnumField, MultiField, NumberField, TagsField, TextField, UnsupportedField } from './fields.tsx';
import type { LeafProps } from './fields.tsx';
import { useFormEnv } from './FormContext.ts';
import type { FieldMessages } from './issues.ts';
import { fieldLabel } from './labels.ts';
import type { FieldSpec } from './schemaFields.ts';
import { activeVariant, pathKey } from './schemaFields.ts';
import { effectiveValue, eventFilterApplies, getAt, isEventFilter, setField, switchVariant, withEventKind } from './values.ts';

type Config = Record<string, unknown>;
type LeafKind = Exclude<FieldSpec['kind'], 'object' | 'union'>;

/** A node type's own editor for one field (e.g. the send-script script), by the field's dotted path. */
export type FieldOverrides = Record<string, ComponentType<LeafProps<LeafKind>>>;

export type ConfigFormProps = {
  fields: FieldSpec[];
  value: Config;
  messages: FieldMessages;
  /** Applies a change to the LATEST config (fields commit after a typing pause). */
  update(change: (current: Config) => Config): void;
  overrides?: FieldOverrides;
};

const LEAVES: { [K in LeafKind]: ComponentType<LeafProps<K>> } = {
  text: TextField,
  number: NumberField,
  boolean: BooleanField,
  enum: EnumField,
  tags: TagsField,
  multi: MultiField,
  unsupported: UnsupportedField,
};

const isObj = (v: unknown): v is Config => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The form for a config, generated from its schema's fields; the same for every node type. */
export function ConfigForm(props: ConfigFormProps) {
  // An event filter (a journey goal) shows only the filters its kind can use.
  const kind = isEventFilter(props.fields) ? effectiveValue(props.value, props.fields, ['kind']) : undefined;
  const visible = kind === undefined ? props.fields : props.fields.filter((f) => eventFilterApplies(kind, f.key));
  return (
    <Stack gap="sm">
      {visible.map((f) => (
        <FieldView key={pathKey(f.path) || 'root'} field={f} form={props} />
      ))}
    </Stack>
  );
}

function FieldView({ field, form }: { field: FieldSpec; form: ConfigFormProps }) {
  const { lang, disabled } = useFormEnv();
  const { value: root, fields: rootFields, messages, update } = form;

  if (field.kind === 'union') {
    const here = field.path.length === 0 ? root : getAt(root, field.path);
    const variant = activeVariant(field, isObj(here) ? here : {});
    const discriminatorPath = [...field.path, field.discriminator];
    return (
      <>
        <ChoiceField
          path={discriminatorPath}
          label={field.discriminatorLabel}
          help={field.discriminatorHelp}
          options={field.variants.map((v) => v.value)}
          values={field.discriminatorValues}
          value={variant.value}
          required={false}
          hasDefault
          messages={messages[pathKey(discriminatorPath)]}
          onChange={(v) => v && v !== variant.value && update((c) => switchVariant(c, field, v))}
        />
        {variant.fields.map((f) => (
          <FieldView key={pathKey(f.path)} field={f} form={form} />
        ))}
      </>
    );
  }

  if (field.kind === 'object') {
    const eventFilter = isEventFilter(field.fields);
    const kind = eventFilter ? effectiveValue(root, rootFields, [...field.path, 'kind']) : undefined;
    const visible = eventFilter ? field.fields.filter((f) => eventFilterApplies(kind, f.key)) : field.fields;
    const children = visible.map((f) => <FieldView key={pathKey(f.path)} field={f} form={form} />);
    // A one-field object (due.afterMinutes) reads better without a frame around it.
    if (field.fields.length === 1) return <>{children}</>;
    return (
      <Fieldset legend={field.label?.[lang] ?? fieldLabel(field.path)} disabled={disabled} p="sm">
        <Stack gap="sm">{children}</Stack>
      </Fieldset>
    );
  }

  const parentPath = field.path.slice(0, -1);
  const parentSpec = parentPath.length > 0 ? findObject(rootFields, parentPath, root) : null;
  const set = (v: unknown) =>
    update((c) => {
      // Changing an event's kind drops the filters the new kind cannot use.
      if (field.key === 'kind' && typeof v === 'string' && (parentSpec ? isEventFilter(parentSpec.fields) : parentPath.length === 0 && isEventFilter(rootFields))) {
        if (parentPath.length === 0) return withEventKind(c, v);
        const current = effectiveValue(c, rootFields, parentPath);
        return setField(c, rootFields, parentPath, withEventKind(isObj(current) ? current : {}, v));
      }
      return setField(c, rootFields, field.path, v);
    });
  const leaf = {
    raw: getAt(root, field.path),
    fallback: effectiveValue(root, rootFields, field.path),
    messages: messages[pathKey(field.path)],
    set,
  };
  const Override = form.overrides?.[pathKey(field.path)];
  if (Override) return <Override field={field} {...leaf} />;
  const Leaf = LEAVES[field.kind] as ComponentType<LeafProps<typeof field.kind>>;
  return <Leaf field={field} {...leaf} />;
}

/** The object field at `path` (looking through unions by the current discriminator values). */
function findObject(fields: FieldSpec[], path: (string | number)[], root: Config): Extract<FieldSpec, { kind: 'object' }> | null {
  let level = fields;
  let found: FieldSpec | undefined;
  for (const key of path) {
    const flat = level.flatMap((f) => (f.kind === 'union' ? activeVariant(f, isObj(getAt(root, f.path)) ? (getAt(root, f.path) as Config) : {}).fields : [f]));
    found = flat.find((f) => f.key === key);
    if (found?.kind !== 'object') return null;
    level = found.fields;
  }
  return found?.kind === 'object' ? found : null;
}
