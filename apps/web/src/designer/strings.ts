// The designer's strings, one file per part of the screen; each file keeps en and zh-CN side by side
// and its own type check that both languages have the same keys.
import { canvasStrings } from './strings/canvas.ts';
import { editorStrings } from './strings/editor.ts';
import { enrolStrings } from './strings/enrol.ts';
import { failuresStrings } from './strings/failures.ts';
import { inspectorStrings } from './strings/inspector.ts';
import { layoutStrings } from './strings/layout.ts';
import { simulateStrings } from './strings/simulate.ts';
import { versionsStrings } from './strings/versions.ts';

const parts = [editorStrings, canvasStrings, versionsStrings, inspectorStrings, simulateStrings, enrolStrings, layoutStrings, failuresStrings] as const;
type Merged = typeof editorStrings.en & typeof canvasStrings.en & typeof versionsStrings.en & typeof inspectorStrings.en & typeof simulateStrings.en & typeof enrolStrings.en & typeof layoutStrings.en & typeof failuresStrings.en;

const merge = (lang: 'en' | 'zh-CN'): Merged => Object.assign({}, ...parts.map((p) => p[lang])) as Merged;

export const designerStrings: { en: Merged; 'zh-CN': Merged } = { en: merge('en'), 'zh-CN': merge('zh-CN') };
