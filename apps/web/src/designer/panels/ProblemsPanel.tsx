import { ActionIcon, Badge, Box, Group, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconChevronDown, IconChevronUp, IconCircleCheck } from '@tabler/icons-react';
import type { Problem } from '@sopline/graph';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { definitionOf, langOf } from '../catalog.ts';
import { useDesigner } from '../store.ts';
import classes from './panels.module.css';
import { problemCounts, sortProblems } from './problems.ts';

export const PROBLEMS_HEIGHT = 200;

/** The bottom panel: every problem of the journey in the operator's language; click one to jump to its node. */
export function ProblemsPanel({ opened, onToggle, checked }: { opened: boolean; onToggle(): void; checked: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const problems = useDesigner((s) => s.problems);
  const nodeOrder = useDesigner(useShallow((s) => s.nodes.map((n) => n.id)));
  const names = useDesigner(useShallow((s) => s.nodes.map((n) => n.data.label || definitionOf(n.data.type)?.title[lang] || n.data.type)));
  const requestFocus = useDesigner((s) => s.requestFocus);
  const sorted = useMemo(() => sortProblems(problems, nodeOrder), [problems, nodeOrder]);
  const { errors, warnings } = problemCounts(problems);
  const nameOf = (p: Problem) => {
    if (p.nodeId) {
      const i = nodeOrder.indexOf(p.nodeId);
      return i >= 0 ? names[i]! : p.nodeId;
    }
    return p.edgeId ? t('designer.problems.connection') : t('designer.problems.journey');
  };

  return (
    <Box data-testid="problems-panel" style={{ borderTop: '1px solid var(--mantine-color-gray-3)', background: 'var(--mantine-color-body)' }}>
      <Group justify="space-between" px="sm" h={34}>
        <UnstyledButton onClick={onToggle} aria-expanded={opened}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('designer.problems.title')}
            </Text>
            {errors > 0 && (
              <Badge color="red" size="sm" variant="light" leftSection={<IconAlertCircle size={12} />}>
                {t('designer.problems.errors', { count: errors })}
              </Badge>
            )}
            {warnings > 0 && (
              <Badge color="yellow" size="sm" variant="light" leftSection={<IconAlertTriangle size={12} />}>
                {t('designer.problems.warnings', { count: warnings })}
              </Badge>
            )}
            {checked && problems.length === 0 && <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />}
          </Group>
        </UnstyledButton>
        <Tooltip label={opened ? t('designer.problems.hide') : t('designer.problems.show')}>
          <ActionIcon variant="subtle" color="gray" onClick={onToggle} aria-label={opened ? t('designer.problems.hide') : t('designer.problems.show')}>
            {opened ? <IconChevronDown size={16} /> : <IconChevronUp size={16} />}
          </ActionIcon>
        </Tooltip>
      </Group>
      {opened && (
        <ScrollArea.Autosize mah={PROBLEMS_HEIGHT - 34} px="sm" pb="xs">
          {sorted.length === 0 ? (
            <Text size="sm" c="dimmed" py="xs">
              {checked ? t('designer.problems.none') : t('designer.problems.notChecked')}
            </Text>
          ) : (
            <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {sorted.map((p, i) => (
                <li key={`${p.code}-${p.nodeId ?? p.edgeId ?? ''}-${i}`}>
                  <UnstyledButton
                    data-testid="problem-item"
                    data-node-id={p.nodeId}
                    w="100%"
                    px={6}
                    py={4}
                    style={{ cursor: p.nodeId ? 'pointer' : 'default' }}
                    className={classes.row}
                    onClick={() => p.nodeId && requestFocus(p.nodeId)}
                    title={p.nodeId ? t('designer.problems.jump') : undefined}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      {p.severity === 'error' ? <IconAlertCircle size={16} color="var(--mantine-color-red-6)" style={{ flexShrink: 0, marginTop: 2 }} /> : <IconAlertTriangle size={16} color="var(--mantine-color-yellow-7)" style={{ flexShrink: 0, marginTop: 2 }} />}
                      <Text size="sm" fw={500} style={{ flexShrink: 0 }} maw={220} truncate>
                        {nameOf(p)}
                      </Text>
                      <Text size="sm">{p.message[lang]}</Text>
                    </Group>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      )}
    </Box>
  );
}
