// End-to-end specs run against the web harness (Debian Chromium, same core and renderer as the
// app) by default, or against the real Electron app with E2E_HOST=electron where its binary exists.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.PANIC_DESK_PORT ?? 5178);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dataDir = mkdtempSync(join(tmpdir(), 'panic-desk-e2e-'));
// The harness answers only its own page with this run's token. Drawn once in the runner's
// process (the config is loaded again in each worker, which inherits it from the environment);
// test/e2e/fixtures.ts adds it to page.goto and to the `request` fixture, so specs never see it.
process.env.PANIC_DESK_HARNESS_TOKEN ||= randomBytes(24).toString('base64url');
const harnessToken = process.env.PANIC_DESK_HARNESS_TOKEN;
// The real app needs no harness: test/e2e/fixtures.ts launches it (see README, "End-to-end tests
// against the real app").
const electronHost = process.env.E2E_HOST === 'electron';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 860 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: electronHost
    ? undefined
    : {
        command: 'npx tsx test/harness/server.ts',
        url: `http://127.0.0.1:${port}/?token=${harnessToken}`,
        reuseExistingServer: false,
        timeout: 60_000,
        env: { PANIC_DESK_PORT: String(port), PANIC_DESK_DATA_DIR: dataDir, PANIC_DESK_HARNESS_TOKEN: harnessToken },
        stdout: 'pipe',
      },
});
