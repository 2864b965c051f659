// The machine a model run drives: one virtual clock, the disk and keychain in memory, the AURAs
// in memory, and the desk host on top. A kill drops the host and all its timers and requests at
// once (nothing of it runs again) and the next host opens from what was stored; a quit closes it
// properly, and anything it does after that is counted as orphaned.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionManager } from '../../../electron/core/connection/connection';
import { DeskHost } from '../../../electron/core/desk-host';
import { ENROL_FILE, enrol } from '../../../electron/core/policy/enrol';
import { QuietGap } from '../../../electron/core/host/held-key';
import { mergePolicy, type PolicyRead } from '../../../electron/core/policy/policy';
import type { DeskState } from '../../../electron/shared/model/desk-state';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import type { CommandResult } from '../../../electron/shared/contract';
import { memoryVault, type MemoryVault } from '../../fakes/vault';
import { runCommand } from '../../support/run-command';
import { fastTmp } from '../world';
import { AuraNet, CUSTOM_BASE_URL, DESK_CLIENT, type Incarnation, type LiveEnv, type ModelEnv } from './aura-net';
import { MemoryDisk } from './memory-disk';
import { Scope, VirtualTime } from './virtual-time';
import { modelCodeCheck } from './commands';
import { rng } from '../../support/rng';

export type PolicyValues = Record<string, unknown>;

export class Machine {
  readonly time = new VirtualTime();
  readonly worldScope = new Scope('world');
  readonly net: AuraNet;
  readonly disk = new MemoryDisk({ settings: { ...DEFAULT_SETTINGS, deskName: 'Gate 2' } });
  readonly vault: MemoryVault = memoryVault();
  readonly dataDir = mkdtempSync(join(fastTmp(), 'rel-model-'));
  host: DeskHost | null = null;
  readonly incarnations: Array<Incarnation & { desks: Scope[] }> = [];
  policyValues: PolicyValues | null = null;
  /** Commands the host refused or threw on (for the counterexample's story). */
  readonly notes: string[] = [];
  private readonly random = rng(7);

  constructor() {
    this.net = new AuraNet(this.time);
    this.net.worldScope = this.worldScope;
  }

  get current(): (Incarnation & { desks: Scope[] }) | undefined {
    return this.incarnations[this.incarnations.length - 1];
  }

  policyRead(): PolicyRead | null {
    return this.policyValues ? mergePolicy([{ name: 'policy.json', values: this.policyValues }]) : null;
  }

  /** Runs `work` while the virtual clock moves on in steps, until it settles (or `maxMs` passed). */
  async drive<T>(work: Promise<T>, maxMs = 120_000): Promise<{ done: true; value: T } | { done: false }> {
    let outcome: { done: true; value: T } | { done: false } = { done: false };
    let failed: unknown = null;
    let finished = false;
    work.then(
      (value) => {
        outcome = { done: true, value };
        finished = true;
      },
      (error: unknown) => {
        failed = error;
        finished = true;
      },
    );
    await this.time.settle();
    for (let waited = 0; !finished && waited < maxMs; waited += 250) await this.time.advance(250);
    if (failed !== null) throw failed;
    return outcome;
  }

  async open(): Promise<void> {
    this.held = new QuietGap(() => this.time.monotonic());
    const inc: Incarnation & { desks: Scope[] } = {
      scope: new Scope(`host${this.incarnations.length + 1}`),
      closed: false,
      orphanRequests: 0,
      orphanWrites: 0,
      desks: [],
    };
    this.incarnations.push(inc);
    const guard = {
      alive: () => !inc.scope.isDead,
      wrote: () => {
        if (inc.closed) inc.orphanWrites++;
      },
    };
    const time = this.time;
    const hostClock = time.clockFor(inc.scope);
    const shell = {
      clock: hostClock,
      // Each desk the host opens gets its own scope of timers.
      deskClock: () => {
        const scope = new Scope(`${inc.scope.label}/desk${inc.desks.length + 1}`, inc.scope);
        inc.desks.push(scope);
        return time.clockFor(scope);
      },
      random: this.random,
      checkCode: modelCodeCheck,
      client: {
        fetch: this.net.fetchFor(inc),
        now: () => time.now(),
        monotonic: () => time.monotonic(),
        sleep: hostClock.sleep,
        keepWarm: false,
      },
      startSimulator: this.net.startTraining,
    };
    const opening = DeskHost.open({
      store: this.disk.store(guard),
      storage: this.disk.storage(guard),
      dataDir: this.dataDir,
      vault: this.vault,
      policy: this.policyRead(),
      // A broken Windows Event Log (the policy's `auditForward.eventLog`): every write throws.
      eventLog: {
        write: () => {
          throw new Error('the event log service is not running');
        },
      },
      shell,
    });
    try {
      const opened = await this.drive(opening);
      if (!opened.done) throw new Error('it did not open within 2 minutes (virtual)');
      this.host = opened.value;
      this.openFailure = null;
    } catch (error) {
      // A desk that cannot start takes no press at all: the ledger counts it.
      this.openFailure =
        error instanceof Error
          ? `${error.message} (${
              error.stack
                ?.split('\n')
                .slice(3, 7)
                .map((l) => l.trim())
                .join(' < ') ?? ''
            })`
          : String(error);
    }
  }

  /** Main's hotkey rule (main/hotkey.ts): an auto-repeat is no new press. One per process. */
  private held = new QuietGap(() => this.time.monotonic());

  /** The global hotkey fires, as main hands it to the host. */
  hotkey(): void {
    if (this.host && this.held.activation()) this.host.hotkeyPressed();
  }

  /** Why the last start failed, or null. */
  openFailure: string | null = null;

  /** The process dies: nothing of this host runs again. */
  kill(): void {
    const inc = this.current;
    if (inc) inc.scope.dead = true;
    this.host = null;
  }

  /** Quit: the host closes itself; whatever it does afterwards is orphaned. */
  async quit(): Promise<void> {
    const host = this.host;
    const inc = this.current;
    this.host = null;
    if (!host || !inc) return;
    await this.drive(host.close());
    inc.closed = true;
    for (const desk of inc.desks) desk.stoppedAt ??= this.time.monotonic();
  }

  state(): DeskState | null {
    try {
      return this.host?.getState() ?? null;
    } catch {
      return null;
    }
  }

  async command(name: string, payload: unknown): Promise<CommandResult<unknown>> {
    const host = this.host;
    if (!host) return { ok: false, error: { code: 'failed', message: 'no host' } } as CommandResult<unknown>;
    const run = await this.drive(runCommand(host, name, payload), 60_000);
    if (!run.done) return { ok: false, error: { code: 'failed', message: 'did not answer' } } as CommandResult<unknown>;
    if (!run.value.ok) this.notes.push(`${name}: ${run.value.error.message}`);
    return run.value;
  }

  async applyPolicy(values: PolicyValues): Promise<void> {
    this.policyValues = values;
    const host = this.host;
    if (host) await this.drive(host.applyPolicy(this.policyRead()).catch((e: unknown) => this.note(e)));
  }

  /** `--enrol` from standard input: a second process saves the credentials to the same store and keychain. */
  async enrolStdin(env: LiveEnv): Promise<void> {
    const raw = JSON.stringify(this.enrolment(env));
    // The app runs: `--enrol` hands the enrolment to it over the single-instance channel.
    if (this.host) {
      await this.drive(this.host.enrolFromCommandLine(raw).catch((e: unknown) => this.note(e)));
      return;
    }
    const inc: Incarnation = { scope: new Scope('enrol-cli'), closed: false, orphanRequests: 0, orphanWrites: 0 };
    const store = this.disk.store({ alive: () => true, wrote: () => undefined });
    const connections = new ConnectionManager({ store, vault: this.vault, fetch: this.net.fetchFor(inc) });
    const policy = this.policyRead();
    await this.drive(
      enrol(raw, { save: (input) => connections.save(input), policy: policy?.ok ? policy.policy : {} }).catch(
        (e: unknown) => this.note(e),
      ),
    );
  }

  /** A one-time enrol.json in the data folder, imported at the next start. */
  enrolFile(env: LiveEnv): void {
    writeFileSync(join(this.dataDir, ENROL_FILE), JSON.stringify(this.enrolment(env)), { mode: 0o600 });
  }

  private enrolment(env: LiveEnv): Record<string, string> {
    return { ...DESK_CLIENT, environment: env, ...(env === 'custom' ? { baseUrl: CUSTOM_BASE_URL } : {}) };
  }

  /**
   * The environment a press made now belongs to: the live connection in force, Training when it
   * is allowed, or 'pending' (no live connection yet: the first live one that opens gets it).
   */
  pressEnv(): ModelEnv | 'pending' {
    const saved = this.disk.settings.get('connection') as
      { environment: string; baseUrl: string | null; clientId: string | null; account: string | null } | undefined;
    const read = this.policyRead();
    const trainingAllowed = read?.ok ? read.policy.trainingAllowed !== false : true;
    const env = saved?.environment ?? 'training';
    if (env === 'training') return trainingAllowed ? 'training' : 'pending';
    if (env !== 'staging' && env !== 'custom') return 'pending';
    if (!saved?.baseUrl || !saved.clientId || !saved.account || !this.vault.secrets.has(saved.account))
      return 'pending';
    return env;
  }

  note(error: unknown): void {
    this.notes.push(error instanceof Error ? error.message : String(error));
  }

  dispose(): void {
    this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
