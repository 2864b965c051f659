// The panic button's hold (features/panic/hold.ts): the ring's angle and the hint under the button.
import { describe, expect, it } from 'vitest';
import { panicHint, panicHintClass, ringAngle, type HoldState } from '../../../renderer/src/features/panic/hold';

describe('ringAngle', () => {
  it('is 0 before the hold and 360 once full, and never outside 0..360', () => {
    expect(ringAngle(0, 300, 100)).toBe(0);
    expect(ringAngle(-0.5, 300, 100)).toBe(0);
    expect(ringAngle(1, 300, 100)).toBe(360);
    expect(ringAngle(7, 300, 100)).toBe(360);
    for (let p = 0; p <= 1; p += 0.01) {
      const angle = ringAngle(p, 300, 100);
      expect(angle).toBeGreaterThanOrEqual(0);
      expect(angle).toBeLessThanOrEqual(360);
    }
  });

  it('is 0 for a button not measured yet (no size)', () => {
    expect(ringAngle(0.5, 0, 100)).toBe(0);
    expect(ringAngle(0.5, 300, 0)).toBe(0);
  });

  it('grows with the hold, all the way round', () => {
    let last = -1;
    for (let p = 0.01; p < 1; p += 0.01) {
      const angle = ringAngle(p, 300, 100);
      expect(angle).toBeGreaterThan(last);
      last = angle;
    }
  });

  it('reaches the corners and the bottom centre at the fraction of the edge walked, not of the angle', () => {
    // A 300 × 100 button: edge 800; top-right corner after 150, bottom centre after 400.
    const corner = (Math.atan2(150, 50) * 180) / Math.PI;
    expect(ringAngle(150 / 800, 300, 100)).toBeCloseTo(corner, 6);
    expect(ringAngle(0.5, 300, 100)).toBeCloseTo(180, 6);
    expect(ringAngle(0.25, 100, 100)).toBeCloseTo(90, 6);
    expect(ringAngle(0.75, 100, 100)).toBeCloseTo(270, 6);
  });
});

describe('the hint under the panic button', () => {
  const idle: HoldState = { progress: 0, confirmed: false, released: false };

  it('says how long to hold, or to press when the hold time is 0', () => {
    expect(panicHint(idle, null, 1500)).toBe('Hold 1.5 s');
    expect(panicHint(idle, null, 2000)).toBe('Hold 2 s');
    expect(panicHint(idle, null, 0)).toBe('Press to raise');
  });

  it('follows the hold, then the press as the desk reports it', () => {
    expect(panicHint({ ...idle, progress: 0.3 }, 'notSent', 1500, 'North Gate')).toBe('Raising for NORTH GATE…');
    expect(panicHint({ ...idle, confirmed: true }, null, 1500)).toBe('Sending…');
    expect(panicHint(idle, 'sending', 1500)).toBe('Sending…');
    expect(panicHint({ ...idle, confirmed: true }, 'sent', 1500)).toBe('Sent to AURA');
    // "Sent" only for a press made from this button.
    expect(panicHint(idle, 'sent', 1500)).toBe('Hold 1.5 s');
    expect(panicHint({ ...idle, confirmed: true }, 'notSent', 1500)).toBeNull();
    expect(panicHint({ ...idle, confirmed: true }, 'notConfirmed', 1500)).toBeNull();
  });

  it('says an early release sent nothing', () => {
    expect(panicHint({ ...idle, released: true }, null, 1500)).toBe('Too short — hold to send');
    expect(panicHintClass({ ...idle, released: true }, null)).toBe('panic-hint panic-hint-early');
    expect(panicHintClass({ ...idle, released: true }, 'notSent')).toBe('panic-hint panic-hint-notSent');
    expect(panicHintClass({ progress: 0.5, confirmed: false, released: true }, null)).toBe('panic-hint');
    expect(panicHintClass(idle, 'sent')).toBe('panic-hint panic-hint-sent');
  });
});
