// Each audit kind as the operator or an auditor names it: the Audit view and the CSV export say
// these, never the internal names ("calloutAdopted"). Free of zod, like stages.ts.

const EVENT_WORDS: Record<string, string> = {
  press: 'Panic pressed',
  calloutCreated: 'Callout raised',
  calloutAdopted: 'Callout followed',
  stage: 'Stage changed',
  cancel: 'Callout cancelled',
  message: 'Message to control room',
  settings: 'Settings changed',
  credentials: 'AURA connection',
  site: 'Site changed',
  failure: 'Sending failed',
};

/** "lastError" → "Last error": the fallback for names this file does not know. */
export function words(camel: string): string {
  const spaced = camel
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function eventWords(kind: string): string {
  return EVENT_WORDS[kind] ?? words(kind);
}
