import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlarm, IconCheck, IconCopy, IconPlayerSkipForward, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from './task.ts';
import { formatWhen } from './task.ts';

/** One task in the inbox: the customer, the script to send, and what the rep can do with it. */
export function TaskCard(props: {
  task: Task;
  focused: boolean;
  selectable: boolean;
  selected: boolean;
  busy: boolean;
  onFocus: () => void;
  onToggle: () => void;
  onCopy: () => void;
  onCopySend: () => void;
  onDone: () => void;
  onSkip: () => void;
  onSnooze: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { task } = props;
  // Overdue means due before today: a task due earlier today is simply today's work, not late.
  const late = props.selectable && Date.parse(task.dueAt) < new Date().setHours(0, 0, 0, 0);
  const p = task.lastPurchase;
  const stages = t('inbox.stages', { returnObjects: true }) as Record<string, string>;
  // A task with nothing to send (a call, a visit) offers nothing to copy.
  const hasScript = task.script.trim() !== '';
  return (
    <Paper
      id={`task-${task.id}`}
      data-testid="task-card"
      withBorder
      p="md"
      onClick={props.onFocus}
      style={props.focused ? { borderColor: 'var(--mantine-color-teal-6)', boxShadow: '0 0 0 1px var(--mantine-color-teal-6)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            {props.selectable && <Checkbox aria-label={t('inbox.select')} checked={props.selected} onChange={props.onToggle} disabled={props.busy} />}
            <Text fw={600}>
              <Anchor component={Link} to={`/customers/${task.customer.id}`} state={{ from: '/inbox' }} inherit c="inherit" underline="hover">
                {task.customer.name}
              </Anchor>
            </Text>
            <Badge variant="outline" size="sm">
              {task.customer.stage ? (stages[task.customer.stage] ?? task.customer.stage) : t('inbox.noStage')}
            </Badge>
            {task.customer.tags.map((tag) => (
              <Badge key={tag} variant="light" color="gray" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
          <Group gap="xs">
            <Badge size="sm" color={task.priority === 'high' ? 'red' : task.priority === 'low' ? 'gray' : 'blue'} variant={task.priority === 'high' ? 'filled' : 'light'}>
              {t(`inbox.priority.${task.priority}`)}
            </Badge>
            {props.selectable ? (
              <Text size="sm" c={late ? 'red' : 'dimmed'} fw={late ? 600 : undefined}>
                {t(late ? 'inbox.overdueBy' : 'inbox.due', { when: formatWhen(task.dueAt, lang) })}
              </Text>
            ) : (
              <Badge size="sm" color={task.status === 'done' ? 'teal' : 'gray'}>
                {t(`inbox.status.${task.status === 'done' ? 'done' : 'skipped'}`)}
                {task.outcome ? ` · ${t(`inbox.outcomes.${task.outcome}`)}` : ''}
                {task.closedVia === 'wecom' ? ` · ${t('groupSend.byWeCom')}` : ''}
              </Badge>
            )}
          </Group>
        </Group>
        <div>
          <Text fw={500}>{task.title}</Text>
          <Text size="xs" c="dimmed">
            {task.journey ? `${t('inbox.journey')}：${task.journey.name} · ` : ''}
            {t('inbox.lastPurchase')}：
            {p
              ? [
                  p.product,
                  p.amount !== null ? new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(p.amount) : null,
                  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${p.date}T00:00:00Z`)),
                ]
                  .filter(Boolean)
                  .join(' · ')
              : t('inbox.noPurchase')}
          </Text>
        </div>
        {props.selectable && task.groupSend && task.groupSend.status !== 'sent' && (
          <Text size="xs" c={task.groupSend.status === 'pending' ? 'yellow.9' : 'red.8'} data-testid="task-group-send">
            {t(`groupSend.item.${task.groupSend.status}`)}
          </Text>
        )}
        {hasScript && (
          <Paper bg="gray.0" p="sm" data-testid="task-script">
            <Text size="md" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7, userSelect: 'text' }}>
              {task.script}
            </Text>
          </Paper>
        )}
        {task.note && !props.selectable && (
          <Text size="xs" c="dimmed">
            {task.note}
          </Text>
        )}
        {props.selectable && (
          <Group gap="xs" wrap="wrap">
            {hasScript && (
              <Button size="xs" leftSection={<IconCopy size={14} />} onClick={props.onCopy}>
                {t('inbox.copy')}
              </Button>
            )}
            {hasScript && (
              <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={props.onCopySend} disabled={props.busy}>
                {t('inbox.copySend')}
              </Button>
            )}
            <Button size="xs" variant="default" leftSection={<IconCheck size={14} />} onClick={props.onDone} disabled={props.busy}>
              {t('inbox.done')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconPlayerSkipForward size={14} />} onClick={props.onSkip} disabled={props.busy}>
              {t('inbox.skip')}
            </Button>
            <Button size="xs" variant="subtle" leftSection={<IconAlarm size={14} />} onClick={props.onSnooze} disabled={props.busy}>
              {t('inbox.snooze')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
