// Training mode's responder controls: steps a callout on the embedded simulator, through the
// simulator's control routes (outside AURA's paths).
import type { TrainingStep } from '../shared/contract';

export interface TrainingControl {
  advance(calloutId: string, step: TrainingStep): Promise<void>;
}

export function simulatorControl(origin: string): TrainingControl {
  return {
    async advance(calloutId, step) {
      const response = await fetch(`${origin}/__sim/callouts/${encodeURIComponent(calloutId)}/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ step }),
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) {
        const text = await response.text();
        throw new Error(`The training simulator refused "${step}": ${text.slice(0, 200)}`);
      }
    },
  };
}
