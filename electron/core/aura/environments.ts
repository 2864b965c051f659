// Where each AURA environment lives. Staging is CONFIRMED by every Set A curl example; production
// is INFERRED from public client configs (shared/aura-api.md §1: confirm with AURA before go-live).
// Training has no fixed URL: it is the embedded simulator on a random 127.0.0.1 port.
import type { Environment } from '../../shared/model/connection';
import { refusedHostReason } from './address';

export const API_PREFIX = '/panic-api/v2';

export const FIXED_BASE_URLS = {
  staging: `https://staging-panic.aura.services${API_PREFIX}`,
  production: `https://panic.aura.services${API_PREFIX}`,
} as const;

/** Hosts that may be reached over plain http: this machine only (a local simulator or proxy). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

export class BaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaseUrlError';
  }
}

/**
 * Checks a custom base URL and returns it normalised (no trailing slash), or throws BaseUrlError
 * with the reason in plain words. https is required, except for 127.0.0.1/localhost, so that a
 * token can never travel in clear text over a network; private, link-local and metadata addresses
 * are refused (loopback excepted), so that the secret cannot be sent to the desk's own network.
 */
export function checkCustomUrl(input: string): string {
  const text = input.trim();
  if (!text) throw new BaseUrlError('Enter the AURA base URL');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BaseUrlError('The AURA base URL is not a valid URL');
  }
  if (url.username || url.password)
    throw new BaseUrlError('The AURA base URL must not contain a user name or password');
  if (url.search || url.hash) throw new BaseUrlError('The AURA base URL must not have a query or a fragment');
  if (url.protocol === 'http:') {
    if (!LOOPBACK_HOSTS.has(url.hostname)) {
      throw new BaseUrlError('Plain http is allowed only for 127.0.0.1 or localhost; use https');
    }
  } else if (url.protocol !== 'https:') {
    throw new BaseUrlError('The AURA base URL must start with https://');
  }
  const refused = refusedHostReason(url.hostname);
  if (refused) throw new BaseUrlError(`The AURA base URL cannot point at ${url.hostname}: ${refused}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * A packaged app's Setup takes https only: plain http to loopback is for a developer's local
 * simulator. Throws BaseUrlError for an http URL; anything else is checkCustomUrl's to judge.
 */
export function refusePlainHttp(input: string | null | undefined): void {
  if (/^\s*http:/i.test(input ?? '')) {
    throw new BaseUrlError('The AURA base URL must start with https:// (plain http is for development builds only)');
  }
}

/** The same check as a reason for a form: null when the URL is acceptable. */
export function customUrlProblem(input: string): string | null {
  try {
    checkCustomUrl(input);
    return null;
  } catch (error) {
    return error instanceof BaseUrlError ? error.message : 'The AURA base URL is not valid';
  }
}

/**
 * The AURA base URL (API prefix included) for an environment. Null for Training: the embedded
 * simulator's URL is known only once it listens. Throws BaseUrlError for a bad custom URL.
 */
export function baseUrlFor(environment: Environment, customUrl?: string | null): string | null {
  switch (environment) {
    case 'staging':
    case 'production':
      return FIXED_BASE_URLS[environment];
    case 'custom':
      return checkCustomUrl(customUrl ?? '');
    case 'training':
      return null;
  }
}
