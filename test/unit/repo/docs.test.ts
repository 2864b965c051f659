// What a standalone clone needs to read and run: every relative link in README.md and docs/
// points at a file inside the repository (no ../shared/…), and package.json's `engines` asks for
// the Node the tooling declares (Electron 45's package: node >= 22.12), while README names the Node
// CI runs on (.ci/run) and why.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('links in README.md and docs/', () => {
  it.each(DOCS)('%s links only to files in the repository', (doc) => {
    const broken: string[] = [];
    for (const [, target] of read(doc).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (!target || /^[a-z]+:/i.test(target)) continue; // https:, mailto:
      const path = resolve(ROOT, dirname(doc), target);
      if (relative(ROOT, path).startsWith('..') || !existsSync(path)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});

describe('which Node', () => {
  it('engines asks for what Electron’s package declares, and README says so and names CI’s Node', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const electron = (JSON.parse(read('node_modules/electron/package.json')) as { engines: { node: string } }).engines
      .node;
    const version = (range: string) => /(\d+\.\d+)/.exec(range)?.[1];
    expect(version(engines)).toBe(version(electron));
    const readme = read('README.md');
    expect(readme).toContain(`Node ${version(electron)} or later`);
    expect(readme).toMatch(/Which Node CI uses: Node 20/);
    expect(read('.ci/run')).toMatch(/Node 20/);
  });
});
