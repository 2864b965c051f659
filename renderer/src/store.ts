// The renderer's mirror of the desk: main pushes `state.changed`, this store keeps the latest,
// React draws from it. Commands go back through the bridge; their errors are shown, never thrown.
import { create, type StoreApi } from 'zustand';
import type { CommandName } from '@shared/command-names';
import type { CommandInput, CommandOutput, CommandResult } from '@shared/contract';
import type { DeskState } from '@shared/model/desk-state';
import type { Press } from '@shared/model/press';
import { getBridge } from './bridge';
import { activityOf, type SiteActivity } from './siteActivity';
import { shareEqual } from './ui/structural';

export const VIEWS = ['desk', 'history', 'sites', 'settings', 'audit', 'setup'] as const;
export type View = (typeof VIEWS)[number];

/** A request to bring one site's card into view and focus it (from the attention strip). */
export interface FocusRequest {
  siteId: string;
  /** The card itself (from the strip) or its panic button (the "first PANIC" shortcut). */
  target: 'card' | 'panic';
  seq: number;
}

interface PageStore {
  desk: DeskState | null;
  activity: Record<string, SiteActivity>;
  /** The last command failure, in plain words, for the operator. */
  commandError: string | null;
  view: View;
  /** Changes view at once: a form with unsaved changes keeps its draft (ui/useKeptDraft.tsx). */
  setView(view: View): void;
  /** Drafts of forms left with unsaved changes, by form title, to offer back on return. */
  keptDrafts: Readonly<Record<string, unknown>>;
  keepDraft(form: string, draft: unknown): void;
  /** The desk's site filter (its box sits in the header, the grid below reads it). */
  siteQuery: string;
  setSiteQuery(query: string): void;
  focusRequest: FocusRequest | null;
  focusSite(siteId: string, target?: FocusRequest['target']): void;
  /** Each site's last press raised from this screen (site id → press id). */
  ownPress: Readonly<Record<string, string>>;
  /** The operator chose "Later" on the first-run phone prompt (until the app restarts). */
  phonePromptSkipped: boolean;
  skipPhonePrompt(): void;
  connect(): () => void;
  /** Runs a command; never throws: a broken bridge becomes a failed result. */
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>>;
  /** Runs a command and shows its failure in the error banner; null when it failed. */
  act<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N> | null>;
  /** Raises a panic; the press as the desk recorded it, or null when the command failed. */
  trigger(siteId: string): Promise<Press | null>;
  dismissError(): void;
}

type SetState = StoreApi<PageStore>['setState'];
type GetState = StoreApi<PageStore>['getState'];

/** Which view is shown, leaving a view with unsaved changes, the site filter and focus requests. */
type Screen = Pick<
  PageStore,
  | 'view'
  | 'setView'
  | 'keptDrafts'
  | 'keepDraft'
  | 'siteQuery'
  | 'setSiteQuery'
  | 'focusRequest'
  | 'focusSite'
  | 'phonePromptSkipped'
  | 'skipPhonePrompt'
>;

function screen(set: SetState): Screen {
  return {
    view: 'desk',
    // Never blocked (issue 23 item 6): the way to the desk and its PANIC buttons is always open.
    setView: (view) => set({ view }),
    keptDrafts: {},
    keepDraft: (form, draft) =>
      set((s) => {
        const { [form]: _old, ...rest } = s.keptDrafts;
        return { keptDrafts: draft === undefined ? rest : { ...rest, [form]: draft } };
      }),
    siteQuery: '',
    setSiteQuery: (siteQuery) => set({ siteQuery }),
    focusRequest: null,
    focusSite: (siteId, target = 'card') =>
      set((s) => ({ view: 'desk', focusRequest: { siteId, target, seq: (s.focusRequest?.seq ?? 0) + 1 } })),
    phonePromptSkipped: false,
    skipPhonePrompt: () => set({ phonePromptSkipped: true }),
  };
}

/** The desk's mirrored state and the commands sent back through the bridge. */
type Mirror = Omit<PageStore, keyof Screen>;

function mirror(set: SetState, get: GetState): Mirror {
  const receive = (next: DeskState): void => {
    const { desk, activity } = get();
    const shared = desk ? shareEqual(desk, next) : next;
    set({ desk: shared, activity: shareEqual(activity, activityOf(shared)) });
  };
  return {
    desk: null,
    activity: {},
    commandError: null,
    ownPress: {},
    connect() {
      const off = getBridge().on('state.changed', receive);
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
      // Forget the previous press first: until this one is recorded, nothing may say "Sent".
      set((s) => {
        const { [siteId]: _previous, ...rest } = s.ownPress;
        return { ownPress: rest };
      });
      const press = await get().act('panic.trigger', { siteId });
      if (press) set((s) => ({ ownPress: { ...s.ownPress, [siteId]: press.id } }));
      return press;
    },
    dismissError: () => set({ commandError: null }),
  };
}

export const useDesk = create<PageStore>((set, get) => ({ ...screen(set), ...mirror(set, get) }));
