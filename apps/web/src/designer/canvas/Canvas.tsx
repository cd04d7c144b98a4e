import { Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDragDrop } from '@tabler/icons-react';
import type { AriaLabelConfig, Connection, DefaultEdgeOptions, NodeTypes } from '@xyflow/react';
import { Background, BackgroundVariant, ConnectionLineType, Controls, MarkerType, MiniMap, ReactFlow, useReactFlow, useStoreApi } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionOf, langOf } from '../catalog.ts';
import type { DesignerEdge, DesignerNode } from '../convert.ts';
import { useDesigner } from '../store.ts';
import './canvas.css';
import { categoryColorVar } from './categories.ts';
import { useNodesChangeWithDragHistory } from './dragHistory.ts';
import { JourneyNode } from './JourneyNode.tsx';
import { layoutJourney } from './layout.ts';
import { describeNode } from './nodeView.ts';
import { boundsOf, pasteOffset } from './placement.ts';
import { selectChanges } from './selection.ts';
import type { ShortcutAction } from './shortcuts.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { Toolbar } from './Toolbar.tsx';
import { useCanvasKeys } from './useCanvasKeys.ts';
import { usePaletteDrop } from './usePaletteDrop.ts';
import { useEditorLayout } from '../panels/editorLayout.ts';
import { showJourney, useFocusRequests, useKeepSelectionVisible, useOpenFitted, useShowSimulatedPath } from './useViewportEffects.ts';
import { boxOf, viewRect } from './viewport.ts';
import { nodeName } from '../panels/nodeNames.ts';

// Module scope: a nodeTypes map built during render would remount every node.
const nodeTypes: NodeTypes = { journey: JourneyNode };
const EDGE_OPTIONS: DefaultEdgeOptions = { type: 'smoothstep', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 }, interactionWidth: 24 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const SNAP: [number, number] = [8, 8];
const FIT = { padding: 0.15, maxZoom: 1, duration: 300 };
// React Flow's MIT licence allows hiding its attribution; a Chinese screen should not carry an English link.
const PRO_OPTIONS = { hideAttribution: true };
const minimapColor = (n: DesignerNode) => categoryColorVar(definitionOf(n.data.type)?.category ?? null, 5);

/**
 * The journey canvas. Must sit inside `<DesignerFlowProvider>` (with the palette), and in a box with a
 * height: it fills its parent.
 */
export function Canvas({ children }: { children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const nodes = useDesigner((s) => s.nodes);
  const edges = useDesigner((s) => s.edges);
  const readOnly = useDesigner((s) => s.readOnly);
  const onEdgesChange = useDesigner((s) => s.onEdgesChange);
  const onConnect = useDesigner((s) => s.onConnect);
  const onNodesChange = useNodesChangeWithDragHistory();
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const rf = useStoreApi<DesignerNode, DesignerEdge>();
  const root = useRef<HTMLDivElement>(null);
  const [help, setHelp] = useState(false);
  const [layingOut, setLayingOut] = useState(false);
  const minimapShown = useEditorLayout((s) => !s.minimapHidden);
  const setLayout = useEditorLayout((s) => s.set);
  const toggleMinimap = useCallback(() => setLayout({ minimapHidden: minimapShown }), [setLayout, minimapShown]);

  const isValidConnection = useCallback(
    (c: Connection | DesignerEdge) => c.source !== c.target && definitionOf(flow.getNode(c.target)?.data.type ?? '')?.category !== 'trigger',
    [flow],
  );

  const fitView = useCallback(() => void flow.fitView(FIT), [flow]);

  const runLayout = useCallback(async () => {
    const s = useDesigner.getState();
    if (s.readOnly || s.nodes.length === 0) return;
    const lang = langOf(i18n.language);
    setLayingOut(true);
    try {
      const positions = await layoutJourney({
        nodes: s.nodes.map((n) => ({
          ...boxOf(n),
          ports: describeNode(definitionOf(n.data.type), n.data, lang).ports.map((p) => p.id),
          isTrigger: definitionOf(n.data.type)?.category === 'trigger',
        })),
        edges: s.edges.map((e) => ({ id: e.id, source: e.source, sourcePort: e.sourceHandle ?? 'out', target: e.target })),
      });
      // The operator may have switched journey or version while ELK worked: then leave it be.
      const now = useDesigner.getState();
      if (now.readOnly || now.journeyId !== s.journeyId) return;
      // Keep the journey where it was on the canvas: same top-left corner as before.
      const before = boundsOf(s.nodes.map(boxOf));
      const after = boundsOf(Object.entries(positions).map(([id, position]) => ({ id, position })));
      const dx = before && after ? before.x - after.x : 0;
      const dy = before && after ? before.y - after.y : 0;
      now.setPositions(Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { x: p.x + dx, y: p.y + dy }])));
      requestAnimationFrame(() => showJourney(flow, rf.getState(), useDesigner.getState().nodes, 300));
    } catch (error) {
      notifications.show({ color: 'red', message: t('designer.canvas.layoutFailed', { error: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setLayingOut(false);
    }
  }, [i18n, t, flow, rf]);

  const run = useCallback(
    (action: ShortcutAction): boolean => {
      const s = useDesigner.getState();
      const selectedIds = s.nodes.filter((n) => n.selected).map((n) => n.id);
      switch (action) {
        case 'help':
          setHelp((open) => !open);
          return true;
        case 'fitView':
          fitView();
          return true;
        case 'copy':
          if (selectedIds.length === 0) return false;
          s.copySelection();
          return true;
        case 'selectAll':
          s.onNodesChange(selectChanges(s.nodes.filter((n) => !n.selected).map((n) => n.id), true));
          return true;
        case 'deselect': {
          const edgeIds = s.edges.filter((e) => e.selected).map((e) => e.id);
          if (selectedIds.length === 0 && edgeIds.length === 0) return false;
          s.onNodesChange(selectChanges(selectedIds, false));
          s.onEdgesChange(edgeIds.map((id) => ({ type: 'select', id, selected: false })));
          return true;
        }
      }
      if (s.readOnly) return false;
      switch (action) {
        case 'delete':
          s.deleteSelection();
          return true;
        case 'cut':
          if (selectedIds.length === 0) return false;
          s.copySelection();
          s.deleteSelection();
          return true;
        case 'paste': {
          const clip = s.clipboard?.nodes ?? [];
          const copied = boundsOf(clip.map(boxOf));
          if (!copied) return false;
          // After a cut the originals are gone: paste back in place rather than beside an empty spot.
          const present = new Set(s.nodes.map((n) => n.id));
          s.paste(pasteOffset(copied, viewRect(rf.getState()), clip.some((n) => present.has(n.id)) ? 40 : 0));
          return true;
        }
        case 'undo':
          s.undo();
          return true;
        case 'redo':
          s.redo();
          return true;
      }
      return false;
    },
    [fitView, rf],
  );
  useCanvasKeys(root, run);

  const onLayout = useCallback(() => void runLayout(), [runLayout]);
  const openHelp = useCallback(() => setHelp(true), []);
  const closeHelp = useCallback(() => setHelp(false), []);

  useFocusRequests();
  useOpenFitted();
  useKeepSelectionVisible(root, minimapShown);
  useShowSimulatedPath(root);
  const { onDragOver, onDragLeave, onDrop } = usePaletteDrop(root);

  const ariaLabelConfig = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'controls.ariaLabel': t('designer.canvas.aria.controls'),
      'controls.zoomIn.ariaLabel': t('designer.canvas.aria.zoomIn'),
      'controls.zoomOut.ariaLabel': t('designer.canvas.aria.zoomOut'),
      'controls.fitView.ariaLabel': t('designer.canvas.aria.fitView'),
      'minimap.ariaLabel': t('designer.canvas.aria.minimap'),
      'handle.ariaLabel': t('designer.canvas.aria.handle'),
      'node.a11yDescription.default': t('designer.canvas.aria.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('designer.canvas.aria.nodeHelpKeyboard'),
      'edge.a11yDescription.default': t('designer.canvas.aria.edgeHelp'),
    }),
    [t],
  );

  // A connection is read out by the names of the steps it joins, not by their ids. Keyed by the names
  // alone, so dragging a node does not rebuild every edge.
  const nameKey = nodes.map((n) => `${n.id}\u0001${n.data.type}\u0001${n.data.label ?? ''}`).join('\u0002');
  const namedEdges = useMemo(() => {
    const lang = langOf(i18n.language);
    const names = new Map(nameKey.split('\u0002').map((row) => row.split('\u0001')).map(([id = '', type = '', label = '']) => [id, nodeName({ id, type, label }, lang)]));
    return edges.map((e) => ({ ...e, ariaLabel: t('designer.canvas.aria.edge', { from: names.get(e.source) ?? '', to: names.get(e.target) ?? '' }) }));
  }, [edges, nameKey, i18n.language, t]);

  return (
    <div ref={root} className="sopline-canvas" data-testid="canvas" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <ReactFlow<DesignerNode, DesignerEdge>
        aria-label={t('designer.canvas.label')}
        nodes={nodes}
        edges={namedEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        panOnScroll
        snapToGrid
        snapGrid={SNAP}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements
        defaultEdgeOptions={EDGE_OPTIONS}
        connectionLineType={ConnectionLineType.SmoothStep}
        ariaLabelConfig={ariaLabelConfig}
        proOptions={PRO_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} />
        {/* Zoom only: fitting the view is the toolbar's (and Shift+1's) — one button for one action. */}
        <Controls showInteractive={false} showFitView={false} position="bottom-left" />
        {nodes.length > 0 && minimapShown && <MiniMap<DesignerNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} position="top-right" style={{ width: 150, height: 100 }} />}
        <Toolbar onLayout={onLayout} onFitView={fitView} onHelp={openHelp} layingOut={layingOut} minimapShown={minimapShown} onToggleMinimap={toggleMinimap} />
        {children}
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="sopline-canvas__empty" data-testid="canvas-empty">
          <ThemeIcon size={52} radius="xl" variant="light">
            <IconDragDrop size={28} />
          </ThemeIcon>
          <Text fw={600} size="lg">
            {t(readOnly ? 'designer.canvas.emptyReadOnly' : 'designer.canvas.empty')}
          </Text>
          {!readOnly && (
            <Text size="sm" c="dimmed" maw={380}>
              {t('designer.canvas.emptyHint')}
            </Text>
          )}
        </div>
      )}
      <ShortcutsHelp opened={help} onClose={closeHelp} />
    </div>
  );
}
