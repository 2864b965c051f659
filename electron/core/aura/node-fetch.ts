// AURA traffic under plain Node (the web harness and `npm run aura:check`, unpackaged only; the
// app uses Electron's net.fetch): undici's fetch through its EnvHttpProxyAgent, so that
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply as they do for curl, and an optional CA file whose
// certificates are trusted beside Node's own list (a TLS-inspecting proxy's root, a test CA).
// PAC files and proxy sign-in (NTLM, Kerberos) are Chromium's: the app has them, Node has not.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

export interface NodeNetworkOptions {
  /** The environment to read the proxy variables from (upper or lower case, as curl does). */
  env: Record<string, string | undefined>;
  /** A PEM file of extra certificate authorities to trust (e.g. PANIC_DESK_CA_FILE). */
  caFile?: string | null;
}

export interface NodeNetwork {
  fetch: typeof fetch;
  /** Which proxy is used for https (for diagnostics), or null. */
  proxy: string | null;
  close(): Promise<void>;
}

function pick(env: NodeNetworkOptions['env'], name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A fetch that follows the proxy variables of `env` and trusts `caFile` too. */
export function nodeNetwork(options: NodeNetworkOptions): NodeNetwork {
  const ca = options.caFile ? [...rootCertificates, readFileSync(options.caFile, 'utf8')] : undefined;
  const httpProxy = pick(options.env, 'HTTP_PROXY');
  const httpsProxy = pick(options.env, 'HTTPS_PROXY') ?? httpProxy;
  const agent = new EnvHttpProxyAgent({
    // Explicit values (possibly empty), so that process.env is never read behind the caller's back.
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? '',
    noProxy: pick(options.env, 'NO_PROXY') ?? '',
    ...(ca ? { connect: { ca }, requestTls: { ca } } : {}),
  });
  const viaAgent = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    })) as unknown as typeof fetch;
  return { fetch: viaAgent, proxy: httpsProxy ?? null, close: () => agent.close() };
}
