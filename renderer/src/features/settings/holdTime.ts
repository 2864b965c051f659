// The hold time as the operator types it: "1.5", "1,5" (a decimal comma), "0.5 s". Never guessed:
// anything that is not one plain number of seconds between 0 and 5 is refused in words.

export type HoldParse = { ok: true; ms: number } | { ok: false; error: string };

export function parseHoldSeconds(text: string): HoldParse {
  const cleaned = text
    .trim()
    .replace(/\s*(s|sec|secs|seconds?)$/i, '')
    .trim();
  if (!cleaned) return { ok: false, error: 'Enter the hold time in seconds, between 0 and 5 (for example 1.5)' };
  if (!/^\d+([.,]\d+)?$/.test(cleaned)) {
    return { ok: false, error: `“${text.trim()}” is not a number of seconds. Write it like 1.5 or 1,5` };
  }
  const seconds = Number(cleaned.replace(',', '.'));
  if (seconds > 5) return { ok: false, error: 'Hold time is between 0 and 5 seconds' };
  return { ok: true, ms: Math.round(seconds * 1000) };
}
