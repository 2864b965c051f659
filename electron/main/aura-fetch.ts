// Every AURA call of the app goes through Electron's net.fetch (Chromium's network stack), so the
// desk follows the system proxy, PAC/WPAD, proxy sign-in (NTLM, Kerberos) and the OS certificate
// store like the PC's other software. Node's fetch knows none of these: behind a TLS-inspecting
// proxy it would raise no panic at all. Core takes any `fetch` (aura/client-options.ts); this
// adapts net.fetch to it. The core's requests are always a URL string with `redirect: 'manual'`;
// Chromium then rejects a redirect ("Redirect was cancelled"), which core/aura/http.ts reads as
// the same "AURA answered with a redirect" Node's fetch gives.
import type { ShellNet } from './shell-api';

export function auraFetch(net: ShellNet): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return net.fetch(url, init);
  };
}
