// The AURA environments in words, written once for everyone who names them: the readiness line
// (core/readiness.ts) and Setup's choice of environment (renderer). Free of zod, like stages.ts.
import type { Environment } from './model/connection';

interface EnvironmentWords {
  /** Setup's radio button and "Saved and verified: AURA <label> …". */
  label: string;
  /** Setup's line under the radio button. */
  hint: string;
  /** What the readiness line calls the environment ("AURA Staging is not answering…"). */
  name: string;
}

export const ENVIRONMENT_WORDS: Record<Environment, EnvironmentWords> = {
  training: {
    label: 'Training',
    hint: 'The built-in simulator. No responders are dispatched.',
    name: 'AURA Training (simulator)',
  },
  staging: { label: 'Staging', hint: 'AURA’s test system, for trying the integration.', name: 'AURA Staging' },
  production: { label: 'Production', hint: 'Live AURA: real responders are dispatched.', name: 'AURA Production' },
  custom: { label: 'Custom', hint: 'Another AURA address, given by AURA.', name: 'AURA (custom URL)' },
};

/** The readiness line's name for each environment. */
export const ENVIRONMENT_NAMES: Record<Environment, string> = {
  training: ENVIRONMENT_WORDS.training.name,
  staging: ENVIRONMENT_WORDS.staging.name,
  production: ENVIRONMENT_WORDS.production.name,
  custom: ENVIRONMENT_WORDS.custom.name,
};

/** AURA's production host: a Custom URL on it sends real responders as Production does. */
export const PRODUCTION_HOST = 'panic.aura.services';

/** What the desk's banner says about where a press goes (issue 23 item 4). */
export type DeskKind = 'training' | 'live' | 'staging' | 'custom';

/** The host of a URL as AURA would be reached: lower case, without a trailing dot; null when unreadable. */
export function normalisedHost(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Production, or a Custom URL whose normalised host is AURA's production host, is live. */
export function deskKind(environment: Environment, baseUrl: string | null): DeskKind {
  if (environment === 'production') return 'live';
  if (environment === 'custom') return normalisedHost(baseUrl) === PRODUCTION_HOST ? 'live' : 'custom';
  return environment;
}
