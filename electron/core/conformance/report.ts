// The conformance report, as Markdown (for a person) and JSON (for us, to learn the real shapes),
// with a one-paragraph summary on top. Every text passes the walk's redactor last: the secret and
// every token seen are replaced by [redacted], whatever a server echoed.
import type { Redactor } from '../diagnostics/redact';
import type { AnswerReport } from './answers';
import type { CheckResult } from './walk';

export interface RenderedReport {
  summary: string;
  markdown: string;
  json: string;
}

const list = (xs: string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

function allAnswers(result: CheckResult): AnswerReport[] {
  return result.steps.flatMap((s) => s.answers);
}

/** Doc sets matched, counted: e.g. `B ×4, A/B ×2, none ×1`. */
function matchedCounts(answers: AnswerReport[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    for (const v of [a.verdict, a.inner]) {
      if (!v) continue;
      const key = v.matched ?? `none (closest ${v.closest})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ') || 'no answers to compare';
}

function fieldsOf(answers: AnswerReport[], pick: (a: AnswerReport) => string[]): string[] {
  return [...new Set(answers.flatMap(pick))];
}

export function closeOutNote(result: CheckResult): string | null {
  if (result.testCalloutId === null) return null;
  return (
    `Close the test callout ${result.testCalloutId} now: in the AURA portal, open the Responder Simulator, ` +
    'switch it to Staging mode, enter the calloutId and step it through to closed (staging never closes a callout on its own).'
  );
}

export function summarise(result: CheckResult): string {
  const answers = allAnswers(result);
  const latencies = answers.map((a) => a.latencyMs).sort((x, y) => x - y);
  const median = latencies[Math.floor((latencies.length - 1) / 2)] ?? 0;
  const failed = result.steps.filter((s) => !s.ok).map((s) => s.title);
  const verdictFields = (a: AnswerReport, f: 'unknownFields' | 'missingFields' | 'typeMismatches'): string[] => [
    ...(a.verdict?.[f] ?? []),
    ...(a.inner?.[f] ?? []),
  ];
  const parts = [
    `${result.passed ? 'PASSED' : 'FAILED'}: ${result.steps.length} steps, ${answers.length} answers in ${(result.durationMs / 1000).toFixed(1)} s` +
      (failed.length ? `; failed: ${failed.join('; ')}` : ''),
    `doc set matched per object: ${matchedCounts(answers)}`,
    `unknown fields: ${list(fieldsOf(answers, (a) => verdictFields(a, 'unknownFields')))}`,
    `missing fields: ${list(fieldsOf(answers, (a) => verdictFields(a, 'missingFields')))}`,
    `type differences: ${list(fieldsOf(answers, (a) => verdictFields(a, 'typeMismatches')))}`,
    `status strings seen: ${list(fieldsOf(answers, (a) => a.statusStrings.map((s) => `"${s}"`)))}`,
    `latency median ${median} ms, max ${latencies.at(-1) ?? 0} ms`,
  ];
  return `${parts.join('; ')}.`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function answerRow(a: AnswerReport): string {
  const v = a.verdict;
  const shape = a.envelope ? `${a.kind} (${a.envelope}${a.items === null ? '' : `, ${a.items} items`})` : a.kind;
  const matched = v ? (v.matched ?? `none (closest ${v.closest})`) : '—';
  const inner = a.inner ? `; callout: ${a.inner.matched ?? `none (closest ${a.inner.closest})`}` : '';
  const fields = (f: 'unknownFields' | 'missingFields' | 'typeMismatches'): string =>
    list([...(v?.[f] ?? []), ...(a.inner?.[f] ?? []).map((x) => `callout.${x}`)]);
  return `| ${cell(`${a.method} ${a.path}`)} | ${a.status ?? cell(a.error ?? 'no answer')} | ${a.latencyMs} ms | ${cell(shape)} | ${cell(matched + inner)} | ${cell(fields('unknownFields'))} | ${cell(fields('missingFields'))} | ${cell(fields('typeMismatches'))} | ${cell(list(a.statusStrings))} | ${cell(a.message ?? '')} |`;
}

export function renderReport(result: CheckResult, redactor: Redactor): RenderedReport {
  const summary = summarise(result);
  const lines = [
    '# AURA conformance check',
    '',
    `- Base URL: ${result.baseUrl}`,
    `- Environment: ${result.environment}`,
    `- Client ID: ${result.clientId}`,
    `- Started: ${result.startedAt}, took ${(result.durationMs / 1000).toFixed(1)} s`,
    '',
    '## Summary',
    '',
    summary,
    '',
  ];
  const close = closeOutNote(result);
  if (close) lines.push(`**${close}**`, '');
  lines.push('## Steps', '');
  result.steps.forEach((s, i) => {
    lines.push(`### ${i + 1}. ${s.title}: ${s.ok ? 'ok' : 'FAILED'}`, '', s.outcome, '');
    if (s.answers.length === 0) return;
    lines.push(
      '| Request | Status | Latency | Answer | Doc set matched | Unknown fields | Missing fields | Type differences | Status strings | Message |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...s.answers.map(answerRow),
      '',
    );
  });
  lines.push(
    'Shapes are compared with shared/aura-api.md (Set A, Set B) and AURA’s Property Protect quickstart. ' +
      'Only key names, JSON types, status strings and messages are kept; secrets and tokens are redacted.',
    '',
  );
  const json = JSON.stringify({ summary, closeOut: close, ...result }, null, 2);
  return {
    summary: redactor.redact(summary),
    markdown: redactor.redact(lines.join('\n')),
    json: redactor.redact(json),
  };
}
