// A throwaway Secret Service for keychain tests: a private D-Bus session (dbus-run-session) with an
// unlocked gnome-keyring whose files live in a temporary folder, so the machine's keyring is never
// touched. (The same recipe as test/integration/keychain.test.ts, shared for new tests.)
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Why a keychain test cannot run here, or '' when it can. */
export function secretServiceMissing(): string {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !has(tool));
  return missing.length ? `needs ${missing.join(' and ')} (Debian: apt-get install dbus gnome-keyring)` : '';
}

export interface SecretService {
  /** The keyring's home (its files are under it). */
  home: string;
  busAddress: string;
  stop(): Promise<void>;
}

export function startSecretService(): Promise<SecretService> {
  const home = mkdtempSync(join(tmpdir(), 'panic-desk-keyring-'));
  const runtime = join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  // The shell prints the bus address, then waits on stdin: closing stdin ends the session.
  const script =
    'printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null' +
    ' && echo "BUS=$DBUS_SESSION_BUS_ADDRESS" && cat >/dev/null';
  const child: ChildProcessWithoutNullStreams = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: runtime,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.stdin.end();
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /BUS=(\S+)/.exec(out);
      if (match?.[1]) resolve({ home, busAddress: match[1], stop });
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the D-Bus session ended early (${code}): ${err.slice(0, 500)}`)));
  });
}
