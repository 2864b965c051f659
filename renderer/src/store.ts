// The renderer's mirror of the desk: main pushes `state.changed`, this store keeps the latest,
// React draws from it. Commands go back through the bridge; their errors are shown, never thrown.
import { create } from 'zustand';
import type { TrainingStep } from '../../electron/shared/contract';
import type { DeskState } from '../../electron/shared/model';
import { getBridge } from './bridge';

interface DeskStore {
  desk: DeskState | null;
  /** The last command failure, in plain words, for the operator. */
  commandError: string | null;
  connect(): () => void;
  trigger(siteId: string): Promise<void>;
  advance(calloutId: string, step: TrainingStep): Promise<void>;
  dismissError(): void;
}

export const useDesk = create<DeskStore>((set) => ({
  desk: null,
  commandError: null,
  connect() {
    const bridge = getBridge();
    const off = bridge.on('state.changed', (desk) => set({ desk }));
    void bridge.invoke('state.get', {}).then((result) => {
      if (result.ok) set({ desk: result.value });
      else set({ commandError: result.error.message });
    });
    return off;
  },
  async trigger(siteId) {
    const result = await getBridge().invoke('panic.trigger', { siteId });
    if (!result.ok) set({ commandError: result.error.message });
  },
  async advance(calloutId, step) {
    const result = await getBridge().invoke('training.advance', { calloutId, step });
    if (!result.ok) set({ commandError: result.error.message });
  },
  dismissError: () => set({ commandError: null }),
}));
