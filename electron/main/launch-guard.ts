// What a packaged app refuses from the way it was started (issue 21 findings 2 and 6): a
// same-user process must not get the Chrome DevTools Protocol on the page (no fuse covers the
// remote-debugging switches), nor weaken TLS to AURA, through switches or environment variables.
// Development runs keep them all: they are how a developer debugs.

/** Chromium switches that hand the page to another process or weaken TLS. */
const REFUSED_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'ignore-certificate-errors',
  'ignore-certificate-errors-spki-list',
  'ssl-key-log-file',
];

/**
 * The first refused switch on the command line, or null. Chromium reads `--name`, `-name` and
 * (on Windows) `/name`, with or without `=value`, and compares names without regard to case on
 * Windows.
 */
export function refusedSwitch(argv: readonly string[], platform: NodeJS.Platform): string | null {
  for (const arg of argv) {
    const match = (platform === 'win32' ? /^(?:--?|\/)([^=]+)/ : /^--?([^=]+)/).exec(arg);
    if (!match?.[1]) continue;
    const name = platform === 'win32' ? match[1].toLowerCase() : match[1];
    if (REFUSED_SWITCHES.includes(name)) return `--${name}`;
  }
  return null;
}

/**
 * Environment variables that would weaken TLS to AURA: `NODE_TLS_REJECT_UNAUTHORIZED=0` turns
 * certificate checks off, `NODE_EXTRA_CA_CERTS` adds a root the operator chose, `SSLKEYLOGFILE`
 * writes the session keys to a file. Node reads `NODE_TLS_*` at each connection, so removing it
 * here is enough; it reads `NODE_EXTRA_CA_CERTS` once at start, so a process started with it must
 * start again without it (`mustRestart`).
 */
export function isTlsWeakening(name: string): boolean {
  return /^NODE_TLS_/i.test(name) || /^(NODE_EXTRA_CA_CERTS|SSLKEYLOGFILE)$/i.test(name);
}

/** Removes the TLS-weakening variables from `env`; returns their names (never their values). */
export function stripTlsEnvironment(env: NodeJS.ProcessEnv): { removed: string[]; mustRestart: boolean } {
  const removed = Object.keys(env).filter(isTlsWeakening);
  for (const name of removed) delete env[name];
  return { removed, mustRestart: removed.some((name) => /^NODE_EXTRA_CA_CERTS$/i.test(name)) };
}
