// The judgement of `npm run security`, kept pure so that it is unit-tested
// (test/unit/main/security.test.ts): what an electronegativity SARIF report and an `npm audit`
// report mean for the build, given the human review in docs/security-review.md.
import { z } from 'zod';

export interface Finding {
  ruleId: string;
  /** SARIF level: electronegativity writes `warning`, or `note` for checks that ask for review. */
  level: string;
  /** Project-relative path, or "(global)" for whole-app findings. */
  file: string;
  line: number | null;
  message: string;
}

const SarifSchema = z.object({
  runs: z.array(
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string(),
          level: z.string().default('warning'),
          message: z.object({ text: z.string() }).partial().default({}),
          locations: z
            .array(
              z.object({
                physicalLocation: z
                  .object({
                    artifactLocation: z.object({ uri: z.string() }).partial().default({}),
                    region: z.object({ startLine: z.number() }).partial().default({}),
                  })
                  .partial()
                  .default({}),
              }),
            )
            .default([]),
        }),
      ),
    }),
  ),
});

/** Global findings carry no real file ("N/A" or the root URI). */
function fileOf(uri: string | undefined): string {
  if (!uri || uri === 'N/A' || uri === 'file:///') return '(global)';
  return uri.replace(/^file:\/\//, '').replace(/^\.\//, '');
}

export function parseSarif(text: string): Finding[] {
  const sarif = SarifSchema.parse(JSON.parse(text));
  return sarif.runs.flatMap((run) =>
    run.results.map((r) => {
      const physical = r.locations[0]?.physicalLocation;
      return {
        ruleId: r.ruleId,
        level: r.level,
        file: fileOf(physical?.artifactLocation?.uri),
        line: physical?.region?.startLine ?? null,
        message: r.message.text ?? '',
      };
    }),
  );
}

export interface ReviewEntry {
  ruleId: string;
  file: string;
}

/**
 * The notes docs/security-review.md covers: every heading of the form
 *   ### `CHECK_ID` in `path/to/file`
 * followed by the reviewed code and why it is safe (a heading with an empty section counts for nothing).
 */
export function parseReview(markdown: string): ReviewEntry[] {
  const entries: ReviewEntry[] = [];
  const sections = markdown.split(/^(?=### )/m);
  for (const section of sections) {
    const match = /^### `([A-Z0-9_]+)` in `([^`]+)`[^\n]*\n([\s\S]*)$/.exec(section);
    if (!match?.[1] || !match[2]) continue;
    const body = match[3] ?? '';
    const hasCode = /```[\s\S]+?```/.test(body);
    const hasWhy = /\*\*Why it is safe[.:]?\*\*/.test(body);
    if (hasCode && hasWhy) entries.push({ ruleId: match[1], file: match[2] });
  }
  return entries;
}

export interface Verdict {
  failed: Finding[];
  reviewed: Finding[];
  unreviewed: Finding[];
  /** Review entries that no finding needs any more (worth deleting, not a failure). */
  stale: ReviewEntry[];
}

const covers = (entry: ReviewEntry, finding: Finding): boolean =>
  entry.ruleId === finding.ruleId && entry.file === finding.file;

/** Warnings (and anything above) fail; notes pass only when the review covers check and file. */
export function judge(findings: Finding[], review: ReviewEntry[]): Verdict {
  const failed = findings.filter((f) => f.level !== 'note' && f.level !== 'none');
  const notes = findings.filter((f) => f.level === 'note');
  const reviewed = notes.filter((f) => review.some((entry) => covers(entry, f)));
  const unreviewed = notes.filter((f) => !review.some((entry) => covers(entry, f)));
  const stale = review.filter((entry) => !notes.some((f) => covers(entry, f)));
  return { failed, reviewed, unreviewed, stale };
}

/** Files electronegativity reported it could not parse (a file it cannot read is a file not checked). */
export function parseErrors(output: string): string[] {
  return [...output.matchAll(/Error parsing (\S+)/g)].map((m) => m[1] ?? '');
}

export type AuditResult =
  | { kind: 'ok'; counts: Record<string, number> }
  | { kind: 'vulnerable'; counts: Record<string, number>; high: number; critical: number }
  | { kind: 'unavailable'; reason: string };

const AuditReportSchema = z.object({
  metadata: z.object({
    vulnerabilities: z.record(z.string(), z.number()),
  }),
});
const AuditErrorSchema = z.object({
  error: z.object({ summary: z.string().optional(), detail: z.string().optional() }).optional(),
  message: z.string().optional(),
  statusCode: z.number().optional(),
});

/** Reads `npm audit --json`: counts by severity, or why the registry could not answer. */
export function readAudit(stdout: string, exitCode: number | null, timedOut: boolean): AuditResult {
  if (timedOut) return { kind: 'unavailable', reason: 'npm audit did not answer in time' };
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { kind: 'unavailable', reason: `npm audit gave no report (exit code ${String(exitCode)})` };
  }
  const report = AuditReportSchema.safeParse(json);
  if (report.success) {
    const counts = report.data.metadata.vulnerabilities;
    const high = counts.high ?? 0;
    const critical = counts.critical ?? 0;
    return high + critical > 0 ? { kind: 'vulnerable', counts, high, critical } : { kind: 'ok', counts };
  }
  const error = AuditErrorSchema.safeParse(json);
  const said = error.success
    ? (error.data.message ?? error.data.error?.summary ?? error.data.error?.detail ?? '')
    : 'an unexpected report';
  return { kind: 'unavailable', reason: `the registry's audit endpoint did not answer: ${said.slice(0, 200)}` };
}
