// Stage names and words, free of zod so that the renderer bundle can import them cheaply.
export const STAGES = ['created', 'dispatched', 'arrived', 'completed', 'cancelled', 'closed', 'unknown'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage in words, as the operator reads it. */
export const STAGE_WORDS: Record<Stage, string> = {
  created: 'Created',
  dispatched: 'Dispatched',
  arrived: 'Arrived',
  completed: 'Completed',
  cancelled: 'Cancelled',
  closed: 'Closed',
  unknown: 'Unknown status',
};
