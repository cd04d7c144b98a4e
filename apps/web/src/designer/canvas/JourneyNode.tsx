import type { NodeCategory } from '@sopline/graph';
import { Tooltip } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle } from '@tabler/icons-react';
import type { NodeProps } from '@xyflow/react';
import { Handle, Position } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionOf, langOf } from '../catalog.ts';
import type { DesignerNode } from '../convert.ts';
import { useFailuresPanel } from '../panels/failuresPanel.ts';
import { useDesigner } from '../store.ts';
import { CATEGORY_COLOR } from './categories.ts';
import { nodeIcon } from './icons.ts';
import { describeNode, problemsByNode, summaryLine } from './nodeView.ts';
import { useSummaryNames } from './summaryNames.ts';

const formatters = new Map<string, Intl.NumberFormat>();
const formatCount = (n: number, lang: string) => {
  let f = formatters.get(lang);
  if (!f) formatters.set(lang, (f = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 })));
  return f.format(n);
};

// One style object per category, so nodes of a category share it and never re-render for it.
const categoryStyle = (c: NodeCategory | null): CSSProperties =>
  ({ '--node-accent': `var(--mantine-color-${c ? CATEGORY_COLOR[c] : 'red'}-6)`, '--node-accent-light': `var(--mantine-color-${c ? CATEGORY_COLOR[c] : 'red'}-0)` }) as CSSProperties;
const STYLES = new Map<NodeCategory | null, CSSProperties>();
const styleOf = (c: NodeCategory | null) => STYLES.get(c) ?? (STYLES.set(c, categoryStyle(c)), STYLES.get(c)!);

/** A journey step on the canvas: icon, title, one-line summary, problems, live counts and one handle per exit. */
function JourneyNodeView({ id, data, selected, isConnectable }: NodeProps<DesignerNode>) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const names = useSummaryNames();
  const view = useMemo(() => describeNode(definitionOf(data.type), data, lang, names), [data, lang, names]);
  const line = useMemo(() => summaryLine(id, definitionOf(data.type), data, view, lang, names), [id, data, view, lang, names]);
  const problems = useDesigner((s) => problemsByNode(s.problems).get(id));
  const count = useDesigner((s) => s.counts?.[id]);
  const simulated = useDesigner((s) => s.simulatedPath?.includes(id) ?? false);
  const errors = problems?.filter((p) => p.severity === 'error').length ?? 0;
  const Icon = nodeIcon(view.icon, view.category);

  return (
    <div className="sopline-node" style={styleOf(view.category)} data-selected={selected || undefined} data-error={errors > 0 || undefined} data-simulated={simulated || undefined} data-failed={(count?.failed ?? 0) > 0 || undefined} data-testid={`node-${id}`}>
      {count && count.failed > 0 && (
        // Customers a failed step stopped here: a button (Tab reaches it) that opens who and why.
        <button
          type="button"
          className="sopline-node__failed nodrag nopan"
          onClick={() => useFailuresPanel.getState().show(id)}
          aria-label={t('designer.failures.badgeLabel', { count: count.failed })}
          title={t('designer.failures.badgeLabel', { count: count.failed })}
          data-testid={`node-failed-${id}`}
        >
          <IconAlertOctagon size={12} stroke={2.2} aria-hidden />
          {t('designer.failures.badge', { count: formatCount(count.failed, i18n.language) })}
        </button>
      )}
      {view.acceptsInput && <Handle type="target" position={Position.Top} isConnectable={isConnectable} className="sopline-handle" />}
      <div className="sopline-node__head">
        <span className="sopline-node__icon" aria-hidden>
          <Icon size={16} stroke={1.8} />
        </span>
        <span className="sopline-node__title">{view.title}</span>
        {problems && (
          <Tooltip multiline w={280} withArrow label={problems.map((p, i) => <div key={i}>• {p.message[lang]}</div>)}>
            <span className="sopline-node__problem" data-severity={errors > 0 ? 'error' : 'warning'} aria-label={t('designer.canvas.node.problems', { count: problems.length })} data-testid={`node-problem-${id}`}>
              <IconAlertTriangle size={12} stroke={2.2} />
              {problems.length}
            </span>
          </Tooltip>
        )}
      </div>
      {line.stale ? (
        <div className="sopline-node__summary" data-stale title={t('designer.layout.staleSummary')} data-testid={`node-summary-${id}`}>
          {line.text}
        </div>
      ) : (
        (view.summary || !view.configured) && (
          <div className="sopline-node__summary" data-unset={!view.configured || undefined} data-testid={`node-summary-${id}`}>
            {!view.known ? t('designer.canvas.node.unknownType') : !view.configured ? t('designer.canvas.node.notSetUp') : view.summary}
          </div>
        )
      )}
      {count && (
        <div className="sopline-node__counts" data-testid={`node-counts-${id}`} title={t('designer.canvas.node.counts', { entered: count.entered, waiting: count.waitingNow, exited: count.exited })}>
          <span className="sopline-count">{t('designer.canvas.node.entered')} {formatCount(count.entered, i18n.language)}</span>
          {/* Only waits hold customers; elsewhere "waiting 0" would be noise. */}
          {(view.category === 'wait' || count.waitingNow > 0) && (
            <span className="sopline-count" data-active={count.waitingNow > 0 || undefined}>
              {t('designer.canvas.node.waiting')} {formatCount(count.waitingNow, i18n.language)}
            </span>
          )}
          <span className="sopline-count">{t('designer.canvas.node.exited')} {formatCount(count.exited, i18n.language)}</span>
        </div>
      )}
      {view.ports.map((port, i) => (
        <Handle key={port.id} id={port.id} type="source" position={Position.Bottom} isConnectable={isConnectable} className="sopline-handle" style={{ left: `${((i + 1) / (view.ports.length + 1)) * 100}%` }} title={port.label[lang]}>
          {view.ports.length > 1 && <span className="sopline-port-label">{port.label[lang]}</span>}
        </Handle>
      ))}
    </div>
  );
}

export const JourneyNode = memo(JourneyNodeView);
