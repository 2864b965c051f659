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

/**
 * What a stage tells the operator, in words that say whether help is coming (issue 23 item 5):
 * the card's big line and, shortened, the attention strip. A cancelled callout keeps its own words.
 */
export function stageHeadline(stage: Stage, responder: { name?: string | null; phone?: string | null } | null): string {
  switch (stage) {
    case 'created':
      return 'ALARM RECEIVED — finding a responder';
    case 'dispatched': {
      const who = [responder?.name, responder?.phone].filter((s): s is string => !!s).join(', ');
      return who ? `RESPONDER ON THE WAY — ${who}` : 'RESPONDER ON THE WAY';
    }
    case 'arrived':
      return 'RESPONDER ON SITE';
    default:
      return STAGE_WORDS[stage];
  }
}

/** The attention strip's short label for a callout underway. */
export const STAGE_LABELS: Record<Stage, string> = {
  created: 'ALARM RECEIVED',
  dispatched: 'RESPONDER ON THE WAY',
  arrived: 'RESPONDER ON SITE',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  closed: 'CLOSED',
  unknown: 'UNKNOWN STATUS',
};
