// A desk host for shell tests: the state the shell reads, a record of what the shell asked of it,
// and `update` to move the state as the real desk would (it emits the whole state to listeners).
// `fakeWire` is the host as the page's wire sees it, recording the commands shell-ipc.test.ts sends.
import type { DeskHost } from '../../electron/core/desk-host';
import type { ShellUse } from '../../electron/main/shell';
import type { CommandName } from '../../electron/shared/command-names';
import type { CommandOutput } from '../../electron/shared/contract';
import type { WireHost } from '../../electron/shared/wire';
import type { Site } from '../../electron/shared/model/site';
import type { Callout } from '../../electron/shared/model/callout';
import { PressSchema, type Press, type PressView } from '../../electron/shared/model/press';
import { CONFIRM_WITHIN_MS, pressPhase } from '../../electron/shared/press-phase';
import { DEFAULT_SETTINGS } from '../../electron/shared/model/settings';
import type { Connection, Readiness } from '../../electron/shared/model/connection';
import {
  UNMANAGED,
  type DeskState,
  type HotkeyReport,
  type SiteKeyStatus,
} from '../../electron/shared/model/desk-state';

export const SITE: Site = {
  id: 'site_9944',
  name: 'Downtown Branch',
  address: '1 Main St',
  auraId: 9944,
  description: null,
  latitude: null,
  longitude: null,
  locationTypeId: null,
};

export function deskState(patch: Partial<DeskState> = {}): DeskState {
  return {
    environment: 'training',
    connection: { environment: 'training', baseUrl: null, clientId: null, hasSecret: false },
    readiness: { level: 'ready', message: 'Ready — AURA Training (simulator)', lastContactAt: 0 },
    sites: [SITE],
    allSites: [SITE],
    lastSyncAt: 0,
    presses: [],
    pressesElsewhere: [],
    historyCount: 0,
    callouts: [],
    settings: { ...DEFAULT_SETTINGS },
    training: { autoplay: false, fault: null },
    hotkey: { registered: false, error: null, testing: false, lastTestOkAt: null, siteId: null },
    notices: [],
    policy: UNMANAGED,
    ...patch,
  };
}

export function callout(patch: Partial<Callout> = {}): Callout {
  return {
    id: 'c-1',
    siteId: SITE.id,
    stage: 'created',
    rawStatus: 'Created',
    pressedAt: 0,
    silent: false,
    responder: null,
    closedAt: null,
    timeline: [],
    ...patch,
  };
}

/** A press as the page sees it; its phase follows from its status unless the patch sets one. */
export function press(patch: Partial<PressView> = {}): PressView {
  const parsed = PressSchema.parse({
    id: 'p-1',
    siteId: SITE.id,
    source: 'button',
    pressedAt: 0,
    status: 'sent',
    attempts: 1,
    lastError: null,
    calloutId: 'c-1',
    dismissed: false,
    ...patch,
  });
  return { ...parsed, phase: patch.phase ?? pressPhase(parsed, CONFIRM_WITHIN_MS) };
}

/** As the desk reports it: the hotkey's site is the chosen one (the fake knows no policy). */
function withHotkeySite(state: DeskState): DeskState {
  return { ...state, hotkey: { ...state.hotkey, siteId: state.settings.hotkeySiteId } };
}

export class FakeDeskHost implements Pick<DeskHost, ShellUse> {
  readonly triggers: Array<{ siteId: string; source: Press['source'] }> = [];
  readonly hotkeyStatuses: Array<{ registered: boolean; error: string | null }> = [];
  readonly siteKeyStatuses: SiteKeyStatus[][] = [];
  hotkeyPresses = 0;
  closed = 0;
  /** Enrolments handed over by a second launch (`--enrol` while the app runs). */
  readonly enrolments: string[] = [];
  private state: DeskState;
  private readonly listeners = new Set<(state: DeskState) => void>();

  constructor(initial: Partial<DeskState> = {}) {
    this.state = withHotkeySite(deskState(initial));
  }

  getState(): DeskState {
    return this.state;
  }

  async enrolFromCommandLine(raw: string): Promise<Connection> {
    this.enrolments.push(raw);
    return { environment: 'staging', baseUrl: null, clientId: 'desk-7', hasSecret: true };
  }

  onChange(listener: (state: DeskState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves the state and tells every listener, as the desk does. */
  update(patch: Partial<DeskState>): void {
    this.state = withHotkeySite({ ...this.state, ...patch });
    for (const listener of this.listeners) listener(this.state);
  }

  setReadiness(readiness: Partial<Readiness>): void {
    this.update({ readiness: { ...this.state.readiness, ...readiness } });
  }

  /** Like the real desk: a test in progress is confirmed; otherwise a silent callout is raised. */
  hotkeyPressed(): 'tested' | 'raised' | 'noSite' {
    this.hotkeyPresses += 1;
    if (this.state.hotkey.testing) {
      this.update({ hotkey: { ...this.state.hotkey, testing: false, lastTestOkAt: 1 } });
      return 'tested';
    }
    const siteId = this.state.hotkey.siteId;
    if (!siteId) return 'noSite';
    this.trigger(siteId, 'hotkey');
    return 'raised';
  }

  setHotkeyStatus(status: HotkeyReport): void {
    if ('siteKeys' in status) this.siteKeyStatuses.push(status.siteKeys);
    else this.hotkeyStatuses.push(status);
    this.update({ hotkey: { ...this.state.hotkey, ...status } });
  }

  /** A monitor (`role: 'monitor'`): the shell's presses are refused, as DeskHost refuses them. */
  monitor = false;

  pressFromShell(siteId: string, source: 'tray' | 'hotkey'): Press | null {
    if (this.monitor) {
      this.refusedFromShell.push({ siteId, source });
      return null;
    }
    return this.trigger(siteId, source);
  }

  readonly refusedFromShell: Array<{ siteId: string; source: Press['source'] }> = [];

  trigger(siteId: string, source: Press['source']): Press {
    if (this.monitor) throw new Error('This desk is a monitor: it raises no panic (set by your organisation)');
    this.triggers.push({ siteId, source });
    const p = press({ id: `p-${this.triggers.length}`, siteId, source, status: 'queued', calloutId: null });
    this.update({ presses: [...this.state.presses, p] });
    return p;
  }

  invoke<N extends CommandName>(name: N): Promise<CommandOutput<N>> {
    return Promise.reject(new Error(`${name}: the fake desk host runs no commands`));
  }

  describeFailure(error: unknown): string {
    return error instanceof Error ? error.message : 'Unexpected error';
  }

  async close(): Promise<void> {
    this.closed += 1;
  }
}

/** A desk host as the wire serves it: every command records its name in `called` and answers "handled". */
export function fakeWire(desk: FakeDeskHost, called: string[] = []): WireHost {
  return {
    async invoke(name) {
      called.push(name);
      return 'handled' as never;
    },
    onChange: (listener) => desk.onChange(listener),
    describeFailure: (error) => desk.describeFailure(error),
  };
}
