import { create } from 'zustand';

/**
 * Which list of failed customers is open: one node's (from its red count on the canvas or the
 * inspector), the whole journey's (nodeId null, from the editor's banner), or none. UI state only, so
 * it lives apart from the document store.
 */
export const useFailuresPanel = create<{ open: { nodeId: string | null } | null; show(nodeId: string | null): void; close(): void }>((set) => ({
  open: null,
  show: (nodeId) => set({ open: { nodeId } }),
  close: () => set({ open: null }),
}));
