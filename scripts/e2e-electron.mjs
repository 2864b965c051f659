#!/usr/bin/env node
// `npm run test:e2e:electron [-- <playwright args>]`: the end-to-end specs against the real app.
// Builds, then runs Playwright with E2E_HOST=electron; on Linux without a display, under
// `xvfb-run -a` (Debian: apt-get install xvfb). Needs the Electron binary (see README).
/* global console, process */
import { spawnSync } from 'node:child_process';

const win = process.platform === 'win32';
const run = (command, args, env = process.env) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env, shell: win });
  if (result.error) {
    console.error(`${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(win ? 'npm.cmd' : 'npm', ['run', 'build']);
const playwright = [win ? 'npx.cmd' : 'npx', 'playwright', 'test', ...process.argv.slice(2)];
const env = { ...process.env, E2E_HOST: 'electron' };
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless) run('xvfb-run', ['-a', ...playwright], env);
else run(playwright[0], playwright.slice(1), env);
