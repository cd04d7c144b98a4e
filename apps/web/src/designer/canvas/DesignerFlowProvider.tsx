import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { SummaryNamesContext, useWorkspaceSummaryNames } from './summaryNames.ts';

/**
 * Wrap the editor body (palette, canvas and anything else that moves the viewport) in this once. It also
 * reads the workspace's stage and property names once for every node's summary.
 */
export function DesignerFlowProvider({ children }: { children: ReactNode }) {
  const names = useWorkspaceSummaryNames();
  return (
    <ReactFlowProvider>
      <SummaryNamesContext.Provider value={names}>{children}</SummaryNamesContext.Provider>
    </ReactFlowProvider>
  );
}
