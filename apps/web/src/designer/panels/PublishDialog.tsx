import { Alert, Button, Center, Group, List, Loader, Modal, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import type { Problem } from '@sopline/graph';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC, useTRPCClient } from '../../trpc.ts';
import { definitionOf, langOf } from '../catalog.ts';
import { useDesigner } from '../store.ts';
import { conflictOf, problemsOf } from './apiErrors.ts';
import classes from './panels.module.css';
import type { DraftSync } from './useDraftSync.ts';
import { notify } from './notify.ts';

type Step = { kind: 'checking' } | { kind: 'blocked'; problems: Problem[] } | { kind: 'ready'; warnings: Problem[] } | { kind: 'error'; message: string };

/**
 * Saves, checks strictly, then asks for version notes. An invalid journey shows what blocks it
 * (click to jump to the node) instead of a publish button.
 */
export function PublishDialog({ journeyId, sync, opened, onClose, onConflict }: { journeyId: string; sync: DraftSync; opened: boolean; onClose(): void; onConflict(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'checking' });
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const versions = useQuery({ ...trpc.journeys.versions.queryOptions({ id: journeyId }), enabled: opened });
  const nextVersion = (versions.data ?? []).reduce((max, v) => Math.max(max, v.version), 0) + 1;
  const { save, raiseConflict } = sync;

  useEffect(() => {
    if (!opened) return;
    let cancelled = false;
    setStep({ kind: 'checking' });
    setTouched(false);
    void (async () => {
      if (!(await save())) {
        if (cancelled) return;
        if (sync.currentPhase() === 'conflict') {
          onClose();
          return onConflict();
        }
        return setStep({ kind: 'error', message: t('designer.editor.saveFirst') });
      }
      try {
        const result = await client.journeys.validate.mutate({ id: journeyId });
        if (cancelled) return;
        useDesigner.getState().setProblems(result.problems);
        const errors = result.problems.filter((p) => p.severity === 'error');
        setStep(result.ok ? { kind: 'ready', warnings: result.problems.filter((p) => p.severity === 'warning') } : { kind: 'blocked', problems: errors });
      } catch (err) {
        if (!cancelled) setStep({ kind: 'error', message: errorText(err, i18n.language) });
      }
    })();
    return () => {
      cancelled = true;
    };
    // Re-check each time the dialog opens (not when a callback changes identity).
  }, [opened]);

  const publish = async () => {
    setTouched(true);
    if (notes.trim() === '') return;
    setPublishing(true);
    try {
      const v = await client.journeys.publish.mutate({ id: journeyId, notes: notes.trim(), revision: useDesigner.getState().revision });
      notify({ color: 'teal', title: t('designer.publish.published', { version: v.version }), message: t('designer.publish.publishedBody', { version: v.version }) });
      setNotes('');
      onClose();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.journeys.get.queryKey({ id: journeyId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.journeys.versions.queryKey({ id: journeyId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.analytics.nodeCounts.queryKey() }),
      ]);
    } catch (err) {
      const conflict = conflictOf(err);
      const problems = problemsOf(err);
      if (conflict) {
        raiseConflict(conflict);
        onClose();
        onConflict();
      } else if (problems) {
        useDesigner.getState().setProblems(problems);
        setStep({ kind: 'blocked', problems: problems.filter((p) => p.severity === 'error') });
      } else {
        setStep({ kind: 'error', message: t('designer.publish.failed', { error: errorText(err, i18n.language) }) });
      }
    } finally {
      setPublishing(false);
    }
  };

  const nameOf = (p: Problem) => {
    const node = p.nodeId ? useDesigner.getState().nodes.find((n) => n.id === p.nodeId) : undefined;
    return node ? node.data.label || definitionOf(node.data.type)?.title[lang] || node.data.type : null;
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('designer.publish.title')} size="lg">
      {step.kind === 'checking' && (
        <Center p="lg">
          <Stack align="center" gap="xs">
            <Loader />
            <Text size="sm" c="dimmed">
              {t('designer.publish.checking')}
            </Text>
          </Stack>
        </Center>
      )}
      {step.kind === 'error' && (
        <Stack>
          <Alert color="red">{step.message}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      )}
      {step.kind === 'blocked' && (
        <Stack data-testid="publish-blocked">
          <Text fw={500}>{t('designer.publish.blocked')}</Text>
          <Stack gap={2}>
            {step.problems.map((p, i) => (
              <UnstyledButton
                key={i}
                className={classes.row}
                px={6}
                py={4}
                data-testid="publish-problem"
                onClick={() => {
                  if (p.nodeId) useDesigner.getState().requestFocus(p.nodeId);
                  onClose();
                }}
              >
                <Text size="sm">
                  {nameOf(p) && <b>{nameOf(p)}：</b>}
                  {p.message[lang]}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
          <Text size="xs" c="dimmed">
            {t('designer.publish.blockedHint')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      )}
      {step.kind === 'ready' && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void publish();
          }}
        >
          <Stack>
            {step.warnings.length > 0 && (
              <Alert color="yellow" variant="light" title={t('designer.publish.warnings')} p="xs">
                <List size="sm">
                  {step.warnings.map((p, i) => (
                    <List.Item key={i}>
                      {nameOf(p) && <b>{nameOf(p)}：</b>}
                      {p.message[lang]}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Textarea
              data-testid="publish-notes"
              label={t('designer.publish.notes')}
              placeholder={t('designer.publish.notesPlaceholder')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void publish();
                }
              }}
              error={touched && notes.trim() === '' ? t('designer.publish.notesRequired') : null}
              withAsterisk
              autosize
              minRows={3}
              maxLength={2000}
              data-autofocus
            />
            <Text size="sm">{t('designer.publish.nextVersion', { version: nextVersion })}</Text>
            <Text size="xs" c="dimmed">
              {t('designer.publish.inFlight')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={publishing} data-testid="publish-confirm">
                {t('designer.publish.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
