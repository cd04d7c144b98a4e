import type { Lang } from '@sopline/graph';
import { createContext, useContext } from 'react';

/** What every field of a form shares: the language, read-only state, and the workspace's tag names. */
export type FormEnv = { lang: Lang; disabled: boolean; tags: readonly string[] };

export const FormEnvContext = createContext<FormEnv>({ lang: 'zh-CN', disabled: false, tags: [] });

export function useFormEnv(): FormEnv {
  return useContext(FormEnvContext);
}
