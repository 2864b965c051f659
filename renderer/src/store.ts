// The renderer's mirror of the desk: main pushes `state.changed`, this store keeps the latest,
// React draws from it. Commands go back through the bridge; their errors are shown, never thrown.
import { create } from 'zustand';
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  CommandResult,
  TrainingStep,
} from '../../electron/shared/contract';
import type { Callout, DeskState, Press } from '../../electron/shared/model';
import { getBridge } from './bridge';
import { shareEqual } from './ui/structural';

export const VIEWS = ['desk', 'history', 'sites', 'settings', 'audit', 'setup'] as const;
export type View = (typeof VIEWS)[number];

/** What one site's card needs, precomputed once per state so that each card selects one object. */
export interface SiteActivity {
  /** Presses not (yet) delivered to AURA, oldest first. */
  unsent: Press[];
  /** The site's newest callout (active or the last closed one), if any. */
  latest: Callout | null;
  /** The press that raised `latest`, for its dispatch state. */
  latestPress: Press | null;
}

const NO_ACTIVITY: SiteActivity = { unsent: [], latest: null, latestPress: null };

interface DeskStore {
  desk: DeskState | null;
  activity: Record<string, SiteActivity>;
  /** The last command failure, in plain words, for the operator. */
  commandError: string | null;
  view: View;
  setView(view: View): void;
  connect(): () => void;
  /** Runs a command; never throws: a broken bridge becomes a failed result. */
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>>;
  /** Runs a command and shows its failure in the error banner; null when it failed. */
  act<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N> | null>;
  trigger(siteId: string): Promise<void>;
  advance(calloutId: string, step: TrainingStep): Promise<void>;
  dismissError(): void;
}

function activityOf(desk: DeskState): Record<string, SiteActivity> {
  const out: Record<string, SiteActivity> = {};
  const get = (siteId: string): SiteActivity => (out[siteId] ??= { unsent: [], latest: null, latestPress: null });
  for (const press of desk.presses) {
    if (press.status !== 'sent' && !press.dismissed) get(press.siteId).unsent.push(press);
  }
  for (const callout of desk.callouts) {
    const a = get(callout.siteId);
    if (!a.latest || callout.pressedAt >= a.latest.pressedAt) a.latest = callout;
  }
  for (const press of desk.presses) {
    const a = out[press.siteId];
    if (a?.latest && press.calloutId === a.latest.id) a.latestPress = press;
  }
  return out;
}

export function siteActivity(activity: Record<string, SiteActivity>, siteId: string): SiteActivity {
  return activity[siteId] ?? NO_ACTIVITY;
}

export const useDesk = create<DeskStore>((set, get) => {
  const receive = (next: DeskState): void => {
    const { desk, activity } = get();
    const shared = desk ? shareEqual(desk, next) : next;
    set({ desk: shared, activity: shareEqual(activity, activityOf(shared)) });
  };
  return {
    desk: null,
    activity: {},
    commandError: null,
    view: 'desk',
    setView: (view) => set({ view }),
    connect() {
      const bridge = getBridge();
      const off = bridge.on('state.changed', receive);
      void get()
        .call('state.get', {})
        .then((result) => {
          if (result.ok) receive(result.value);
          else set({ commandError: result.error.message });
        });
      return off;
    },
    async call(name, input) {
      try {
        return await getBridge().invoke(name, input);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'failed', message } };
      }
    },
    async act(name, input) {
      const result = await get().call(name, input);
      if (result.ok) return result.value;
      set({ commandError: result.error.message });
      return null;
    },
    async trigger(siteId) {
      await get().act('panic.trigger', { siteId });
    },
    async advance(calloutId, step) {
      await get().act('training.advance', { calloutId, step });
    },
    dismissError: () => set({ commandError: null }),
  };
});
