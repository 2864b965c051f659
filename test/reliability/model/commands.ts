// The model's commands: what an operator, IT, AURA, the network, the disk and the OS can do to a
// desk, one at a time, at random instants. Each runs on the machine, lets the virtual clock move
// a little, then checks every invariant (ledger.ts). Their toString is the counterexample's story.
import fc from 'fast-check';
import { hashCodes, type CodeCheck } from '../../../electron/core/policy/cancel-codes';
import type { FaultRuleInput } from '../../../electron/simulator/faults';
import type { Press } from '../../../electron/shared/model/press';
import { CUSTOM_BASE_URL, SITES, type LiveEnv, type ModelEnv } from './aura-net';
import type { Ledger } from './ledger';
import { stopIfFound } from './run';
import type { Machine, PolicyValues } from './machine';

export interface Real {
  m: Machine;
  ledger: Ledger;
}
type Cmd = fc.AsyncCommand<object, Real>;

const CANCEL_CODE = '2468';
const DURESS_CODE = '1357';
let codes: { cancel: string[]; duress: string[] } | null = null;
/** The policy's code hashes (one shared salt, as `policy:hash` makes them), made once per process. */
export async function prepareCancelCodes(): Promise<void> {
  const [cancel = '', duress = ''] = await hashCodes([CANCEL_CODE, DURESS_CODE], { logN: 10 });
  codes ??= { cancel: [cancel], duress: [duress] };
}

export function cancelCodes(): { cancel: string[]; duress: string[] } {
  if (!codes) throw new Error('prepareCancelCodes() first');
  return codes;
}

/**
 * The desk's code check in the model: the same answer classifyCode gives for these two codes, but
 * without scrypt's thread pool, whose real time would decide how much virtual time a cancel takes
 * and so make a seed replay differently (tests of classifyCode itself: cancel-codes.test.ts).
 */
export const modelCodeCheck: CodeCheck = (code, policyCodes) => {
  const { cancel, duress } = cancelCodes();
  const named = (list: readonly string[], hash: string | undefined): boolean =>
    hash !== undefined && list.includes(hash);
  if (code === DURESS_CODE && named(policyCodes.duress, duress[0])) return Promise.resolve('duress');
  if (code === CANCEL_CODE && named(policyCodes.cancel, cancel[0])) return Promise.resolve('cancel');
  return Promise.resolve('wrong');
};

/** Lets the step's consequences happen (a second of virtual time), then checks. */
async function after(r: Real, ms = 1000): Promise<void> {
  await r.m.time.advance(ms);
  r.ledger.steps++;
  r.ledger.resolvePending();
  r.ledger.checkStep();
  stopIfFound(r.ledger);
}

/** One press as the operator makes it, recorded in the model before the host hears of it. */
const isMonitor = (m: Machine): boolean => m.state()?.policy.role === 'monitor';
const MONITOR_REFUSAL = /This desk is a monitor: it raises no panic/;
const calloutsAtAura = (m: Machine): number =>
  [...m.net.sims.values()].reduce((sum, sim) => sum + sim.state.allCallouts().length, 0);

/**
 * A press on a monitor (issue 24): refused whatever the way in (button, tray, hotkey, a held
 * hotkey), so no press record and no callout at AURA. Checked once the press has settled.
 */
async function pressOnMonitor(r: Real, source: Press['source'], siteId: string, repeats = 1): Promise<void> {
  const { m, ledger } = r;
  const host = m.host;
  if (!host) return;
  const callouts = calloutsAtAura(m);
  const records = new Set((m.state()?.presses ?? []).map((p) => p.id));
  const key = `${source}:${siteId}:${m.time.monotonic()}`;
  if (source === 'hotkey') {
    for (let i = 0; i < repeats && m.host; i++) {
      m.hotkey();
      await m.time.advance(33);
    }
  } else if (source === 'tray') {
    if (host.pressFromShell(siteId, 'tray')) ledger.monitorRaised(key, `a monitor took a tray press on ${siteId}`);
  } else {
    const result = await m.command('panic.trigger', { siteId });
    if (result.ok || !MONITOR_REFUSAL.test(result.error.message))
      ledger.monitorRaised(key, `a monitor answered a press on ${siteId} with ${JSON.stringify(result)}`);
  }
  await after(r);
  const taken = (m.state()?.presses ?? []).filter((p) => !records.has(p.id));
  if (taken.length > 0) ledger.monitorRaised(`${key}:record`, `a monitor recorded a ${source} press on ${siteId}`);
  if (calloutsAtAura(m) > callouts) ledger.monitorRaised(`${key}:aura`, `a ${source} press on a monitor reached AURA`);
}

async function press(r: Real, source: Press['source'], siteId: string): Promise<void> {
  const { m, ledger } = r;
  // Distinct presses are at least the hotkey's quiet gap apart (a held key is HoldHotkey).
  await m.time.advance(2000);
  if (isMonitor(m)) return pressOnMonitor(r, source, siteId);
  const env = m.pressEnv();
  const monoAt = m.time.monotonic();
  if (source === 'hotkey') {
    const site = m.state()?.settings.hotkeySiteId ?? null;
    if (!site || !m.host) return;
    ledger.add({ source, siteId: site, env, monoAt, deskId: null });
    m.hotkey();
    return;
  }
  if (!m.host) return;
  const p = ledger.add({ source, siteId, env, monoAt, deskId: null });
  if (source === 'tray') {
    p.deskId = m.host.pressFromShell(siteId, 'tray')?.id ?? null;
    return;
  }
  const result = await m.command('panic.trigger', { siteId });
  if (result.ok) p.deskId = (result.value as Press).id;
}

const site = fc.constantFrom(...SITES);
const liveEnv = fc.constantFrom<LiveEnv>('staging', 'custom');

export class PressCmd implements Cmd {
  constructor(
    readonly source: Press['source'],
    readonly siteId: string,
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    await press(r, this.source, this.siteId);
    await after(r);
  }
  toString = (): string => `press(${this.source}, ${this.siteId})`;
}

export class HoldHotkey implements Cmd {
  constructor(readonly repeats: number) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    const { m, ledger } = r;
    await m.time.advance(2000);
    const siteId = m.state()?.settings.hotkeySiteId ?? null;
    if (!siteId || !m.host) return;
    if (isMonitor(m)) return pressOnMonitor(r, 'hotkey', siteId, this.repeats);
    ledger.add({ source: 'hotkey', siteId, env: m.pressEnv(), monoAt: m.time.monotonic(), deskId: null });
    // The OS repeats a held key about 30 times a second; there is no key-up.
    for (let i = 0; i < this.repeats && m.host; i++) {
      m.hotkey();
      await m.time.advance(33);
    }
    await after(r);
  }
  toString = (): string => `holdHotkey(${this.repeats} repeats)`;
}

export interface PolicyShape {
  environment: ModelEnv | null;
  trainingAllowed: boolean | null;
  sites: string[] | null;
  hotkeySite: string;
  codes: boolean;
  locked: boolean;
  /** Audit forwarding to a dead syslog collector and a broken Event Log (issue 22): presses must not care. */
  deadSiem?: boolean;
  /** `role: monitor` (issue 24): the desk raises nothing and holds the presses made before it. */
  monitor?: boolean;
}

/** Nothing listens on the discard port; the machine's Event Log throws on every write. */
export const DEAD_COLLECTOR = 'tcp://127.0.0.1:9';

function policyValues(p: PolicyShape): PolicyValues {
  const v: PolicyValues = { hotkeySite: p.hotkeySite, hotkey: 'CommandOrControl+Alt+Shift+P' };
  if (p.environment) v.environment = p.environment;
  if (p.environment === 'custom') v.baseUrl = CUSTOM_BASE_URL;
  if (p.environment && p.environment !== 'training') v.clientId = 'desk-client';
  if (p.trainingAllowed !== null) v.trainingAllowed = p.trainingAllowed;
  if (p.sites) v.sites = p.sites;
  if (p.codes) v.cancelCodes = cancelCodes();
  if (p.locked) v.locked = ['environment', 'sites', 'hotkeySite'];
  if (p.deadSiem) v.auditForward = { syslog: DEAD_COLLECTOR, eventLog: true };
  if (p.monitor) v.role = 'monitor';
  return v;
}

/** RELIABILITY_MODEL_SKIP names command kinds (or `trainingOff`) to leave out, to look past a known counterexample. */
const skipped = (name: string): boolean => (process.env.RELIABILITY_MODEL_SKIP ?? '').split(',').includes(name);

const policyShape: fc.Arbitrary<PolicyShape> = fc.record({
  environment: fc.constantFrom<ModelEnv | null>(null, 'training', 'staging', 'custom'),
  trainingAllowed: skipped('trainingOff')
    ? fc.constantFrom<boolean | null>(null, true)
    : fc.constantFrom<boolean | null>(null, true, false),
  sites: fc.option(fc.subarray([...SITES], { minLength: 1 }), { nil: null }),
  hotkeySite: site,
  codes: fc.boolean(),
  locked: fc.boolean(),
  deadSiem: fc.boolean(),
  // One policy in four makes the desk a monitor (RELIABILITY_MODEL_SKIP=monitor: none).
  monitor: skipped('monitor') ? fc.constant(false) : fc.constantFrom(false, false, false, true),
});
const showPolicy = (p: PolicyShape): string => JSON.stringify(policyValues(p)).replace(/"scrypt\$[^"]*"/g, '"…"');

export class PolicyCmd implements Cmd {
  constructor(readonly policy: PolicyShape) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    await r.m.applyPolicy(policyValues(this.policy));
    r.ledger.excuse(60_000);
    await after(r);
  }
  toString = (): string => `policy(${showPolicy(this.policy)})`;
}

/** A press lands while the host switches desks for a new policy (or two policies overlap). */
export class PressDuringSwitch implements Cmd {
  constructor(
    readonly policy: PolicyShape,
    readonly source: Press['source'] | null,
    readonly second: PolicyShape | null,
    readonly ticks: number,
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    const { m, ledger } = r;
    const host = m.host;
    if (!host) return;
    await m.time.advance(2000);
    const env = m.pressEnv();
    const start = m.time.monotonic();
    const wasMonitor = isMonitor(m);
    m.policyValues = policyValues(this.policy);
    const work: Array<Promise<unknown>> = [host.applyPolicy(m.policyRead()).catch((e: unknown) => m.note(e))];
    for (let i = 0; i < this.ticks; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.second) {
      m.policyValues = policyValues(this.second);
      work.push(host.applyPolicy(m.policyRead()).catch((e: unknown) => m.note(e)));
    }
    // With a monitor on either side of the switch, the press may reach the monitor and be refused:
    // a button or tray press says so (and is then nobody's); a hotkey press would not, so it is a button press here.
    const monitorNear = wasMonitor || this.policy.monitor === true || this.second?.monitor === true;
    const source = monitorNear && this.source === 'hotkey' ? 'button' : this.source;
    if (source) {
      const monoAt = m.time.monotonic();
      const siteId = source === 'hotkey' ? (m.state()?.settings.hotkeySiteId ?? null) : this.policy.hotkeySite;
      if (siteId) {
        const p = ledger.add({ source, siteId, env, monoAt, deskId: null });
        const refused = (): void => (monitorNear ? ledger.drop(p) : undefined);
        if (source === 'hotkey') m.hotkey();
        else if (source === 'tray') {
          p.deskId = host.pressFromShell(siteId, 'tray')?.id ?? null;
          if (p.deskId === null) refused();
        } else
          work.push(
            m.command('panic.trigger', { siteId }).then((x) => {
              if (x.ok) p.deskId = (x.value as Press).id;
              else if (MONITOR_REFUSAL.test(x.error.message)) refused();
            }),
          );
      }
    }
    await m.drive(Promise.all(work));
    const next = m.pressEnv();
    // With two switches, the desk between them (of either policy, perhaps one waiting for
    // enrolment) may have taken it: the ledger's record says which, and the model follows it.
    const alt: Array<ModelEnv | 'pending'> = this.second ? ['training', 'staging', 'custom', 'pending'] : [next];
    for (const p of ledger.presses) if (p.monoAt >= start && p.alt === undefined) p.alt = alt;
    ledger.excuse(60_000);
    await after(r);
  }
  toString = (): string =>
    `pressDuringSwitch(${showPolicy(this.policy)}${this.second ? ` then ${showPolicy(this.second)}` : ''}, ${this.source ?? 'no press'} after ${this.ticks} ticks)`;
}

export class EnrolCmd implements Cmd {
  constructor(
    readonly env: LiveEnv,
    readonly how: 'stdin' | 'file',
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    if (this.how === 'stdin') await r.m.enrolStdin(this.env);
    else {
      r.m.enrolFile(this.env);
      r.m.kill();
      r.ledger.killed();
      await r.m.open();
    }
    r.ledger.excuse(60_000);
    await after(r);
  }
  toString = (): string => `enrol(${this.how}, ${this.env})`;
}

export class RestartCmd implements Cmd {
  constructor(
    readonly afterMs: number,
    readonly how: 'kill' | 'quit',
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    await r.m.time.advance(this.afterMs);
    if (this.how === 'kill') {
      r.m.kill();
      r.ledger.killed();
    } else {
      await r.m.quit();
      // The process exits after a quit too: what it could not store goes with it.
      r.ledger.killed();
    }
    r.ledger.checkStep();
    await r.m.open();
    r.ledger.excuse(60_000);
    await after(r);
  }
  toString = (): string => `${this.how}(after ${this.afterMs} ms) and start again`;
}

export class ClockJump implements Cmd {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    r.m.time.jumpWall(this.ms);
    await after(r);
  }
  toString = (): string => `clockJump(${(this.ms / 3600_000).toFixed(2)} h)`;
}

/** The desk's state and its open callout number `pick` (modulo how many are open), if any. */
function openCallout(m: Machine, pick: number) {
  const state = m.state();
  const open = state?.callouts.filter((c) => ['created', 'dispatched', 'arrived'].includes(c.stage)) ?? [];
  return { state, target: open[pick % Math.max(1, open.length)] };
}

export class CancelCmd implements Cmd {
  constructor(
    readonly duress: boolean,
    readonly pick: number,
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    const { m, ledger } = r;
    const { state, target } = openCallout(m, this.pick);
    if (!state || !target) return after(r);
    const code = this.duress ? DURESS_CODE : CANCEL_CODE;
    const result = await m.command('callout.cancel', { calloutId: target.id, reasonId: 101, notes: '', code });
    // A cancelled callout keeps the desk's cancelled view until AURA closes it (issue 21: both kinds
    // of cancel keep that view), which is no stall.
    if (result.ok) ledger.cancelTried.add(`${state.environment}:${target.id}`);
    if (result.ok && this.duress && state.policy.cancelCodeRequired) {
      ledger.duress.push({
        env: state.environment as ModelEnv,
        calloutId: target.id,
        siteId: target.siteId,
        monoAt: m.time.monotonic(),
        unstored: m.disk.full,
      });
    }
    await after(r);
  }
  toString = (): string => `${this.duress ? 'duressCancel' : 'cancel'}(open callout #${this.pick})`;
}

/**
 * Wrong codes typed on an open callout (issue 21): none may cancel anything, and once five in a row
 * have been refused the right code is refused too, until the lockout ends.
 */
export class WrongCodes implements Cmd {
  constructor(
    readonly count: number,
    readonly pick: number,
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    const { m, ledger } = r;
    const { state, target } = openCallout(m, this.pick);
    if (!state || !target || !state.policy.cancelCodeRequired) return after(r);
    const key = `${state.environment}:${target.id}:${ledger.steps}`;
    const atAura = (): string | undefined =>
      m.net.sim(state.environment as ModelEnv)?.state.callout(Number(target.id))?.phase;
    const before = atAura();
    for (let i = 0; i < this.count; i++) {
      const code = `97${i}53`;
      const result = await m.command('callout.cancel', { calloutId: target.id, reasonId: 101, notes: '', code });
      if (result.ok) ledger.wrongCode(`accepted:${key}`, `wrong code ${code} cancelled callout ${target.id}`);
    }
    if (before !== 'cancelled' && atAura() === 'cancelled')
      ledger.wrongCode(`aura:${key}`, `AURA cancelled callout ${target.id} after wrong codes only`);
    if (this.count >= 5) {
      const right = await m.command('callout.cancel', {
        calloutId: target.id,
        reasonId: 101,
        notes: '',
        code: CANCEL_CODE,
      });
      if (right.ok) {
        ledger.cancelTried.add(`${state.environment}:${target.id}`);
        ledger.wrongCode(`lockout:${key}`, `after ${this.count} wrong codes in a row the right one still cancelled`);
      }
    }
    await after(r);
  }
  toString = (): string => `wrongCodes(${this.count} on open callout #${this.pick})`;
}

export class Elsewhere implements Cmd {
  constructor(
    /** `raiseCancelled`: raised and cancelled elsewhere at once, before this desk can notice it. */
    readonly action: 'raise' | 'raiseCancelled' | 'cancel' | 'close' | 'dispatch' | 'arrive' | 'complete',
    readonly siteId: string,
    readonly otherEnv: boolean,
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    const { m } = r;
    const here = m.pressEnv();
    const env: ModelEnv = this.otherEnv
      ? here === 'staging'
        ? 'custom'
        : 'staging'
      : here === 'pending'
        ? 'staging'
        : here;
    const sim = m.net.sim(env);
    if (sim) {
      const loc = sim.state.locationByRef(this.siteId);
      const active = sim.state.activeCallouts().find((c) => c.externalReferenceId === this.siteId);
      if ((this.action === 'raise' || this.action === 'raiseCancelled') && loc) {
        const { callout, existing } = sim.state.raise(loc, {});
        if (!existing) m.net.elsewhere.get(env)?.add(callout.id);
        if (!existing && this.action === 'raiseCancelled') sim.state.cancel(callout.id, null);
      } else if (active && this.action === 'cancel') sim.state.cancel(active.id, null);
      else if (active && this.action !== 'raise' && this.action !== 'raiseCancelled')
        sim.state.advance(active.id, this.action);
    }
    await after(r);
  }
  toString = (): string => `aura.${this.action}(${this.siteId}${this.otherEnv ? ', other environment' : ''})`;
}

const READ_ROUTES = new Set(['token', 'getCallout', 'listActiveCallouts']);

export class FaultCmd implements Cmd {
  constructor(
    readonly route: FaultRuleInput['route'],
    readonly kind: FaultRuleInput['kind'],
    readonly forMs: number,
  ) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    const { m, ledger } = r;
    const here = m.pressEnv();
    const sim = m.net.sim(here === 'pending' ? 'staging' : here);
    if (sim) {
      const rule: FaultRuleInput = { route: this.route, kind: this.kind, retryAfterSeconds: 3, afterHandling: true };
      sim.faults.add(rule);
      if (READ_ROUTES.has(this.route ?? '*')) ledger.excuse(this.forMs + 90_000);
      m.time.clockFor(m.worldScope).setTimeout(() => {
        // Ends this rule only: the others, with their counts, stay.
        const kept = sim.faults.list().filter((x) => !(x.route === rule.route && x.kind === rule.kind));
        sim.faults.set(kept.map(({ seen: _s, fired: _f, ...input }) => input));
      }, this.forMs);
    }
    await after(r);
  }
  toString = (): string => `fault(${this.kind} on ${this.route} for ${Math.round(this.forMs / 1000)} s)`;
}

export class DiskFull implements Cmd {
  constructor(readonly on: boolean) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    r.m.disk.full = this.on;
    if (!this.on) r.ledger.diskFreed();
    await after(r);
  }
  toString = (): string => `diskFull(${this.on ? 'on' : 'off'})`;
}

export class TokenExpiry implements Cmd {
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    for (const sim of r.m.net.sims.values()) sim.expireTokens();
    await after(r);
  }
  toString = (): string => 'tokensExpire()';
}

export class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    await after(r, this.ms);
  }
  toString = (): string => `wait(${Math.round(this.ms / 1000)} s)`;
}

export class Latency implements Cmd {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    r.m.net.latencyMs = this.ms;
    await after(r);
  }
  toString = (): string => `latency(${this.ms} ms)`;
}

/** The operator answers a "Still needed?" or a NOT SENT: put away, or send now. */
export class Answer implements Cmd {
  constructor(readonly putAway: boolean) {}
  check = (): boolean => true;
  async run(_: object, r: Real): Promise<void> {
    const { m, ledger } = r;
    const waiting = m.state()?.presses.find((p) => p.stale && p.status !== 'sent');
    if (waiting) {
      const result = await m.command(this.putAway ? 'press.putAway' : 'press.sendNow', { pressId: waiting.id });
      const p = ledger.presses.find((x) => x.deskId === waiting.id);
      if (result.ok && this.putAway && p) p.putAway = true;
    }
    await after(r);
  }
  toString = (): string => (this.putAway ? 'putAway(first stale press)' : 'sendNow(first stale press)');
}

const ROUTES = [
  'raiseCallout',
  'listActiveCallouts',
  'getCallout',
  'listCalloutEvents',
  'sendCalloutEvent',
  'token',
  'cancelCallout',
] as const;
const KINDS = ['error500', 'error502', 'reset', 'truncated', 'rateLimited'] as const;
const source = fc.constantFrom<Press['source']>('button', 'hotkey', 'tray');

const ALL: Array<[string, fc.Arbitrary<Cmd>]> = [
  ['press', fc.tuple(source, site).map(([s, x]) => new PressCmd(s, x))],
  ['press', fc.tuple(source, site).map(([s, x]) => new PressCmd(s, x))],
  ['holdHotkey', fc.integer({ min: 3, max: 60 }).map((n) => new HoldHotkey(n))],
  ['policy', policyShape.map((p) => new PolicyCmd(p))],
  [
    'pressDuringSwitch',
    fc
      .tuple(
        policyShape,
        fc.option(source, { nil: null }),
        fc.option(policyShape, { nil: null, freq: 3 }),
        fc.integer({ min: 0, max: 6 }),
      )
      .map(([p, s, q, t]) => new PressDuringSwitch(p, s, q, t)),
  ],
  ['enrolStdin', liveEnv.map((e) => new EnrolCmd(e, 'stdin'))],
  ['enrolFile', liveEnv.map((e) => new EnrolCmd(e, 'file'))],
  [
    'restart',
    fc
      .tuple(fc.integer({ min: 0, max: 5000 }), fc.constantFrom<'kill' | 'quit'>('kill', 'quit'))
      .map(([ms, h]) => new RestartCmd(ms, h)),
  ],
  ['clockJump', fc.integer({ min: -3 * 3600_000, max: 3 * 3600_000 }).map((ms) => new ClockJump(ms))],
  ['cancel', fc.tuple(fc.boolean(), fc.nat(5)).map(([d, n]) => new CancelCmd(d, n))],
  ['wrongCodes', fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat(5)).map(([c, n]) => new WrongCodes(c, n))],
  [
    'aura',
    fc
      .tuple(
        fc.constantFrom('raise', 'raiseCancelled', 'cancel', 'close', 'dispatch', 'arrive', 'complete' as const),
        site,
        fc.boolean(),
      )
      .map(([a, s, o]) => new Elsewhere(a, s, o)),
  ],
  [
    'fault',
    fc
      .tuple(fc.constantFrom(...ROUTES), fc.constantFrom(...KINDS), fc.integer({ min: 5_000, max: 300_000 }))
      .map(([route, kind, ms]) => new FaultCmd(route, kind, ms)),
  ],
  ['diskFull', fc.boolean().map((on) => new DiskFull(on))],
  ['tokensExpire', fc.constant(new TokenExpiry())],
  ['wait', fc.integer({ min: 1000, max: 600_000 }).map((ms) => new Wait(ms))],
  ['latency', fc.constantFrom(0, 200, 1500, 7000).map((ms) => new Latency(ms))],
  ['answer', fc.boolean().map((p) => new Answer(p))],
];

/** Every command kind, less those RELIABILITY_MODEL_SKIP names. */
export const commandArbitraries: Array<fc.Arbitrary<Cmd>> = ALL.filter(([name]) => !skipped(name)).map(
  ([, arb]) => arb,
);
