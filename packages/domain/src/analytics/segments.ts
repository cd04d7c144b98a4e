import { repos } from '@sopline/db';
import type { DomainDeps } from '../ports.ts';

/**
 * Dormant (沉睡) and churned (流失) are segments, not lifecycle stages: a customer carries them as a
 * tag (the retail journey tags non-buyers 'dormant'), in English or Chinese.
 */
export const SEGMENT_TAGS = {
  dormant: ['dormant', '沉睡'],
  churned: ['churned', '流失'],
} as const;

export type Segments = {
  dormant: number;
  churned: number;
  /** Distinct customers in either segment: who a win-back enrolment would take in. */
  winBack: number;
  /** The tag names behind each count; `enrollments.enrolBulk` with `tagsAny: winBackTags` enrols them. */
  tags: { dormant: string[]; churned: string[] };
  winBackTags: string[];
};

export async function segmentCounts(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string }): Promise<Segments> {
  const a = repos(deps.db).analytics;
  const dormant = [...SEGMENT_TAGS.dormant];
  const churned = [...SEGMENT_TAGS.churned];
  const winBackTags = [...dormant, ...churned];
  return {
    dormant: await a.customersWithAnyTag(input.workspaceId, dormant),
    churned: await a.customersWithAnyTag(input.workspaceId, churned),
    winBack: await a.customersWithAnyTag(input.workspaceId, winBackTags),
    tags: { dormant, churned },
    winBackTags,
  };
}
