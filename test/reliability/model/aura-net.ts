// The AURAs a model run talks to, in memory: one simulator per environment (staging, a custom
// URL, and the embedded Training one), reached by a fetch that calls the simulator's handler
// straight away (no socket), after a latency on the virtual clock. Every request is logged with
// the host incarnation that made it; a killed incarnation's requests never complete, and one made
// after its host closed is counted (orphaned).
import { baseUrlFor } from '../../../electron/core/aura/environments';
import { createSimulator, type SimulatorCore } from '../../../electron/simulator/handler';
import type { RunningSimulator, SimulatorOptions } from '../../../electron/simulator/server';
import type { Scope, VirtualTime } from './virtual-time';

export type LiveEnv = 'staging' | 'custom';
export type ModelEnv = LiveEnv | 'training';
export const CUSTOM_BASE_URL = 'https://aura.example.test/panic-api/v2';
export const SITES = ['site_9944', 'site_north', 'site_south'] as const;
export const DESK_CLIENT = { clientId: 'desk-client', clientSecret: 'desk-secret' };

export interface Incarnation {
  scope: Scope;
  /** Set once its host was closed: anything it does from then on is orphaned. */
  closed: boolean;
  orphanRequests: number;
  orphanWrites: number;
}

export class AuraNet {
  readonly sims = new Map<ModelEnv, SimulatorCore>();
  private readonly byOrigin = new Map<string, ModelEnv>();
  /** Callouts raised by someone other than this desk, per environment. */
  readonly elsewhere = new Map<ModelEnv, Set<number>>();
  /** Virtual latency of each request (0: answered at once). */
  latencyMs = 0;
  private trainingPort = 40000;

  constructor(private readonly time: VirtualTime) {
    this.add('staging', new URL(baseUrlFor('staging', null) ?? '').origin, DESK_CLIENT);
    this.add('custom', new URL(CUSTOM_BASE_URL).origin, DESK_CLIENT);
  }

  private add(env: ModelEnv, origin: string, client: { clientId: string; clientSecret: string }): SimulatorCore {
    const sim = createSimulator({
      ...client,
      now: () => this.time.now(),
      setTimeout: (fn, ms) => this.time.clockFor(this.worldScope).setTimeout(fn, ms),
      autoplay: false,
      controlToken: 'model-control',
    });
    sim.bind(origin, new Set([new URL(origin).host]));
    const demo = sim.state.locationByRef('site_9944');
    if (!demo) throw new Error('no demo site');
    const { id: _i, createdAt: _c, updatedAt: _u, deletedAt: _d, ...fields } = demo;
    for (const ref of SITES.slice(1))
      sim.state.addLocation({ ...fields, externalReferenceId: ref, locationIdentifier: ref });
    this.sims.set(env, sim);
    this.byOrigin.set(origin, env);
    this.elsewhere.set(env, new Set());
    return sim;
  }

  /** The world's own timers (fault expiry, the simulators'): never killed. */
  worldScope!: Scope;

  sim(env: ModelEnv): SimulatorCore | undefined {
    return this.sims.get(env);
  }

  /** The Training simulator, as the desk host starts it: one world kept across restarts (its state file). */
  startTraining = async (options: SimulatorOptions): Promise<RunningSimulator> => {
    let sim = this.sims.get('training');
    const origin = `http://127.0.0.1:${this.trainingPort++}`;
    if (!sim)
      sim = this.add('training', origin, {
        clientId: options.clientId ?? '',
        clientSecret: options.clientSecret ?? '',
      });
    else {
      for (const [o, env] of this.byOrigin) if (env === 'training') this.byOrigin.delete(o);
      this.byOrigin.set(origin, 'training');
      sim.bind(origin, new Set([new URL(origin).host]));
    }
    const { bind: _b, handle: _h, stop: _s, ...rest } = sim;
    return {
      ...rest,
      origin,
      baseUrl: `${origin}/panic-api/v2`,
      controlHeaders: { authorization: `Bearer ${sim.controlToken}`, 'content-type': 'application/json' },
      close: async () => undefined,
    };
  };

  /** The fetch of one host incarnation. */
  fetchFor(inc: Incarnation): typeof fetch {
    const clock = this.time.clockFor(inc.scope);
    const never = new Promise<Response>(() => undefined);
    return async (input, init) => {
      if (inc.scope.isDead) return never;
      if (inc.closed) inc.orphanRequests++;
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const env = this.byOrigin.get(url.origin);
      const signal = init?.signal ?? null;
      if (this.latencyMs > 0) {
        // A client that closes aborts its requests in flight: the wait ends there.
        const abort = new Promise<void>((resolve) =>
          signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
        await Promise.race([clock.sleep(this.latencyMs), abort]);
      }
      if (inc.scope.isDead) return never;
      if (!env) throw new TypeError('fetch failed (no such host in the model)');
      const sim = this.sims.get(env);
      if (!sim) throw new TypeError('fetch failed');
      init?.signal?.throwIfAborted();
      const headers = new Headers(init?.headers);
      const plain: Record<string, string> = { host: url.host };
      headers.forEach((v, k) => (plain[k] = v));
      this.time.busy++;
      try {
        const answer = await sim.handle({
          method: init?.method ?? 'GET',
          url: url.pathname + url.search,
          headers: plain,
          body: typeof init?.body === 'string' ? init.body : '',
        });
        if (inc.scope.isDead) return never;
        // Aborted while AURA handled it: it may have been taken, and the answer is lost.
        signal?.throwIfAborted();
        if (answer.kind === 'reset') throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
        const empty = answer.status === 204 || answer.status === 304;
        return new Response(empty ? null : answer.text, { status: answer.status, headers: answer.headers });
      } finally {
        this.time.busy--;
      }
    };
  }
}
