// The journey canvas and its palette. Wrap both in <DesignerFlowProvider> (they share React Flow's viewport).
export { Canvas } from './Canvas.tsx';
export { DesignerFlowProvider } from './DesignerFlowProvider.tsx';
export { Palette } from './Palette.tsx';
export { CATEGORY_COLOR, CATEGORY_ORDER } from './categories.ts';
export { nodeIcon } from './icons.ts';
export { newNodeData } from './defaults.ts';
