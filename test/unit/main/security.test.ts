// The judgement of `npm run security` (scripts/security-check.ts): warnings fail, notes pass only
// when docs/security-review.md covers their check and file, unparsable files fail, and npm audit
// fails on high or critical but reports an unreachable registry as "not checked".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, parseErrors, parseReview, parseSarif, readAudit } from '../../../scripts/security-check';

/** A SARIF report as electronegativity writes it. */
function sarif(results: Array<{ ruleId: string; level: string; uri: string; line?: number }>): string {
  return JSON.stringify({
    $schema: 'http://json.schemastore.org/sarif-2.1.0',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', rules: [] } },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          level: r.level,
          message: { text: `${r.ruleId} message` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.uri },
                region: { startLine: r.line ?? 1, startColumn: 1, charLength: 0 },
              },
            },
          ],
        })),
      },
    ],
  });
}

const REVIEW = [
  '# Review',
  '',
  '### `PRELOAD_JS_CHECK` in `electron/main/window.ts`',
  '',
  '```ts',
  'preload: options.preload,',
  '```',
  '',
  '**Why it is safe.** Only window.panicDesk is exposed.',
  '',
  '### `CSP_GLOBAL_CHECK` in `renderer/index.html`',
  '',
  'No code and no reason here: this heading covers nothing.',
].join('\n');

describe('security verdict', () => {
  it('reads findings with project-relative files and global findings as (global)', () => {
    const findings = parseSarif(
      sarif([
        { ruleId: 'PRELOAD_JS_CHECK', level: 'note', uri: 'electron/main/window.ts', line: 73 },
        { ruleId: 'LIMIT_NAVIGATION_GLOBAL_CHECK', level: 'warning', uri: 'file:///' },
      ]),
    );
    expect(findings.map((f) => [f.ruleId, f.level, f.file, f.line])).toEqual([
      ['PRELOAD_JS_CHECK', 'note', 'electron/main/window.ts', 73],
      ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'warning', '(global)', 1],
    ]);
  });

  it('counts a review only with code and a "Why it is safe" paragraph', () => {
    expect(parseReview(REVIEW)).toEqual([{ ruleId: 'PRELOAD_JS_CHECK', file: 'electron/main/window.ts' }]);
  });

  it('fails every warning, even one the review mentions', () => {
    const findings = parseSarif(
      sarif([{ ruleId: 'PRELOAD_JS_CHECK', level: 'warning', uri: 'electron/main/window.ts' }]),
    );
    expect(judge(findings, parseReview(REVIEW)).failed).toHaveLength(1);
  });

  it('passes a reviewed note, fails an unreviewed one or the same check in another file', () => {
    const findings = parseSarif(
      sarif([
        { ruleId: 'PRELOAD_JS_CHECK', level: 'note', uri: 'electron/main/window.ts', line: 99 },
        { ruleId: 'PRELOAD_JS_CHECK', level: 'note', uri: 'electron/main/other-window.ts' },
        { ruleId: 'CSP_GLOBAL_CHECK', level: 'note', uri: 'renderer/index.html' },
      ]),
    );
    const verdict = judge(findings, parseReview(REVIEW));
    expect(verdict.failed).toEqual([]);
    expect(verdict.reviewed.map((f) => f.file)).toEqual(['electron/main/window.ts']);
    expect(verdict.unreviewed.map((f) => `${f.ruleId} ${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK electron/main/other-window.ts',
      'CSP_GLOBAL_CHECK renderer/index.html',
    ]);
  });

  it('lists review sections no finding needs any more', () => {
    expect(judge([], parseReview(REVIEW)).stale).toEqual([
      { ruleId: 'PRELOAD_JS_CHECK', file: 'electron/main/window.ts' },
    ]);
  });

  it('notices files electronegativity could not parse', () => {
    const output =
      'Starting scan...\nError parsing /tmp/scan/out/main/index.js - Unknown node type ClassPrivateProperty.\n';
    expect(parseErrors(output)).toEqual(['/tmp/scan/out/main/index.js']);
  });

  it('covers the notes the app has today (docs/security-review.md is well formed)', () => {
    const review = parseReview(readFileSync(join(__dirname, '../../../docs/security-review.md'), 'utf8'));
    expect(review).toEqual(
      expect.arrayContaining([
        { ruleId: 'PRELOAD_JS_CHECK', file: 'electron/main/window.ts' },
        { ruleId: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html' },
        { ruleId: 'CSP_GLOBAL_CHECK', file: 'out/renderer/index.html' },
        { ruleId: 'ELECTRON_VERSION_JSON_CHECK', file: 'package.json' },
      ]),
    );
  });
});

describe('npm audit verdict', () => {
  const report = (counts: Record<string, number>) =>
    JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: counts } });

  it('passes with nothing above moderate', () => {
    expect(readAudit(report({ info: 0, low: 2, moderate: 1, high: 0, critical: 0, total: 3 }), 1, false).kind).toBe(
      'ok',
    );
  });

  it('fails on high or critical', () => {
    expect(readAudit(report({ high: 1, critical: 0 }), 1, false)).toMatchObject({ kind: 'vulnerable', high: 1 });
    expect(readAudit(report({ high: 0, critical: 2 }), 1, false)).toMatchObject({ kind: 'vulnerable', critical: 2 });
  });

  it('reports an unreachable audit endpoint or a timeout as not checked', () => {
    const refused = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    });
    expect(readAudit(refused, 1, false)).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/405/) });
    expect(readAudit('', null, true)).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/in time/) });
    expect(readAudit('npm error', 1, false).kind).toBe('unavailable');
  });
});
