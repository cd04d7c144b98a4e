import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';

/** Wrap the editor body (palette, canvas and anything else that moves the viewport) in this once. */
export function DesignerFlowProvider({ children }: { children: ReactNode }) {
  return <ReactFlowProvider>{children}</ReactFlowProvider>;
}
