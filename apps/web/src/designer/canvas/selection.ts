import type { NodeChange } from '@xyflow/react';
import type { DesignerNode } from '../convert.ts';

/** Selection changes for the store's onNodesChange: they change the selection without an undo step. */
export function selectChanges(ids: Iterable<string>, selected: boolean): NodeChange<DesignerNode>[] {
  return [...ids].map((id) => ({ type: 'select', id, selected }));
}
