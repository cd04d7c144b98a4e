import type { FieldOverrides } from './ConfigForm.tsx';
import { ScriptField } from './ScriptField.tsx';

/**
 * Node types that ship their own editor for some fields; every other field (and every other node
 * type) gets the form generated from its schema.
 */
export const NODE_FIELD_EDITORS: Record<string, FieldOverrides> = {
  'send-script': { script: ScriptField as FieldOverrides[string] },
};
