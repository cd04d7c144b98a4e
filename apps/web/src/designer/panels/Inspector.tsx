import { ActionIcon, Alert, Badge, Box, Button, Group, ScrollArea, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertOctagon, IconLock, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useTRPC } from '../../trpc.ts';
import { definitionOf, langOf } from '../catalog.ts';
import { FormEnvContext } from '../forms/FormContext.ts';
import { useDesigner } from '../store.ts';
import { useEditorLayout } from './editorLayout.ts';
import { useFailuresPanel } from './failuresPanel.ts';
import { NodeSettings } from './NodeSettings.tsx';
import { SidePanel } from './SidePanel.tsx';
import { WaitingCustomers } from './WaitingCustomers.tsx';

function deselectAll() {
  const s = useDesigner.getState();
  s.onNodesChange(s.nodes.filter((n) => n.selected).map((n) => ({ type: 'select' as const, id: n.id, selected: false })));
}

/**
 * The right-hand panel: the selected node's settings, and in live view the customers waiting there.
 * Renders nothing when no node is selected, so the canvas gets the room.
 */
export function Inspector({ journeyId, liveView, countsVersion }: { journeyId: string; liveView: boolean; countsVersion: number | null }) {
  const { t } = useTranslation();
  const selected = useDesigner(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.id)));
  const layout = useEditorLayout();
  if (selected.length === 0) return null;
  return (
    <SidePanel
      panel="inspector"
      side="right"
      title={t('designer.layout.inspector')}
      width={layout.inspectorWidth}
      collapsed={layout.inspectorCollapsed}
      onWidth={(inspectorWidth) => layout.set({ inspectorWidth })}
      onCollapsed={(inspectorCollapsed) => layout.set({ inspectorCollapsed })}
      testId="inspector"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && escapeClosesInspector(e)) deselectAll();
      }}
    >
      {selected.length === 1 ? (
        <NodeInspector key={`${selected[0]}-${liveView}`} journeyId={journeyId} nodeId={selected[0]!} liveView={liveView} countsVersion={countsVersion} />
      ) : (
        <Stack p="md" gap="xs">
          <Group justify="space-between">
            <Title order={5}>{t('designer.editor.multiSelected', { count: selected.length })}</Title>
            <CloseButton />
          </Group>
          <Text size="sm" c="dimmed">
            {t('designer.editor.multiSelectedHint')}
          </Text>
        </Stack>
      )}
    </SidePanel>
  );
}

/**
 * Esc in a field only leaves the field, and Esc in a menu or a dropdown (rendered in a portal, so
 * outside this panel on the page) only closes that; Esc elsewhere in the panel closes the panel.
 */
function escapeClosesInspector(e: React.KeyboardEvent<HTMLElement>): boolean {
  const target = e.target;
  if (e.defaultPrevented || !(target instanceof Element) || !e.currentTarget.contains(target)) return false;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return false;
  return !target.closest('[aria-expanded="true"], [role="menu"], [role="listbox"], [data-mantine-stop-propagation]');
}

function CloseButton() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('designer.inspector.close')}>
      <ActionIcon variant="subtle" color="gray" onClick={deselectAll} aria-label={t('designer.inspector.close')}>
        <IconX size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

function NodeInspector({ journeyId, nodeId, liveView, countsVersion }: { journeyId: string; nodeId: string; liveView: boolean; countsVersion: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const type = useDesigner((s) => s.nodes.find((n) => n.id === nodeId)?.data.type);
  const label = useDesigner((s) => s.nodes.find((n) => n.id === nodeId)?.data.label);
  const readOnly = useDesigner((s) => s.readOnly);
  const failed = useDesigner((s) => s.counts?.[nodeId]?.failed ?? 0);
  // Customers waiting here in any version (the counts on the canvas are for one version).
  const waitingList = useQuery({ ...trpc.enrollments.list.queryOptions({ journeyId, nodeId, status: 'waiting', limit: 1 }), enabled: liveView, refetchInterval: 10_000 });
  const waiting = waitingList.data?.total;
  // Workspace tags, offered while typing tag names.
  const tags = useQuery({ ...trpc.tags.list.queryOptions({ limit: 200 }), staleTime: 60_000 });
  const def = type ? definitionOf(type) : undefined;
  // In live view a wait node where customers wait opens on who they are; other nodes (passed straight
  // through), and a wait nobody is at, on their settings — until the person picks a tab.
  const waitingNow = useDesigner((s) => s.counts?.[nodeId]?.waitingNow ?? 0);
  const [chosen, setTab] = useState<string | null>(null);
  const tab = chosen ?? (liveView && def?.category === 'wait' && (waitingNow > 0 || (waiting ?? 0) > 0) ? 'customers' : 'config');
  // The workspace's stages and properties, offered for stage fields and a date wait's property.
  const stages = useQuery({ ...trpc.stages.list.queryOptions(), staleTime: 60_000 });
  const properties = useQuery({ ...trpc.properties.list.queryOptions(), staleTime: 60_000 });
  const env = { lang, disabled: readOnly, tags: tags.data?.items.map((x) => x.name) ?? [], stages: stages.data ?? [], properties: properties.data ?? [] };

  const settings = (
    <FormEnvContext.Provider value={env}>
      {readOnly && (
        <Alert color="gray" variant="light" icon={<IconLock size={16} />} p="xs" mb="sm">
          {t('designer.inspector.readOnly')}
        </Alert>
      )}
      <NodeSettings nodeId={nodeId} />
    </FormEnvContext.Provider>
  );

  return (
    <>
      <Group justify="space-between" p="sm" pb={6} wrap="nowrap" style={{ borderBottom: liveView ? undefined : '1px solid var(--mantine-color-gray-2)' }}>
        <Box style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {def ? def.title[lang] : type}
          </Text>
          <Title order={5} lineClamp={1}>
            {label || (def ? def.title[lang] : type)}
          </Title>
        </Box>
        <CloseButton />
      </Group>
      {liveView && failed > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertOctagon size={16} />} mx="sm" mb={6} p="xs" data-testid="inspector-failed">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('designer.failures.inspector', { count: failed })}</Text>
            <Button size="compact-xs" color="red" variant="light" onClick={() => useFailuresPanel.getState().show(nodeId)}>
              {t('designer.failures.inspectorAction')}
            </Button>
          </Group>
        </Alert>
      )}
      {liveView ? (
        <Tabs value={tab} onChange={setTab} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
          <Tabs.List px="sm">
            <Tabs.Tab value="config">{t('designer.inspector.tabConfig')}</Tabs.Tab>
            <Tabs.Tab
              value="customers"
              rightSection={
                waiting !== undefined ? (
                  <Badge size="xs" variant="light" circle={waiting < 10}>
                    {waiting}
                  </Badge>
                ) : undefined
              }
            >
              {t('designer.inspector.tabCustomers')}
            </Tabs.Tab>
          </Tabs.List>
          <ScrollArea style={{ flex: 1 }} p="sm">
            <Tabs.Panel value="config">{settings}</Tabs.Panel>
            <Tabs.Panel value="customers">
              <WaitingCustomers journeyId={journeyId} nodeId={nodeId} countsVersion={countsVersion} />
            </Tabs.Panel>
          </ScrollArea>
        </Tabs>
      ) : (
        <ScrollArea style={{ flex: 1 }} p="sm">
          {settings}
        </ScrollArea>
      )}
    </>
  );
}
