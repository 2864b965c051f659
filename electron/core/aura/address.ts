// Which hosts a Custom AURA URL may name. AURA lives on the public internet; a URL that names a
// private, link-local or cloud-metadata address would hand the client secret (and every panic)
// to a machine on the desk's own network. This machine (loopback) stays allowed: a local
// simulator or proxy. Works on the hostname as the WHATWG URL parser leaves it, which has
// already turned every IPv4 spelling (0x7f.1, 2130706433, 0177.0.0.1, a trailing dot) into
// dotted decimal and every IPv6 spelling into its compressed form in brackets.

/** Why a host is refused, or null when it may be used. Loopback is never refused. */
export function refusedHostReason(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (isLoopbackHost(host)) return null;
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = parseIpv6(host.slice(1, -1));
    if (!groups) return 'it is not a valid IPv6 address';
    return ipv6Reason(groups);
  }
  const v4 = parseIpv4(host);
  if (v4) return ipv4Reason(v4);
  if (METADATA_NAMES.has(host)) return 'it is a cloud metadata service';
  if (/\.(internal|local|localdomain|home\.arpa|lan)$/.test(host)) return 'it names a host on the local network';
  return null;
}

/** 127.0.0.0/8, ::1, ::ffff:127.x.y.z, localhost and *.localhost: this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = parseIpv4(host);
  if (v4) return v4[0] === 127;
  if (host.startsWith('[') && host.endsWith(']')) {
    const g = parseIpv6(host.slice(1, -1));
    if (!g) return false;
    if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true;
    const mapped = embeddedIpv4(g);
    return mapped !== null && mapped[0] === 127;
  }
  return false;
}

const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data']);

/** IPv4 ranges refused: [network as a 32-bit number, prefix length, reason]. */
const V4_RANGES: Array<[number, number, string]> = [
  [ip4(0, 0, 0, 0), 8, 'it is an unspecified address'],
  [ip4(10, 0, 0, 0), 8, 'it is a private address'],
  [ip4(100, 64, 0, 0), 10, 'it is a shared (carrier-grade NAT) address'],
  [ip4(169, 254, 0, 0), 16, 'it is a link-local or cloud metadata address'],
  [ip4(172, 16, 0, 0), 12, 'it is a private address'],
  [ip4(192, 0, 0, 0), 24, 'it is a reserved address'],
  [ip4(192, 168, 0, 0), 16, 'it is a private address'],
  [ip4(198, 18, 0, 0), 15, 'it is a reserved address'],
  [ip4(224, 0, 0, 0), 4, 'it is a multicast address'],
  [ip4(240, 0, 0, 0), 4, 'it is a reserved address'],
];

function ip4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

function ipv4Reason(octets: number[]): string | null {
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  const value = ip4(a, b, c, d);
  for (const [network, prefix, reason] of V4_RANGES) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === network) return reason;
  }
  return null;
}

function ipv6Reason(g: number[]): string | null {
  const first = g[0] ?? 0;
  if (g.every((x) => x === 0)) return 'it is an unspecified address';
  const embedded = embeddedIpv4(g);
  if (embedded) return ipv4Reason(embedded);
  if ((first & 0xfe00) === 0xfc00) return 'it is a private (unique local) address';
  if ((first & 0xffc0) === 0xfe80) return 'it is a link-local address';
  if ((first & 0xffc0) === 0xfec0) return 'it is a site-local address';
  if ((first & 0xff00) === 0xff00) return 'it is a multicast address';
  return null;
}

/**
 * The IPv4 address inside an IPv6 one, for the forms that reach it: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and
 * 6to4 (2002:AABB:CCDD::).
 */
function embeddedIpv4(g: number[]): number[] | null {
  const octets = (hi: number, lo: number): number[] => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(5) && g5 === 0xffff) return octets(g6, g7);
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return octets(g6, g7);
  if (zeroUpTo(6) && (g6 !== 0 || g7 > 1)) return octets(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return octets(g6, g7);
  if (g0 === 0x2002) return octets(g1, g2);
  return null;
}

/** Dotted decimal only (the URL parser has normalised every other spelling to it). */
export function parseIpv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** Eight 16-bit groups, or null. Accepts `::`, a zone id and a trailing dotted IPv4 part. */
export function parseIpv6(text: string): number[] | null {
  let body = text.toLowerCase().replace(/%.*$/, '');
  const lastColon = body.lastIndexOf(':');
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (!v4 || lastColon === -1) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    body = `${body.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const h of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(h)) return null;
      out.push(parseInt(h, 16));
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!head || !rest) return null;
  const known = head.length + rest.length;
  if (halves.length === 1) return known === 8 ? head : null;
  if (known > 7) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
}
