// Crashes are never silent. In main: an uncaught exception is logged (through the redacting
// diagnostics log), written down for the next start, the global hotkey is released (a dead desk
// must not look alive: a hotkey that raises nothing would), and the app relaunches; the next
// start tells the operator what happened. An unhandled rejection is logged. A renderer that dies
// is logged, reloaded and the operator told; a helper process that dies (GPU, network, utility)
// is logged. Three fatal errors within two minutes stop the relaunching: a crash loop would
// otherwise hide behind a desk that keeps reappearing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { redactKnown } from '../core/diagnostics/redact';
import type { Logger } from '../core/ports';
import type { ShellApp, ShellWindow } from './shell-api';

const MARKER = 'last-crash.json';
const LOOP_MS = 120_000;
const LOOP_COUNT = 3;

const MarkerSchema = z.object({
  at: z.number(),
  what: z.string(),
  count: z.number().int().positive(),
  /** The next start has told the operator (kept, so that a crash loop is still counted). */
  told: z.boolean().default(false),
});
type Marker = z.infer<typeof MarkerSchema>;

/** Just the events this listens to (Node's `process` fits; the tests pass an EventEmitter). */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface CrashCaptureDeps {
  log: Logger;
  /** Where the marker for the next start is written (the app's data folder). */
  dataDir: string;
  /** The desk's window, once there is one. */
  window(): ShellWindow | null;
  /** Releases the global hotkey. */
  releaseHotkey(): void;
  /** Tells the operator (a system notification). */
  tell(title: string, body: string): void;
  now?: () => number;
}

function readMarker(dataDir: string): Marker | null {
  try {
    const parsed = MarkerSchema.safeParse(JSON.parse(readFileSync(join(dataDir, MARKER), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const words = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : `non-error value ${String(error)}`;

/** Installs the handlers; returns nothing to undo (they live as long as the process). */
export function installCrashCapture(app: ShellApp, proc: ProcessEvents, deps: CrashCaptureDeps): void {
  const now = deps.now ?? Date.now;
  proc.on('uncaughtException', (error) => {
    deps.log.error(`fatal: uncaught exception in main: ${words(error)} ${error.stack?.split('\n')[1]?.trim() ?? ''}`);
    const before = readMarker(deps.dataDir);
    const count = before && now() - before.at < LOOP_MS ? before.count + 1 : 1;
    try {
      const marker: Marker = { at: now(), what: redactKnown(words(error)), count, told: false };
      writeFileSync(join(deps.dataDir, MARKER), JSON.stringify(marker), { mode: 0o600 });
    } catch {
      // the log line above is what is left
    }
    deps.releaseHotkey();
    if (count < LOOP_COUNT) app.relaunch();
    else deps.log.error(`fatal: ${count} crashes within ${LOOP_MS / 1000} s: not relaunching`);
    app.exit(1);
  });
  proc.on('unhandledRejection', (reason) => deps.log.error(`unhandled rejection in main: ${words(reason)}`));
  app.on('render-process-gone', (_event, contents, details) => {
    deps.log.error(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    const win = deps.window();
    if (!win || win.isDestroyed() || contents !== win.webContents || details.reason === 'clean-exit') return;
    win.webContents.reload();
    deps.tell(
      'Panic Desk: the screen was restarted',
      'It stopped unexpectedly and was reloaded. The desk kept running.',
    );
  });
  app.on('child-process-gone', (_event, details) => {
    deps.log.warn(
      `${details.type} process gone: ${details.reason} (exit code ${details.exitCode})${details.name ? ` ${details.name}` : ''}`,
    );
  });
}

/**
 * What the last run's fatal error was, in words for the operator (then forgotten), or null. The
 * desk shows it as a notice at start; the diagnostics log keeps the details.
 */
export function takeLastCrash(dataDir: string): string | null {
  const marker = readMarker(dataDir);
  if (!marker || marker.told) return null;
  try {
    writeFileSync(join(dataDir, MARKER), JSON.stringify({ ...marker, told: true }), { mode: 0o600 });
  } catch {
    return null; // a marker that cannot be marked told would be shown at every start
  }
  const at = new Date(marker.at).toISOString().replace('T', ' ').slice(0, 16);
  return `Panic Desk stopped unexpectedly at ${at} UTC and was restarted (${marker.what}). Check that recent panics reached AURA; the details are in the diagnostics log.`;
}
