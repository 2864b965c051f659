// The panic button's pure rules: how far round the ring a hold has come, and which hint sits
// under the button. Apart from the component so that they can be tested without a screen.

/** Where this site's press stands, from the desk's state: the hint follows it, never a guess. */
export type PressHint = 'sending' | 'sent' | 'notSent' | 'notConfirmed';

/**
 * The ring is a conic fill around a wide button; a plain angle would race along the short sides.
 * This turns "fraction of the edge walked clockwise from the top centre" into the angle that
 * reaches that point, so the band grows at an even pace all the way round.
 */
export function ringAngle(progress: number, width: number, height: number): number {
  if (progress <= 0 || width <= 0 || height <= 0) return 0;
  if (progress >= 1) return 360;
  const w = width;
  const h = height;
  // The edge, clockwise from the top centre: each side's length and the point at t along it.
  const sides: ReadonlyArray<[number, (t: number) => [number, number]]> = [
    [w / 2, (t) => [w / 2 + t, 0]],
    [h, (t) => [w, t]],
    [w, (t) => [w - t, h]],
    [h, (t) => [0, h - t]],
    [w / 2, (t) => [t, 0]],
  ];
  let left = progress * 2 * (w + h);
  let point: [number, number] = [w / 2, 0];
  for (const [length, at] of sides) {
    point = at(Math.min(left, length));
    if (left <= length) break;
    left -= length;
  }
  const [x, y] = point;
  const degrees = (Math.atan2(x - w / 2, h / 2 - y) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}

export interface HoldState {
  /** 0 when not held, up to 1 when the ring is full. */
  progress: number;
  /** The hold completed here and the hint may still say so. */
  confirmed: boolean;
  /** Released before the ring was full, recently. */
  released: boolean;
}

/** "1.5": the hold time in seconds as the operator reads it. */
export function holdSeconds(holdMs: number): string {
  return (holdMs / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/**
 * The hint under the button; null means "NOT SENT / NOT CONFIRMED — see right/below" (drawn by
 * the component). While held it names the site, so a wrong button is noticed before it fires.
 */
export function panicHint(hold: HoldState, pressHint: PressHint | null, holdMs: number, siteName = ''): string | null {
  if (hold.progress > 0) return `Raising for ${siteName.toLocaleUpperCase('en-GB')}…`;
  if (pressHint === 'notSent' || pressHint === 'notConfirmed') return null;
  if (pressHint === 'sending' || (hold.confirmed && pressHint === null)) return 'Sending…';
  if (pressHint === 'sent' && hold.confirmed) return 'Sent to AURA';
  if (hold.released) return 'Too short — hold to send';
  return holdMs <= 0 ? 'Press to raise' : `Hold ${holdSeconds(holdMs)} s`;
}

/** The idle hint is the button's description only: the desk shows one legend for every button. */
export function hintIsIdle(hold: HoldState, pressHint: PressHint | null): boolean {
  return hold.progress === 0 && !hold.released && !hold.confirmed && (pressHint === null || pressHint === 'sent');
}

/** The hint's class: its press state, else "early" after a release before the ring was full. */
export function panicHintClass(hold: HoldState, pressHint: PressHint | null): string {
  if (pressHint) return `panic-hint panic-hint-${pressHint}`;
  return hold.released && hold.progress === 0 ? 'panic-hint panic-hint-early' : 'panic-hint';
}
