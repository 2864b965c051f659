// The model's counterexamples (issue 20), shrunk, each a named regression test: the same commands
// on the same machine as test/integration/reliability-model.test.ts, in a fixed order.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CancelCmd,
  DiskFull,
  Elsewhere,
  EnrolCmd,
  FaultCmd,
  HoldHotkey,
  Latency,
  PolicyCmd,
  PressCmd,
  prepareCancelCodes,
  PressDuringSwitch,
  RestartCmd,
  Wait,
  type PolicyShape,
} from '../reliability/model/commands';
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
  // The policy's cancel and duress code hashes, made once (scrypt, off the main thread).
  beforeAll(() => prepareCancelCodes());

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

  it('finding 3: a policy that changes the environment keeps an unsent press on screen', async () => {
    expect(
      await violations([
        new EnrolCmd('custom', 'stdin'),
        new RestartCmd(0, 'kill'),
        new FaultCmd('raiseCallout', 'error500', 300_000),
        new PressCmd('button', 'site_9944'),
        new PolicyCmd(policy({ environment: 'staging' })),
      ]),
    ).toBe('none');
  });

  it('finding 4: a hotkey press before enrolment is sent by the first live desk', async () => {
    expect(
      await violations([
        new PolicyCmd(policy({ trainingAllowed: false })),
        new RestartCmd(0, 'kill'),
        new PressCmd('hotkey', 'site_9944'),
        new EnrolCmd('staging', 'file'),
      ]),
    ).toBe('none');
  });

  it('finding 6: a PANIC-button press during a desk switch is kept', async () => {
    expect(await violations([new PressDuringSwitch(policy({ environment: 'staging' }), 'button', null, 0)])).toBe(
      'none',
    );
  });

  it('finding 7: a hotkey press during a switch to Training is not raised in Training', async () => {
    expect(
      await violations([
        new PolicyCmd(policy({})),
        new EnrolCmd('staging', 'file'),
        new PressDuringSwitch(policy({ environment: 'training' }), 'hotkey', null, 0),
      ]),
    ).toBe('none');
  });

  it('finding 8: two overlapping switches leave no desk running', async () => {
    expect(
      await violations([
        new PressDuringSwitch(policy({ environment: 'staging' }), null, policy({ environment: 'training' }), 0),
        new Wait(30_000),
      ]),
    ).toBe('none');
  });

  it('finding 12: --enrol while the app runs reaches the running desk', async () => {
    expect(await violations([new EnrolCmd('staging', 'stdin'), new PressCmd('button', 'site_9944')])).toBe('none');
  });

  it('finding 13: a full disk while a press is sent does not post "pressed again" twice', async () => {
    expect(
      await violations([
        new PolicyCmd(policy({ codes: true })),
        new PressCmd('button', 'site_9944'),
        new Wait(10_000),
        new CancelCmd(true, 0),
        new DiskFull(true),
        new PressCmd('button', 'site_9944'),
        new Wait(60_000),
      ]),
    ).toBe('none');
  });

  it('auto-repeat: a held hotkey is one press', async () => {
    expect(await violations([new PolicyCmd(policy({})), new HoldHotkey(30)])).toBe('none');
  });

  it('Training turned off by policy while the Training desk runs: a press is not raised in Training (found by the model)', async () => {
    expect(
      await violations([new PolicyCmd(policy({ trainingAllowed: false })), new PressCmd('hotkey', 'site_9944')]),
    ).toBe('none');
  });

  it('a full disk at start: the desk still opens and takes a press (found by the model)', async () => {
    expect(await violations([new DiskFull(true), new RestartCmd(0, 'kill'), new PressCmd('button', 'site_9944')])).toBe(
      'none',
    );
  });
  it('a tray press the instant a switch to monitor lands is refused, never thrown (found by the model)', async () => {
    expect(
      await violations([
        new PressDuringSwitch(policy({}), 'tray', policy({ monitor: true }), 0),
        new PressCmd('button', 'site_9944'),
      ]),
    ).toBe('none');
  });

  it('a tray press while a monitor gives way to a desk (the monitor desk still running) is refused, never thrown (found by the model)', async () => {
    expect(await violations([new PressDuringSwitch(policy({ monitor: true }), 'tray', policy({}), 1)])).toBe('none');
  });

  it('a monitor raises nothing by any way in, and holds the press made before it', async () => {
    expect(
      await violations([
        new Latency(7000),
        new PressCmd('button', 'site_9944'),
        new PolicyCmd(policy({ monitor: true })),
        new PressCmd('button', 'site_9944'),
        new PressCmd('tray', 'site_9944'),
        new PressCmd('hotkey', 'site_9944'),
        new HoldHotkey(5),
        new Wait(60_000),
      ]),
    ).toBe('none');
  });

  it('a "pressed again" event AURA took unanswered, then a switch away: the press stays unsent and owes no second event (found by the model)', async () => {
    expect(
      await violations([
        new PolicyCmd(policy({})),
        new Latency(1500),
        new PressCmd('button', 'site_9944'),
        new FaultCmd('sendCalloutEvent', 'truncated', 6_000),
        new HoldHotkey(3),
        new PressDuringSwitch(policy({}), null, policy({ environment: 'custom' }), 0),
      ]),
    ).toBe('none');
  });
});
