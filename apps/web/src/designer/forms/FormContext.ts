import type { Lang } from '@sopline/graph';
import { createContext, useContext } from 'react';

type Bilingual = { 'zh-CN': string; en: string };

/**
 * What every field of a form shares: the language, read-only state, and the workspace's catalogues —
 * tag names, stages and customer properties — offered while typing.
 */
export type FormEnv = {
  lang: Lang;
  disabled: boolean;
  tags: readonly string[];
  stages?: ReadonlyArray<{ code: string; label: Bilingual }>;
  properties?: ReadonlyArray<{ key: string; type: 'text' | 'number' | 'date'; label: Bilingual }>;
};

export const FormEnvContext = createContext<FormEnv>({ lang: 'zh-CN', disabled: false, tags: [] });

export function useFormEnv(): FormEnv {
  return useContext(FormEnvContext);
}
