// The model's counterexamples (issue 20), shrunk, each a named regression test: the same commands
// on the same machine as test/integration/reliability-model.test.ts, in a fixed order.
import { describe, expect, it } from 'vitest';
import {
  CancelCmd,
  Elsewhere,
  FaultCmd,
  PolicyCmd,
  PressCmd,
  Wait,
  type PolicyShape,
} from '../reliability/model/commands';
import { zeroCounts } from '../reliability/model/ledger';
import { modelRun } from '../reliability/model/run';

const policy = (p: Partial<PolicyShape>): PolicyShape => ({
  environment: null,
  trainingAllowed: null,
  sites: null,
  hotkeySite: 'site_9944',
  codes: false,
  locked: false,
  ...p,
});

async function violations(commands: Parameters<typeof modelRun>[0]): Promise<string> {
  try {
    await modelRun(commands);
    return 'none';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('reliability model counterexamples', () => {
  it('finding 1: a hotkey press on a hidden site whose callout was raised and cancelled elsewhere reaches AURA', async () => {
    expect(
      await violations([
        new PolicyCmd(policy({ sites: ['site_9944'], hotkeySite: 'site_north' })),
        new Wait(60_000),
        new Elsewhere('raiseCancelled', 'site_north', false),
        new Wait(30_000),
        new PressCmd('hotkey', 'site_north'),
      ]),
    ).toBe('none');
  });

  it('finding 2: a broken events route does not freeze the stage', async () => {
    expect(
      await violations([
        new PressCmd('button', 'site_9944'),
        new Wait(10_000),
        new FaultCmd('listCalloutEvents', 'error500', 300_000),
        new Elsewhere('dispatch', 'site_9944', false),
        new Wait(120_000),
      ]),
    ).toBe('none');
  });

  it('finding 5: a press retried after a duress cancel does not unmask the callout', async () => {
    expect(
      await violations([
        new PolicyCmd(policy({ codes: true })),
        new PressCmd('button', 'site_9944'),
        new Wait(20_000),
        new FaultCmd('sendCalloutEvent', 'error502', 12_000),
        new PressCmd('button', 'site_9944'),
        new Wait(9_000),
        new CancelCmd(true, 0),
        new Wait(120_000),
      ]),
    ).toBe('none');
  });
  void zeroCounts;
});
