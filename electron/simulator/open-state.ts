// The simulator's world at start: restored from `stateFile` when there is one (an unreadable file
// is moved aside and reported), and saved after every change.
import { loadWorld, saveWorld } from './persist';
import type { SimulatorOptions } from './sim-types';
import { SimulatorState } from './state';

export function openState(options: SimulatorOptions, now: () => number, log: (line: string) => void): SimulatorState {
  const loaded = options.stateFile ? loadWorld(options.stateFile) : ({ kind: 'missing' } as const);
  if (loaded.kind === 'invalid') log(`simulator: state file unreadable (${loaded.reason}); moved to ${loaded.movedTo}`);
  const state = new SimulatorState({
    shape: options.shape ?? 'b',
    now,
    statusStrings: options.statusStrings,
    dedupeActive: options.dedupeActive,
    lifecycleEvents: options.lifecycleEvents,
    world: loaded.kind === 'loaded' ? loaded.world : null,
  });
  if (options.autoplay !== undefined || options.autoplayTimings) {
    state.setAutoplay({ on: options.autoplay, timings: options.autoplayTimings });
  }
  const stateFile = options.stateFile;
  if (stateFile) {
    const save = (): void => {
      try {
        saveWorld(stateFile, state.toJSON());
      } catch (error) {
        log(`simulator: cannot save state: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    state.onChange(save);
    save();
  }
  return state;
}
