// `npm run aura:check`: the conformance check against a real AURA server (issue 11 item 3), for
// the integrator who holds Staging credentials. It walks AURA's Property Protect quickstart with
// the desk's own client and writes a report (Markdown + JSON) of every answer's shape against the
// documented ones. The secret comes from the keychain entry the desk uses, or from standard input
// (trimmed); never from a flag, never printed, never written to the report.
//
//   npm run aura:check -- --env staging --client-id ID [--register] [--raise] [--site REF]
//   printf %s "$SECRET" | npm run aura:check -- --base-url https://…/panic-api/v2 --client-id ID
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { baseUrlFor, BaseUrlError, FIXED_BASE_URLS } from '../electron/core/aura/environments';
import { accountFor } from '../electron/core/connection/keychain-account';
import { nodeNetwork } from '../electron/core/aura/node-fetch';
import { closeOutNote, renderReport } from '../electron/core/conformance/report';
import { RefusedError, runCheck, type CheckResult } from '../electron/core/conformance/walk';
import { createKeychainVault } from '../electron/main/keychain';
import type { Environment } from '../electron/shared/model/connection';

const USAGE = `usage: npm run aura:check -- (--env staging|production | --base-url URL) --client-id ID
         [--register] [--raise] [--site REF] [--response-type-id N] [--poll-seconds 30] [--out DIR]
         [--ca-file PEM]   (HTTPS_PROXY, HTTP_PROXY and NO_PROXY are followed)
  The client secret is read from the keychain entry Panic Desk uses, or from standard input:
    printf %s "$SECRET" | npm run aura:check -- --env staging --client-id ID
  --raise (Staging or Custom only) raises a callout on the test location (--register) or --site;
  a server speaking Set A requires --response-type-id (ask AURA which id applies).`;

function fail(message: string, code = 2): never {
  console.error(`aura:check: ${message}`);
  process.exit(code);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The secret typed at a terminal, echoing nothing. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolvePrompt, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (key: string): void => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolvePrompt(typed.trim());
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          return reject(new Error('cancelled'));
        }
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function secretFor(environment: Environment, baseUrl: string, clientId: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const piped = await readStdin();
    if (piped) return piped;
  }
  const account = accountFor(environment, baseUrl, clientId);
  try {
    const stored = await createKeychainVault().getSecret(account);
    if (stored) return stored;
    console.error(`aura:check: no secret in the keychain for ${account}`);
  } catch (error) {
    console.error(
      `aura:check: the keychain cannot be used (${error instanceof Error ? error.message.split('.')[0] : 'error'})`,
    );
  }
  if (process.stdin.isTTY) return promptHidden('AURA client secret (not shown): ');
  return fail('no client secret: pipe it on standard input, or save it in Panic Desk Setup first');
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        env: { type: 'string' },
        'base-url': { type: 'string' },
        'client-id': { type: 'string' },
        register: { type: 'boolean', default: false },
        raise: { type: 'boolean', default: false },
        site: { type: 'string' },
        'response-type-id': { type: 'string' },
        'poll-seconds': { type: 'string', default: '30' },
        'ca-file': { type: 'string' },
        out: { type: 'string', default: 'aura-check-report' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) return void console.log(USAGE);
  const clientId = values['client-id']?.trim();
  if (!clientId) return fail(`--client-id is required\n${USAGE}`);
  const pollSeconds = Number(values['poll-seconds']);
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0 || pollSeconds > 3600)
    return fail('--poll-seconds is 0 to 3600');

  const responseTypeText = values['response-type-id'];
  const responseTypeId = responseTypeText === undefined ? undefined : Number(responseTypeText);
  if (responseTypeId !== undefined && !(Number.isInteger(responseTypeId) && responseTypeId > 0)) {
    return fail('--response-type-id is a whole number above 0');
  }
  let environment: Environment;
  let baseUrl: string;
  try {
    if (values['base-url']) {
      baseUrl = baseUrlFor('custom', values['base-url']) ?? '';
      const fixed = Object.entries(FIXED_BASE_URLS).find(([, url]) => url === baseUrl);
      environment = (fixed?.[0] as Environment | undefined) ?? 'custom';
    } else if (values.env === 'staging' || values.env === 'production') {
      environment = values.env;
      baseUrl = FIXED_BASE_URLS[values.env];
    } else {
      return fail(`give --env staging|production or --base-url URL\n${USAGE}`);
    }
  } catch (error) {
    return fail(error instanceof BaseUrlError ? error.message : String(error));
  }
  if ((values.raise || values.register) && environment === 'production') {
    return fail('--raise and --register are refused for Production: use --env staging or a Custom --base-url');
  }

  const secret = await secretFor(environment, baseUrl, clientId);
  if (!secret) return fail('the client secret is empty');
  // HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl reads them; --ca-file adds a trusted root.
  const network = nodeNetwork({ env: process.env, caFile: values['ca-file'] ?? process.env.PANIC_DESK_CA_FILE });
  let outcome;
  try {
    outcome = await runCheck({
      fetch: network.fetch,
      baseUrl,
      clientId,
      environment,
      getSecret: async () => secret,
      register: values.register,
      raise: values.raise,
      site: values.site ?? null,
      raiseBody: responseTypeId === undefined ? {} : { responseTypeId },
      pollSeconds,
    });
  } catch (error) {
    if (error instanceof RefusedError) return fail(error.message);
    throw error;
  } finally {
    await network.close();
  }
  const report = renderReport(outcome.result, outcome.redactor);
  const dir = resolve(values.out);
  mkdirSync(dir, { recursive: true });
  const stamp = outcome.result.startedAt.replace(/[:.]/g, '-');
  const md = join(dir, `aura-check-${stamp}.md`);
  const json = join(dir, `aura-check-${stamp}.json`);
  writeFileSync(md, report.markdown);
  writeFileSync(json, report.json);
  console.log(report.summary);
  const close = closeOutNote(outcome.result);
  if (close) console.log(`\n${close}`);
  const hint = responseTypeHint(outcome.result, responseTypeId);
  if (hint) console.log(`\n${hint}`);
  console.log(`\nReport: ${md}\n        ${json}`);
  process.exitCode = outcome.result.passed ? 0 : 1;
}

/**
 * A Set A server refuses a raise without `responseTypeId`; its own message names the field but
 * not this script's flag, so the integrator is told which flag to add.
 */
function responseTypeHint(result: CheckResult, responseTypeId: number | undefined): string | null {
  if (result.passed || responseTypeId !== undefined) return null;
  const refused = result.steps.some((s) => !s.ok && /responseTypeId/i.test(s.outcome));
  return refused
    ? 'This server asks for a response type on a raise (AURA doc Set A): run again with ' +
        '--response-type-id N (ask AURA which id applies).'
    : null;
}

void main();
