// Why AURA could not be reached when the cause is on the way there, not at AURA: the proxy
// refused or wants a sign-in, or the certificate presented is not trusted on this PC (often a
// TLS-inspecting proxy). Recognised from Chromium's net::ERR_* names (Electron's net.fetch) and
// from Node's TLS codes and undici's proxy errors (the harness, aura:check). Shared so that
// readiness, Setup and the renderer use the same words and never say "check the address" for these.

export type NetworkPathCause = 'proxyRefused' | 'proxyAuth' | 'certUntrusted' | 'certInvalid';

export const NETWORK_PATH_WORDS: Record<NetworkPathCause, string> = {
  proxyRefused: 'The proxy refused the connection to AURA (ask IT whether this PC’s proxy lets Panic Desk through)',
  proxyAuth: 'The proxy needs a sign-in Panic Desk could not give (ask IT to let Panic Desk reach AURA through it)',
  certUntrusted:
    'AURA’s certificate is not trusted on this PC (a TLS-inspecting proxy? ask IT to trust its root certificate)',
  certInvalid:
    'AURA’s certificate was not accepted (expired, revoked or for another name; ask IT to check the network)',
};

const RULES: Array<[RegExp, NetworkPathCause]> = [
  // Chromium (net.fetch): https://source.chromium.org/chromium/chromium/src/+/main:net/base/net_error_list.h
  [/ERR_PROXY_AUTH_(UNSUPPORTED|REQUESTED)|ERR_INVALID_AUTH_CREDENTIALS|ERR_MISSING_AUTH_CREDENTIALS/, 'proxyAuth'],
  [/ERR_(PROXY_CONNECTION_FAILED|TUNNEL_CONNECTION_FAILED|MANDATORY_PROXY_CONFIGURATION_FAILED)/, 'proxyRefused'],
  [/ERR_PROXY_CERTIFICATE_INVALID|ERR_PAC_SCRIPT_FAILED|ERR_PAC_NOT_IN_DHCP/, 'proxyRefused'],
  [/ERR_CERT_AUTHORITY_INVALID/, 'certUntrusted'],
  [/ERR_CERT_[A-Z_]+|ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN/, 'certInvalid'],
  // undici's ProxyAgent: "Proxy response (407) !== 200 when HTTP Tunneling"
  [/Proxy response \(407\)/, 'proxyAuth'],
  [/Proxy response \(\d+\)/, 'proxyRefused'],
  // Node's TLS (OpenSSL) codes and messages
  [
    /SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|self[- ]signed certificate|unable to (verify|get local issuer)/i,
    'certUntrusted',
  ],
  [
    /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_REVOKED|ERR_TLS_CERT_ALTNAME_INVALID|certificate has expired/i,
    'certInvalid',
  ],
];

/** The cause on the way to AURA named in an error text, or null when it is none of these. */
export function networkPathCauseOf(text: string): NetworkPathCause | null {
  for (const [pattern, cause] of RULES) if (pattern.test(text)) return cause;
  return null;
}

/** True when the words are one of NETWORK_PATH_WORDS (the renderer then adds no advice of its own). */
export function isNetworkPathWords(text: string): boolean {
  return Object.values(NETWORK_PATH_WORDS).some((words) => text.includes(words));
}
