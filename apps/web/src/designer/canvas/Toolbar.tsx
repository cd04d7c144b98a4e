import { ActionIcon, Paper, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp, IconFocusCentered, IconKeyboard, IconMap, IconMapOff, IconSitemap } from '@tabler/icons-react';
import { Panel } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesigner } from '../store.ts';
import { shortcutHint } from './shortcuts.ts';

type Props = { onLayout(): void; onFitView(): void; onHelp(): void; layingOut: boolean; minimapShown: boolean; onToggleMinimap(): void };

/** Undo / redo, auto-layout, fit view, the minimap switch and the shortcuts list, floating over the canvas. */
export const Toolbar = memo(function Toolbar({ onLayout, onFitView, onHelp, layingOut, minimapShown, onToggleMinimap }: Props) {
  const { t } = useTranslation();
  const readOnly = useDesigner((s) => s.readOnly);
  const canUndo = useDesigner((s) => s.past.length > 0);
  const canRedo = useDesigner((s) => s.future.length > 0);
  const hasNodes = useDesigner((s) => s.nodes.length > 0);
  const undo = useDesigner((s) => s.undo);
  const redo = useDesigner((s) => s.redo);
  const button = (label: string, icon: React.ReactNode, onClick: () => void, testId: string, disabled = false, loading = false, hint = '') => (
    <Tooltip label={hint ? `${label}  ${hint}` : label} withArrow openDelay={300}>
      <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={onClick} disabled={disabled} loading={loading} data-testid={testId}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Panel position="top-left">
      <Paper shadow="xs" withBorder p={2} style={{ display: 'flex', gap: 2 }} data-testid="canvas-toolbar">
        {!readOnly && button(t('designer.canvas.toolbar.undo'), <IconArrowBackUp size={18} />, undo, 'canvas-undo', !canUndo, false, shortcutHint('undo'))}
        {!readOnly && button(t('designer.canvas.toolbar.redo'), <IconArrowForwardUp size={18} />, redo, 'canvas-redo', !canRedo, false, shortcutHint('redo'))}
        {!readOnly && button(t('designer.canvas.toolbar.layout'), <IconSitemap size={18} />, onLayout, 'canvas-layout', !hasNodes, layingOut)}
        {button(t('designer.canvas.toolbar.fitView'), <IconFocusCentered size={18} />, onFitView, 'canvas-fit-view', !hasNodes, false, shortcutHint('fitView'))}
        {button(t(minimapShown ? 'designer.layout.minimapHide' : 'designer.layout.minimapShow'), minimapShown ? <IconMapOff size={18} /> : <IconMap size={18} />, onToggleMinimap, 'canvas-minimap', !hasNodes)}
        {button(t('designer.canvas.toolbar.shortcuts'), <IconKeyboard size={18} />, onHelp, 'canvas-shortcuts', false, false, shortcutHint('help'))}
      </Paper>
    </Panel>
  );
});
