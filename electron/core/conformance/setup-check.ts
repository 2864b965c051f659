// Setup's "Run full check" (issue 11 item 4): the read-only part of the conformance walk (token,
// Fixed Locations, active callouts, and the first active callout read back with its events) for
// the credentials in the form, or the saved secret when the form's is empty. Nothing is saved,
// raised or registered; the report comes back to the screen with the secret and tokens redacted.
import { baseUrlFor, BaseUrlError } from '../aura/environments';
import { accountFor } from '../connection/keychain-account';
import type { CredentialVault } from '../ports';
import { renderReport } from './report';
import { runCheck } from './walk';

export interface SetupCheckInput {
  environment: 'staging' | 'custom';
  baseUrl: string | null;
  clientId: string;
  clientSecret: string;
}

export interface SetupCheckResult {
  passed: boolean;
  summary: string;
  markdown: string;
}

/** Thrown for a form that cannot be checked; its message is for the operator. */
export class SetupCheckError extends Error {}

export async function runSetupCheck(
  input: SetupCheckInput,
  vault: CredentialVault,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<SetupCheckResult> {
  const clientId = input.clientId.trim();
  if (!clientId) throw new SetupCheckError('Enter the AURA client ID');
  let baseUrl: string;
  try {
    baseUrl = baseUrlFor(input.environment, input.baseUrl) ?? '';
  } catch (error) {
    if (error instanceof BaseUrlError) throw new SetupCheckError(error.message);
    throw error;
  }
  const secret = input.clientSecret || (await vault.getSecret(accountFor(input.environment, baseUrl, clientId)));
  if (!secret) throw new SetupCheckError('Enter the AURA client secret (none is saved for this client ID)');
  const { result, redactor } = await runCheck({
    baseUrl,
    clientId,
    environment: input.environment,
    getSecret: async () => secret,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const report = renderReport(result, redactor);
  return { passed: result.passed, summary: report.summary, markdown: report.markdown };
}
