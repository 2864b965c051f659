// `npm run bench`: every bench section, one after the other (each prints its own figures and
// ends with a `bench <name>: key=value …` line). Add a section by adding a line to SECTIONS.
import { runAuraBench } from './aura';
import { runDispatchBench } from './dispatch';
import { runPollingBench } from './polling';
import { runFleetBench } from './fleet';
import { runUiBench } from './ui';
import { runHistoryBench } from './history';

const SECTIONS: Array<[name: string, run: () => Promise<unknown>]> = [
  ['aura', () => runAuraBench()],
  ['dispatch', () => runDispatchBench()],
  ['polling', () => runPollingBench()],
  ['ui', () => runUiBench()],
  ['fleet', () => runFleetBench()],
  ['history', () => runHistoryBench()],
];

async function main(): Promise<void> {
  for (const [name, run] of SECTIONS) {
    try {
      await run();
    } catch (error) {
      console.error(`bench ${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}

void main();
