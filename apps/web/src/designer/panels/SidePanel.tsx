import { ActionIcon, Box, Tooltip } from '@mantine/core';
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand, IconLayoutSidebarRightCollapse, IconLayoutSidebarRightExpand } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './panels.module.css';
import { clampWidth, PANEL_LIMITS, RAIL_WIDTH } from './editorLayout.ts';

type Props = {
  panel: keyof typeof PANEL_LIMITS;
  /** Which edge of the editor the panel sits on; its resize handle is on the other side. */
  side: 'left' | 'right';
  /** The panel's name, as the buttons and the rail say it. */
  title: string;
  width: number;
  collapsed: boolean;
  onWidth(width: number): void;
  onCollapsed(collapsed: boolean): void;
  children: ReactNode;
  testId: string;
  onKeyDown?: React.KeyboardEventHandler<HTMLDivElement>;
};

const KEY_STEP = 16;

/**
 * A side panel of the editor that can be collapsed to a thin rail and resized by dragging (or with
 * the arrow keys on) its inner edge, so the canvas gets the room when the operator wants it.
 */
export function SidePanel({ panel, side, title, width, collapsed, onWidth, onCollapsed, children, testId, onKeyDown }: Props) {
  const { t } = useTranslation();
  // While dragging, the width lives here and is stored once, when the drag ends.
  const [dragWidth, setDragWidth] = useState<number | null>(null);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const shown = dragWidth ?? width;
  const grow = side === 'left' ? 1 : -1;
  const border = side === 'left' ? { borderRight: '1px solid var(--mantine-color-gray-3)' } : { borderLeft: '1px solid var(--mantine-color-gray-3)' };
  const CollapseIcon = side === 'left' ? IconLayoutSidebarLeftCollapse : IconLayoutSidebarRightCollapse;
  const ExpandIcon = side === 'left' ? IconLayoutSidebarLeftExpand : IconLayoutSidebarRightExpand;

  if (collapsed) {
    return (
      <Box className={classes.rail} w={RAIL_WIDTH} miw={RAIL_WIDTH} style={border} data-testid={testId} data-collapsed="true" onKeyDown={onKeyDown}>
        <Tooltip label={t('designer.layout.expand', { panel: title })} position={side === 'left' ? 'right' : 'left'} withArrow>
          <ActionIcon variant="subtle" color="gray" onClick={() => onCollapsed(false)} aria-label={t('designer.layout.expand', { panel: title })} aria-expanded={false} data-testid={`${testId}-expand`}>
            <ExpandIcon size={18} />
          </ActionIcon>
        </Tooltip>
        {/* The name is for the eye; the button above is the control (the whole rail also opens it). */}
        <span className={classes.railTitle} onClick={() => onCollapsed(false)} aria-hidden>
          {title}
        </span>
      </Box>
    );
  }

  return (
    <Box
      w={shown}
      miw={shown}
      style={{ ...border, position: 'relative', display: 'flex', flexDirection: 'column', minHeight: 0, background: 'var(--mantine-color-body)' }}
      data-testid={testId}
      data-collapsed="false"
      onKeyDown={onKeyDown}
    >
      <Tooltip label={t('designer.layout.collapse', { panel: title })} position={side === 'left' ? 'right' : 'left'} withArrow openDelay={300}>
        <ActionIcon
          className={classes.collapse}
          data-side={side}
          variant="default"
          size="sm"
          radius="xl"
          onClick={() => onCollapsed(true)}
          aria-label={t('designer.layout.collapse', { panel: title })}
          aria-expanded
          data-testid={`${testId}-collapse`}
        >
          <CollapseIcon size={14} />
        </ActionIcon>
      </Tooltip>
      {children}
      <div
        className={classes.resize}
        data-side={side}
        role="separator"
        aria-orientation="vertical"
        aria-label={t('designer.layout.resize', { panel: title })}
        aria-valuemin={PANEL_LIMITS[panel].min}
        aria-valuemax={PANEL_LIMITS[panel].max}
        aria-valuenow={shown}
        tabIndex={0}
        data-testid={`${testId}-resize`}
        onPointerDown={(e) => {
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width: shown };
        }}
        onPointerMove={(e) => {
          if (!drag.current) return;
          setDragWidth(clampWidth(panel, drag.current.width + (e.clientX - drag.current.x) * grow));
        }}
        onPointerUp={(e) => {
          if (!drag.current) return;
          const next = clampWidth(panel, drag.current.width + (e.clientX - drag.current.x) * grow);
          drag.current = null;
          setDragWidth(null);
          if (next !== width) onWidth(next);
        }}
        onPointerCancel={() => {
          drag.current = null;
          setDragWidth(null);
        }}
        onDoubleClick={() => onWidth(PANEL_LIMITS[panel].default)}
        onKeyDown={(e) => {
          const step = e.key === 'ArrowRight' ? KEY_STEP : e.key === 'ArrowLeft' ? -KEY_STEP : 0;
          if (!step) return;
          e.preventDefault();
          onWidth(clampWidth(panel, width + step * grow));
        }}
      />
    </Box>
  );
}
