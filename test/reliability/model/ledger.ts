// What the model expects, and the checks of the issue against what the host shows and what each
// AURA holds. The model keeps every press the operator made (where, how, when, and the
// environment it belongs to), every duress cancel, and when each AURA callout last moved; the
// desk's own press records are read only as claims, each verified against the simulators.
import { join } from 'node:path';
import { clockTime } from '../../../electron/core/dispatch/press-words';
import type { DeskState } from '../../../electron/shared/model/desk-state';
import type { Press } from '../../../electron/shared/model/press';
import type { ModelEnv } from './aura-net';
import type { Machine } from './machine';

export const INVARIANTS = [
  'lost',
  'swallowed',
  'stalled',
  'duplicated',
  'misrouted',
  'revealed',
  'orphaned',
  'unconfirmed',
  'wrongCode',
  'monitorRaised',
] as const;
export type Invariant = (typeof INVARIANTS)[number];
export type Counts = Record<Invariant, number>;
export const zeroCounts = (): Counts => ({
  lost: 0,
  swallowed: 0,
  stalled: 0,
  duplicated: 0,
  misrouted: 0,
  revealed: 0,
  orphaned: 0,
  unconfirmed: 0,
  wrongCode: 0,
  monitorRaised: 0,
});

/** Exploration only (RELIABILITY_MODEL_SKIP=foreign): a press of another environment may be off screen. */
const LOOK_PAST_FOREIGN = (process.env.RELIABILITY_MODEL_SKIP ?? '').split(',').includes('foreign');

/**
 * Issue 23: a press made on screen reads NOT CONFIRMED, not "Sending…", once this long has passed
 * without AURA's confirmation (the desk's limit is 4 s; the screen must show it within 5 s).
 */
const SENDING_AT_MOST_MS = 5000;

/** A shown stage may lag AURA by one settled poll (15 s) plus slack. */
export const STAGE_LAG_MS = 30_000;
/** Faults on the reads a stage needs excuse a lag for this long after they end (the poller's backoff). */
const FAULT_EXCUSE_MS = 90_000;

export interface ModelPress {
  n: number;
  source: Press['source'];
  siteId: string;
  env: ModelEnv | 'pending';
  /**
   * Made while the host switched desks: it may belong to the desk last shown (env) or, if the
   * host took it once the next desk had opened, to that one (alt). The desk's record decides.
   */
  alt?: Array<ModelEnv | 'pending'> | null;
  monoAt: number;
  deskId: string | null;
  /** The desk's record as last seen, and the environment of the desk that showed it. */
  seen: Press | null;
  seenEnv: string | null;
  putAway: boolean;
  /** Made while the disk was full: a kill before it reached AURA loses it, as a power cut would. */
  unstored: boolean;
  /** Killed with the process (above): it may or may not have reached AURA. */
  lostWithProcess?: boolean;
}

export interface DuressRecord {
  /** Made while the disk was full: the view could not be stored, and a process end loses it. */
  unstored?: boolean;
  /** The process ended while it was unstored: the view may be gone (not checked as revealed). */
  mayBeLost?: boolean;
  env: ModelEnv;
  calloutId: string;
  siteId: string;
  monoAt: number;
}

export class Ledger {
  readonly presses: ModelPress[] = [];
  readonly duress: DuressRecord[] = [];
  /** When this process first showed each press (`incarnation:press id` → monotonic). */
  private readonly firstShown = new Map<string, number>();
  /** Callouts (`env:id`) cancelled with either code: their cancelled view is no lag. */
  readonly cancelTried = new Set<string>();
  /** Per environment and callout: when it was created and when its phase last changed (monotonic). */
  private readonly moved = new Map<string, { phase: string; since: number; createdAt: number }>();
  /** Until when (monotonic) a lag is excused: a fault on a read route, a restart. */
  excusedUntil = 0;
  readonly found: string[] = [];
  /** Commands run so far. */
  steps = 0;
  readonly counts = zeroCounts();
  private readonly counted = new Set<string>();

  constructor(private readonly m: Machine) {}

  add(press: Omit<ModelPress, 'n' | 'seen' | 'seenEnv' | 'putAway' | 'unstored'>): ModelPress {
    const p: ModelPress = {
      ...press,
      n: this.presses.length + 1,
      seen: null,
      seenEnv: null,
      putAway: false,
      unstored: this.m.disk.full,
    };
    this.presses.push(p);
    return p;
  }

  /**
   * The process dies. A press that could never be stored (the disk was full from its press until
   * now) and has not reached AURA dies with it: nothing can keep it, so nothing is owed.
   */
  killed(): void {
    for (const p of this.presses) {
      if (p.seen?.status === 'sent' || p.putAway) continue;
      if (p.unstored && this.m.disk.full) {
        p.putAway = true;
        p.lostWithProcess = true;
      }
    }
    // A duress view made on a full disk may die with the process: then the desk owes no cancelled
    // view (revealed is not checked), but it may still show one if a later write of it landed.
    for (const d of this.duress) if (d.unstored && this.m.disk.full) d.mayBeLost = true;
  }

  /** The disk has room again: a press in memory can now be stored. */
  diskFreed(): void {
    for (const p of this.presses) p.unstored = false;
    for (const d of this.duress) d.unstored = false;
  }

  excuse(ms = FAULT_EXCUSE_MS): void {
    this.excusedUntil = Math.max(this.excusedUntil, this.m.time.monotonic() + ms);
  }

  /** Notes when each simulator callout appears or moves (call after every step). */
  watchAura(): void {
    const now = this.m.time.monotonic();
    for (const [env, sim] of this.m.net.sims) {
      for (const c of sim.state.allCallouts()) {
        const key = `${env}:${c.id}`;
        const seen = this.moved.get(key);
        if (!seen) this.moved.set(key, { phase: c.phase, since: now, createdAt: now });
        else if (seen.phase !== c.phase) this.moved.set(key, { ...seen, phase: c.phase, since: now });
      }
    }
  }

  /** Pending presses belong to the first live connection that opens. */
  resolvePending(): void {
    const env = this.m.pressEnv();
    if (env !== 'staging' && env !== 'custom') return;
    for (const p of this.presses) {
      if (p.env === 'pending') p.env = env;
      if (p.alt) p.alt = p.alt.map((x) => (x === 'pending' ? env : x));
    }
  }

  /** A monitor (policy `role: monitor`, issue 24) took a press or raised a callout. */
  monitorRaised(key: string, story: string): void {
    this.flag('monitorRaised', key, story);
  }

  /** A press a monitor refused, as it must: the operator was told, and it is nobody's to send. */
  drop(press: ModelPress): void {
    const at = this.presses.indexOf(press);
    if (at >= 0) this.presses.splice(at, 1);
  }

  private flag(kind: Invariant, key: string, story: string): void {
    if (this.counted.has(`${kind}:${key}`)) return;
    this.counted.add(`${kind}:${key}`);
    this.counts[kind]++;
    this.found.push(`${kind}: ${story}`);
  }

  /** Links the desk's presses to the model's: by id where the host answered one, else in order of source and site. */
  private link(state: DeskState): void {
    // The ledger on disk holds presses no screen lists any more (sent by a desk since replaced):
    // its records are claims like the screen's, checked the same way.
    const stored = this.storedPresses().filter((pr) => !state.presses.some((x) => x.id === pr.id));
    for (const pr of stored) {
      const p = this.presses.find((x) => x.deskId === pr.id);
      if (p && pr.status === 'sent' && p.seen?.status !== 'sent') {
        p.seenEnv = (pr as Press & { target?: { environment: string } | null }).target?.environment ?? null;
        p.seen = pr;
      }
    }
    for (const pr of state.presses) {
      let p = this.presses.find((x) => x.deskId === pr.id);
      if (!p) {
        p = this.presses.find((x) => x.deskId === null && x.source === pr.source && x.siteId === pr.siteId);
        if (!p) {
          this.flag(
            'duplicated',
            `press:${pr.id}`,
            `the desk holds a press nobody made (${pr.source} on ${pr.siteId})`,
          );
          continue;
        }
        p.deskId = pr.id;
      }
      const target = (pr as Press & { target?: { environment: string } | null }).target;
      if (p.alt && target !== undefined) {
        const own = (target === null ? 'pending' : target.environment) as ModelEnv | 'pending';
        if (p.alt.includes(own)) p.env = own;
        p.alt = null;
      }
      // Where it was sent: the desk showing it sent, unless the press names another connection
      // (the ledger's presses of another connection, sent there by "Send now").
      if (pr.status === 'sent' && p.seen?.status !== 'sent') {
        p.seenEnv = target && target.environment !== state.environment ? target.environment : state.environment;
      }
      p.seen = pr;
    }
  }

  /** The ledger's records on disk: presses.json, then the archive of finished presses (a later line wins). */
  private storedPresses(): Press[] {
    const read = (path: string, lines: boolean): Press[] => {
      const file = this.m.disk.files.get(path);
      if (!file) return [];
      const text = file.toString('utf8');
      try {
        if (!lines) {
          const parsed: unknown = JSON.parse(text);
          return Array.isArray(parsed) ? (parsed as Press[]) : [];
        }
        return text
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Press);
      } catch {
        return [];
      }
    };
    const archive = join(this.m.dataDir, 'presses-done');
    const days = [...this.m.disk.files.keys()].filter((path) => path.startsWith(`${archive}/`)).sort();
    const byId = new Map<string, Press>();
    for (const pr of [
      ...days.flatMap((path) => read(path, true)),
      ...read(join(this.m.dataDir, 'presses.json'), false),
    ])
      byId.set(pr.id, pr);
    return [...byId.values()];
  }

  /** The checks that hold after every step. */
  checkStep(): void {
    this.watchAura();
    if (this.m.openFailure)
      this.flag('lost', 'host-down', `the desk host could not start, so no press can be made: ${this.m.openFailure}`);
    const state = this.m.host ? this.m.state() : null;
    if (state) this.link(state);
    const shown = new Map((state?.presses ?? []).map((pr) => [pr.id, pr]));
    const claimed = new Map<string, ModelPress>();
    for (const p of this.presses) {
      if (p.putAway) continue;
      const r = p.seen;
      if (r?.status === 'sent') {
        this.checkSent(p, r, claimed);
        continue;
      }
      // Not at AURA: it must be on screen.
      const onScreen = p.deskId !== null && shown.has(p.deskId) && !shown.get(p.deskId)?.dismissed;
      if (!onScreen && this.m.host && !(LOOK_PAST_FOREIGN && p.env !== state?.environment)) {
        this.flag(
          'lost',
          `p${p.n}`,
          `press ${this.describe(p)} is neither at AURA nor on screen (desk shows ${state?.environment ?? 'nothing'})`,
        );
      }
    }
    if (state) {
      this.checkRevealed(state);
      this.checkStages(state);
      this.checkConfirmed(state);
    }
    this.checkOrphans();
  }

  /** The checks that hold once faults are cleared and time has run on. */
  checkEnd(): void {
    this.checkStep();
    const state = this.m.state();
    // The live desk running now: its presses must have been sent by now.
    const live = state && (state.environment === 'training' || state.connection.hasSecret) ? state.environment : null;
    if (live === null || this.m.pressEnv() !== live) return this.checkAuraRecords();
    // A monitor holds the presses made before it with their choices and sends none unasked (issue 24).
    if (state?.policy.role === 'monitor') return this.checkAuraRecords();
    for (const p of this.presses) {
      if (p.putAway || p.seen?.status === 'sent' || p.env !== live) continue;
      const r = state?.presses.find((x) => x.id === p.deskId);
      if (r && (r.stale || r.dismissed)) continue;
      this.flag(
        'stalled',
        `unsent:p${p.n}`,
        `press ${this.describe(p)} was never sent to its live environment ${p.env} (status ${r?.status ?? 'not shown'})`,
      );
    }
    this.checkAuraRecords();
  }

  private describe(p: ModelPress): string {
    return `#${p.n} (${p.source} on ${p.siteId}, for ${p.env}, at +${Math.round(p.monoAt / 1000)} s)`;
  }

  /** A press the desk calls sent: AURA must hold it, in its own environment, once. */
  private checkSent(p: ModelPress, r: Press, claimed: Map<string, ModelPress>): void {
    const env = p.seenEnv as ModelEnv;
    // A press made with no live connection belongs to the first live one that opens, perhaps one
    // the model did not stop at (a desk between two switches); never to Training.
    if (p.env === 'pending' && (env === 'staging' || env === 'custom')) p.env = env;
    if (p.env === 'pending' || env !== p.env) {
      this.flag('misrouted', `p${p.n}`, `press ${this.describe(p)} was sent to ${env}`);
      return;
    }
    const sim = this.m.net.sim(env);
    const id = Number(r.calloutId);
    const callout = sim?.state.callout(id);
    if (!sim || !callout) {
      this.flag(
        'swallowed',
        `p${p.n}`,
        `press ${this.describe(p)} is "sent" to callout ${r.calloutId}, which ${env} does not hold`,
      );
      return;
    }
    if (r.via === 'event') {
      const words = `Panic pressed again at ${clockTime(r.pressedAt)}`;
      const target = Number(r.eventFor ?? r.calloutId);
      const posted = sim.state.eventsOf(target).some((e) => e.message.startsWith(words));
      if (!posted)
        this.flag(
          'swallowed',
          `p${p.n}`,
          `press ${this.describe(p)} is "sent" as an event on ${target}, which ${env} never got`,
        );
      return;
    }
    const key = `${env}:${id}`;
    const moved = this.moved.get(key);
    const other = claimed.get(key);
    if (this.m.net.elsewhere.get(env)?.has(id) || (moved && moved.createdAt < p.monoAt)) {
      this.flag(
        'swallowed',
        `p${p.n}`,
        `press ${this.describe(p)} is "sent" as callout ${id}, which existed before the press (${callout.phase}); AURA never heard of it`,
      );
    } else if (other) {
      this.flag(
        'swallowed',
        `p${p.n}`,
        `presses #${other.n} and #${p.n} both claim callout ${id} as theirs; AURA heard of one`,
      );
    }
    claimed.set(key, p);
  }

  /** Every callout this desk made and every "pressed again" event belongs to one press. */
  private checkAuraRecords(): void {
    for (const [env, sim] of this.m.net.sims) {
      const mine = this.presses.filter((p) => p.seen?.status === 'sent' && p.seenEnv === env);
      const died = this.presses.filter((p) => p.lostWithProcess && p.env === env).length;
      // A press not sent whose raise may have reached AURA unanswered (it checks before raising again).
      const unanswered = this.presses.filter((p) => {
        const target = (p.seen as (Press & { target?: { environment: string } | null }) | null)?.target?.environment;
        return (target ?? p.env) === env && p.seen?.status !== 'sent' && (p.seen?.attempts ?? 0) > 0;
      }).length;
      const allowance = died + unanswered + mine.reduce((n, p) => n + (p.seen?.extraCallouts ?? 0), 0);
      const raisedHere = new Set(mine.filter((p) => p.seen?.via !== 'event').map((p) => Number(p.seen?.calloutId)));
      const made = sim.state.allCallouts().filter((c) => !this.m.net.elsewhere.get(env)?.has(c.id));
      const unclaimed = made.filter((c) => !raisedHere.has(c.id));
      if (unclaimed.length > allowance) {
        this.flag(
          'duplicated',
          `callouts:${env}`,
          `${env} holds ${unclaimed.length} callout(s) no press claims (${unclaimed.map((c) => c.id).join(', ')}), ${allowance} allowed`,
        );
      }
      for (const c of sim.state.allCallouts()) {
        const events = sim.state.eventsOf(c.id).filter((e) => e.message.startsWith('Panic pressed again at'));
        const claims = mine.filter(
          (p) => p.seen?.via === 'event' && Number(p.seen.eventFor ?? p.seen.calloutId) === c.id,
        );
        // A press not sent whose event may have reached AURA unanswered: it reads the callout's
        // events before posting again (as an unanswered raise checks before raising again).
        const unanswered = this.presses.filter((p) => {
          const seen = p.seen as (Press & { target?: { environment: string } | null }) | null;
          return (
            (seen?.target?.environment ?? p.env) === env &&
            seen?.status !== 'sent' &&
            seen?.eventFor != null &&
            Number(seen.eventFor) === c.id
          );
        }).length;
        if (events.length > claims.length + unanswered) {
          this.flag(
            'duplicated',
            `events:${env}:${c.id}`,
            `${env} callout ${c.id} got ${events.length} "pressed again" events for ${claims.length} press(es)`,
          );
        }
      }
    }
  }

  /** A duress-cancelled callout shows no more than a genuine cancel would, unless pressed after the duress. */
  private checkRevealed(state: DeskState): void {
    for (const d of this.duress) {
      if (state.environment !== d.env || d.mayBeLost) continue;
      const later = this.presses.some((p) => p.siteId === d.siteId && p.monoAt > d.monoAt);
      if (later) continue;
      const shown = state.callouts.find((c) => c.id === d.calloutId);
      if (shown && shown.stage !== 'cancelled' && shown.stage !== 'closed') {
        this.flag(
          'revealed',
          `duress:${d.env}:${d.calloutId}`,
          `callout ${d.calloutId}, cancelled under duress, shows ${shown.stage} again`,
        );
      }
    }
  }

  /** Nothing reads "Sending…" for long: an on-screen press AURA has not confirmed says NOT CONFIRMED (issue 23). */
  private checkConfirmed(state: DeskState): void {
    const now = this.m.time.monotonic();
    const life = this.m.incarnations.length;
    for (const pr of state.presses) {
      const key = `${life}:${pr.id}`;
      const first = this.firstShown.get(key) ?? now;
      this.firstShown.set(key, first);
      if (pr.source === 'hotkey' || pr.phase !== 'sending' || now - first <= SENDING_AT_MOST_MS) continue;
      this.flag(
        'unconfirmed',
        `sending:${key}`,
        `press ${pr.id} (${pr.source} on ${pr.siteId}) still reads "Sending…" ${Math.round((now - first) / 1000)} s after it was shown, unconfirmed by AURA`,
      );
    }
  }

  /** A wrong code cancelled something, or a locked desk took a code (the wrongCodes command). */
  wrongCode(key: string, story: string): void {
    this.flag('wrongCode', key, story);
  }

  /** No shown stage lags AURA by more than a poll interval plus slack. */
  private checkStages(state: DeskState): void {
    const now = this.m.time.monotonic();
    if (now < this.excusedUntil) return;
    // A desk with no live connection (its secret gone, waiting for enrolment) reads nothing from AURA.
    if (state.environment !== 'training' && !state.connection.hasSecret) return;
    const sim = this.m.net.sim(state.environment as ModelEnv);
    if (!sim) return;
    for (const shown of state.callouts) {
      if (shown.stage === 'closed' || shown.unfollowedAt) continue;
      if (this.duress.some((d) => d.env === state.environment && d.calloutId === shown.id)) continue;
      if (shown.stage === 'cancelled' && this.cancelTried.has(`${state.environment}:${shown.id}`)) continue;
      const c = sim.state.callout(Number(shown.id));
      const moved = this.moved.get(`${state.environment}:${shown.id}`);
      if (!c || !moved || c.phase === shown.stage) continue;
      const since = Math.max(moved.since, this.excusedUntil - FAULT_EXCUSE_MS);
      if (now - since > STAGE_LAG_MS) {
        this.flag(
          'stalled',
          `stage:${state.environment}:${shown.id}:${c.phase}`,
          `callout ${shown.id} shows ${shown.stage} ${Math.round((now - moved.since) / 1000)} s after AURA moved it to ${c.phase}`,
        );
      }
    }
  }

  /** No desk works after it was replaced or its host closed. */
  private checkOrphans(): void {
    for (const inc of this.m.incarnations) {
      if (inc.scope.isDead) continue;
      const busy = inc.orphanRequests + inc.orphanWrites + inc.desks.reduce((n, d) => n + d.firedAfterStop, 0);
      if (busy > 0)
        this.flag(
          'orphaned',
          `closed:${inc.scope.label}`,
          `${inc.scope.label} made ${inc.orphanRequests} request(s), ${inc.orphanWrites} write(s) and ran ${busy - inc.orphanRequests - inc.orphanWrites} timer(s) after it closed`,
        );
      if (!inc.closed && this.m.time.busy === 0) {
        const live = this.m.time.pendingIn(inc.desks);
        if (live.length > 1)
          this.flag(
            'orphaned',
            `desks:${inc.scope.label}`,
            `${live.length} desks of ${inc.scope.label} still have timers armed (${live.map((s) => s.label).join(', ')}): one was never stopped`,
          );
      }
    }
  }
}
