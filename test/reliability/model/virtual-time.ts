// One virtual clock for everything in a model run: the desks, their AURA clients and the
// simulators. Time moves only when the model says so; due timers run in order with pending promise
// callbacks drained between them, so a run replays exactly from its seed.
// Every timer belongs to a Scope (a host incarnation, or one desk of it). A killed incarnation's
// timers never fire and its new timers are never armed, as a dead process's would not be; a scope
// also counts its pending timers, which is how the model sees a desk that still polls after it
// was replaced (orphaned).
import { timerDelay, type Clock } from '../../../electron/core/ports';

export class Scope {
  dead = false;
  pending = 0;
  /** Timers that fired (and did something) after `stoppedAt` was set: a stopped desk at work. */
  firedAfterStop = 0;
  stoppedAt: number | null = null;
  constructor(
    readonly label: string,
    readonly parent: Scope | null = null,
  ) {}
  get isDead(): boolean {
    return this.dead || (this.parent?.isDead ?? false);
  }
}

type Timer = { id: number; at: number; fn: () => void; scope: Scope };

export const WALL_START = Date.UTC(2026, 10, 26, 3, 0, 0);

export class VirtualTime {
  private wall = WALL_START;
  private mono = 0;
  private timers: Timer[] = [];
  private nextId = 1;
  /** Requests and other work in flight that the settling loop waits for. */
  busy = 0;

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  /** Moves only the wall clock, as NTP or an operator would. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }

  /** A Clock whose timers belong to `scope`. */
  clockFor(scope: Scope): Clock & { sleep(ms: number): Promise<void> } {
    const clock = {
      now: () => this.wall,
      monotonic: () => this.mono,
      setTimeout: (fn: () => void, ms: number) => this.arm(scope, fn, ms),
      sleep: (ms: number) => new Promise<void>((resolve) => void this.arm(scope, resolve, ms)),
    };
    return clock;
  }

  private arm(scope: Scope, fn: () => void, ms: number): () => void {
    if (scope.isDead) return () => undefined;
    const timer: Timer = { id: this.nextId++, at: this.mono + timerDelay(ms), fn, scope };
    this.timers.push(timer);
    scope.pending++;
    return () => {
      const before = this.timers.length;
      this.timers = this.timers.filter((x) => x.id !== timer.id);
      if (this.timers.length < before) scope.pending--;
    };
  }

  /** Scopes with timers pending (for the orphan check). */
  pendingIn(scopes: readonly Scope[]): Scope[] {
    return scopes.filter((s) => s.pending > 0 && !s.isDead);
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.mono + ms;
    await this.settle();
    for (;;) {
      let due: Timer | undefined;
      for (const x of this.timers)
        if (x.at <= end && (!due || x.at < due.at || (x.at === due.at && x.id < due.id))) due = x;
      if (!due) break;
      const fired = due;
      this.timers = this.timers.filter((x) => x.id !== fired.id);
      fired.scope.pending--;
      if (fired.at > this.mono) {
        this.wall += fired.at - this.mono;
        this.mono = fired.at;
      }
      if (fired.scope.isDead) continue;
      if (fired.scope.stoppedAt !== null) fired.scope.firedAfterStop++;
      const t0 = performance.now();
      fired.fn();
      const took = performance.now() - t0;
      if (process.env.MODEL_DEBUG_STALL && took > 30)
        console.log(`slow timer ${Math.round(took)} ms in ${fired.scope.label}`, fired.fn.toString().slice(0, 200));
      await this.settle();
    }
    this.wall += end - this.mono;
    this.mono = end;
    await this.settle();
  }

  /** Lets pending promise callbacks (and what they start) run until nothing is in flight. */
  async settle(): Promise<void> {
    for (let round = 0; round < 200; round++) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => setImmediate(resolve));
      const took = performance.now() - t0;
      if (process.env.MODEL_DEBUG_STALL && took > 30)
        console.log(`slow round ${Math.round(took)} ms`, new Error().stack?.split('\n').slice(2, 6).join(' | '));
      if (this.busy === 0 && round >= 1) return;
    }
  }
}
