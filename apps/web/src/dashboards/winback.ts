/** Names that mark a journey as a win-back journey, in English or Chinese. */
const WIN_BACK = /win[\s-]?back|召回|挽回|唤醒/i;

/** The journey to preselect: the first live one whose name says win-back, else the first live one. */
export function defaultWinBackJourney(journeys: ReadonlyArray<{ id: string; name: string; status: string }>): string | null {
  const live = journeys.filter((j) => j.status === 'live');
  return (live.find((j) => WIN_BACK.test(j.name)) ?? live[0])?.id ?? null;
}
