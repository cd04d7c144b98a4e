import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome, Task } from './task.ts';
import { OUTCOMES, SKIP_OUTCOMES } from './task.ts';

/** Closing one task or a selection: the outcome (the rep's choice, nothing pre-selected) and a note. */
export function OutcomeDialog(props: {
  dialog: { kind: 'outcome'; mode: 'done' | 'skip'; task: Task } | { kind: 'bulk' } | null;
  count: number;
  onClose: () => void;
  onConfirm: (outcome: Outcome, note: string) => void;
}) {
  const { t } = useTranslation();
  // No outcome is chosen for the rep: what happened is theirs to say.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [missing, setMissing] = useState(false);
  const [note, setNote] = useState('');
  const d = props.dialog;
  useEffect(() => {
    if (d) {
      setOutcome(null);
      setMissing(false);
      setNote('');
    }
  }, [d]);
  // A skip offers only what fits a task left undone: never 已发送 / Sent.
  const choices: readonly Outcome[] = d?.kind === 'outcome' && d.mode === 'skip' ? SKIP_OUTCOMES : OUTCOMES;
  const title = !d ? '' : d.kind === 'bulk' ? t('inbox.outcomeTitleBulk', { count: props.count }) : t(d.mode === 'done' ? 'inbox.outcomeTitleDone' : 'inbox.outcomeTitleSkip');
  return (
    <Modal opened={d !== null} onClose={props.onClose} title={title} size="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!outcome) setMissing(true);
          else props.onConfirm(outcome, note.trim());
        }}
      >
        <Stack gap="sm">
          {d?.kind === 'outcome' && (
            <Text size="sm" c="dimmed">
              {d.task.customer.name} · {d.task.title}
            </Text>
          )}
          <Radio.Group
            label={t('inbox.outcome')}
            value={outcome}
            onChange={(v) => {
              setOutcome(v as Outcome);
              setMissing(false);
            }}
            error={missing ? t('inbox.outcomeRequired') : undefined}
            data-testid="outcome-choice"
          >
            <Stack gap={8} mt={6}>
              {choices.map((o, i) => (
                <Radio key={o} value={o} label={t(`inbox.outcomes.${o}`)} data-autofocus={i === 0 ? true : undefined} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea label={t('inbox.note')} placeholder={t('inbox.notePlaceholder')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('inbox.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
