import type { JourneyGraphInput, JourneySettings, Lang, Text } from '@sopline/graph';

/** A number the create dialog asks for; `integer` ones accept whole numbers only. */
export type NumberParam = {
  key: string;
  kind: 'integer' | 'number';
  label: Text;
  help: Text;
  /** Shown after the input, e.g. 天 / days. */
  unit?: Text;
  min: number;
  max: number;
  step: number;
  default: number;
};

/** A line of text; an optional one may stay empty. */
export type TextParam = {
  key: string;
  kind: 'text';
  label: Text;
  help: Text;
  placeholder: Text;
  default: string;
  optional: boolean;
  maxLength: number;
  /** What the value names: 'date-property' offers the workspace's date properties by label instead of a blank box. */
  names?: 'date-property';
};

export type TemplateParam = NumberParam | TextParam;
export type TemplateParamValues = Record<string, number | string>;

export type TemplateCategory = 'lifecycle' | 'onboarding' | 'retention' | 'care';

/**
 * A journey to start from: its catalogue entry (what the "new journey" dialog shows) and a builder
 * that writes the graph in the creator's language — scripts, node labels and tags — from the
 * template's parameters (already validated against `params`).
 */
export type JourneyTemplate = {
  id: string;
  name: Text;
  /** One line for the template card. */
  description: Text;
  category: TemplateCategory;
  /** A Tabler icon name, as node types name theirs. */
  icon: string;
  /** The lifecycle stages the journey moves customers through, in order. */
  stages: ReadonlyArray<{ id: string; label: Text }>;
  settings: JourneySettings;
  params: readonly TemplateParam[];
  build(lang: Lang, params: TemplateParamValues): Pick<JourneyGraphInput, 'nodes' | 'edges'>;
  /** What the chosen parameters mean in practice, for the create dialog (templates with parameters). */
  preview?(params: TemplateParamValues): Text;
};
