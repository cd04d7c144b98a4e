import { Alert, List, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ConfigProblem } from '@sopline/graph';
import { LIMITS } from '@sopline/graph';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { definitionOf, langOf } from '../catalog.ts';
import { ConfigForm } from '../forms/ConfigForm.tsx';
import { messagesByField, unplacedMessages } from '../forms/issues.ts';
import { NODE_FIELD_EDITORS } from '../forms/nodeEditors.ts';
import { fieldPaths, formFields, jsonSchemaOf, pathKey } from '../forms/schemaFields.ts';
import { useBufferedField } from '../forms/useBufferedField.ts';
import { useDesigner } from '../store.ts';

type Config = Record<string, unknown>;

/** The selected node's name and settings, generated from its type's schema; edits go to the store. */
export function NodeSettings({ nodeId }: { nodeId: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const node = useDesigner((s) => s.nodes.find((n) => n.id === nodeId));
  const updateNode = useDesigner((s) => s.updateNode);
  const readOnly = useDesigner((s) => s.readOnly);
  const serverProblems = useDesigner(useShallow((s) => s.problems.filter((p) => p.nodeId === nodeId)));
  const def = node ? definitionOf(node.data.type) : undefined;
  const fields = useMemo(() => {
    const schema = def ? jsonSchemaOf(def.config) : null;
    return schema ? formFields(schema) : null;
  }, [def]);
  const config: Config = node?.data.config ?? {};

  const messages = useMemo(() => {
    if (!def) return {};
    const parsed = def.config.safeParse(config);
    let own: ConfigProblem[] = [];
    if (parsed.success) {
      try {
        own = def.validate?.(parsed.data) ?? [];
      } catch {
        own = [];
      }
    }
    return messagesByField(config, parsed.success ? [] : parsed.error.issues, own);
  }, [def, config]);

  const label = useBufferedField<string>(
    node?.data.label,
    (r) => (typeof r === 'string' ? r : ''),
    (d) => (d.trim() === '' ? undefined : d),
    (v) => {
      if (useDesigner.getState().nodes.some((n) => n.id === nodeId)) updateNode(nodeId, { label: v as string | undefined });
    },
  );

  if (!node) return null;
  if (!def || !fields) {
    return (
      <Alert color="orange" icon={<IconAlertTriangle size={16} />}>
        {t('designer.inspector.unknownType', { type: node.data.type })}
      </Alert>
    );
  }

  const shown = fieldPaths(fields, config);
  // Problems from the last save or check that no field shows (an exit not connected, say).
  const elsewhere = serverProblems.filter((p) => p.code !== 'node.invalid-config' && (!p.path || !shown.includes(pathKey(p.path))));
  const unplaced = unplacedMessages(messages, shown);
  const update = (change: (current: Config) => Config) => {
    const latest = useDesigner.getState().nodes.find((n) => n.id === nodeId);
    if (latest) updateNode(nodeId, { config: change(latest.data.config) });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {def.description[lang]}
      </Text>
      {elsewhere.length > 0 && (
        <Alert color="red" variant="light" title={t('designer.inspector.nodeProblems')} p="xs">
          <List size="sm" spacing={2}>
            {elsewhere.map((p, i) => (
              <List.Item key={i}>{p.message[lang]}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <TextInput
        label={t('designer.inspector.label')}
        description={t('designer.inspector.labelHelp')}
        placeholder={def.title[lang]}
        value={label.display}
        onChange={(e) => label.change(e.currentTarget.value)}
        onBlur={label.flush}
        maxLength={LIMITS.nameLength}
        disabled={readOnly}
        data-testid="node-label"
      />
      {unplaced.length > 0 && (
        <Alert color="red" variant="light" title={t('designer.inspector.otherIssues')} p="xs">
          <List size="sm" spacing={2}>
            {unplaced.map((m, i) => (
              <List.Item key={i}>{m[lang]}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {fields.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('designer.inspector.noSettings')}
        </Text>
      ) : (
        <ConfigForm fields={fields} value={config} messages={messages} update={update} overrides={NODE_FIELD_EDITORS[node.data.type]} />
      )}
    </Stack>
  );
}
