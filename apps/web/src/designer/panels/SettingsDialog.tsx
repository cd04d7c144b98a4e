import { Alert, Button, Divider, Group, Modal, Radio, Stack, Switch, Text } from '@mantine/core';
import type { JourneySettings, ReentryRule } from '@sopline/graph';
import { EventFilter } from '@sopline/graph';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc.ts';
import { langOf } from '../catalog.ts';
import { ConfigForm } from '../forms/ConfigForm.tsx';
import { FormEnvContext } from '../forms/FormContext.ts';
import { messagesByField } from '../forms/issues.ts';
import { flushPendingEdits } from '../forms/pendingEdits.ts';
import { formFields, jsonSchemaOf } from '../forms/schemaFields.ts';
import { useDesigner } from '../store.ts';

const REENTRY: ReentryRule[] = ['never', 'after-exit', 'always'];
const goalFields = formFields(jsonSchemaOf(EventFilter) ?? {});

type Goal = Record<string, unknown>;

/** Journey-wide rules: who may enter again, and the goal that ends the journey early. */
export function SettingsDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('designer.settings.title')} size="lg">
      {/* Mounted only while open, so each opening starts from the journey's current settings. */}
      {opened && <SettingsForm onClose={onClose} />}
    </Modal>
  );
}

function SettingsForm({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const current = useDesigner((s) => s.settings);
  const readOnly = useDesigner((s) => s.readOnly);
  const setSettings = useDesigner((s) => s.setSettings);
  const tags = useQuery({ ...trpc.tags.list.queryOptions({ limit: 200 }), staleTime: 60_000 });
  const [reentry, setReentry] = useState<ReentryRule>(current.reentry);
  const [goalOn, setGoalOn] = useState(current.goal !== null);
  const [goal, setGoal] = useState<Goal>(() => ({ ...(current.goal ?? { kind: 'purchase' }) }));
  const [touched, setTouched] = useState(false);
  const parsed = useMemo(() => EventFilter.safeParse(goal), [goal]);
  const messages = useMemo(() => (parsed.success ? {} : messagesByField(goal, parsed.error.issues)), [parsed, goal]);

  const apply = () => {
    flushPendingEdits();
    setTouched(true);
    const latest = EventFilter.safeParse(goal);
    if (goalOn && !latest.success) return;
    const next: JourneySettings = { reentry, goal: goalOn && latest.success ? latest.data : null };
    if (JSON.stringify(next) !== JSON.stringify(current)) setSettings(next);
    onClose();
  };

  return (
    <FormEnvContext.Provider value={{ lang, disabled: readOnly, tags: tags.data?.items.map((x) => x.name) ?? [] }}>
      <Stack>
        {readOnly && <Alert color="gray">{t('designer.settings.readOnly')}</Alert>}
        <Radio.Group label={t('designer.settings.reentry')} description={t('designer.settings.reentryHelp')} value={reentry} onChange={(v) => setReentry(v as ReentryRule)}>
          <Stack gap="xs" mt="xs">
            {REENTRY.map((rule) => (
              <Radio
                key={rule}
                value={rule}
                disabled={readOnly}
                label={t(`designer.settings.reentryOptions.${rule}.label`)}
                description={t(`designer.settings.reentryOptions.${rule}.help`)}
                data-testid={`reentry-${rule}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Divider />
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t('designer.settings.goal')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('designer.settings.goalHelp')}
          </Text>
          <Switch label={t('designer.settings.goalOn')} checked={goalOn} disabled={readOnly} onChange={(e) => setGoalOn(e.currentTarget.checked)} />
          {goalOn && <ConfigForm fields={goalFields} value={goal} messages={touched ? messages : {}} update={(change) => setGoal((g) => change(g))} />}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={apply} disabled={readOnly} data-testid="settings-apply">
            {t('designer.settings.apply')}
          </Button>
        </Group>
      </Stack>
    </FormEnvContext.Provider>
  );
}
