/**
 * The rules every outbound webhook call follows, whoever makes it (Electron's main process, the
 * office server, the browser): which hosts and addresses may be called, how much of a reply is
 * read, what a reply must be, and the words a person reads when a rule refuses a call. Pure: the
 * transports resolve names and read sockets, then ask these functions.
 */

/** The most of a reply NoLapse reads; a larger answer is refused, never truncated. */
export const MAX_WEBHOOK_REPLY_BYTES = 64 * 1024;

/** The header that carries a call's idempotency key: a retried call sends the same one. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** How many hosts an office may allow-list, and how long one may be (a DNS name's limit). */
export const MAX_ALLOWED_HOSTS = 50;
export const MAX_HOST_LENGTH = 253;

/** Why an address is not on the public internet; `public` is the only kind called freely. */
export type AddressKind =
  'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved';

const KIND_WORDS: Record<Exclude<AddressKind, 'public'>, string> = {
  loopback: 'a loopback address (the computer making the call)',
  private: 'a private network address',
  'link-local': 'a link-local address (where cloud metadata services answer)',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved address that is not on the public internet',
};

/** The four bytes of a dotted IPv4 address ('10.0.0.5'), or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

/** `count` 16-bit groups written with at most one '::' ('fe80::1', 'a:b:c:d:e:f'), or null. */
function ipv6Groups(text: string, count: number): number[] | null {
  const groupsOf = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
      groups.push(parseInt(group, 16));
    }
    return groups;
  };
  const halves = text.split('::');
  if (halves.length > 2) return null;
  if (halves.length === 1) {
    const groups = groupsOf(text);
    return groups && groups.length === count ? groups : null;
  }
  const head = groupsOf(halves[0]!);
  const rest = groupsOf(halves[1]!);
  // '::' stands for at least one group of zeros.
  if (!head || !rest || head.length + rest.length > count - 1) return null;
  return [...head, ...new Array<number>(count - head.length - rest.length).fill(0), ...rest];
}

/**
 * The eight 16-bit groups of an IPv6 address ('fe80::1', '::ffff:127.0.0.1', '[::1]'; a zone
 * such as '%eth0' is ignored), or null.
 */
export function parseIpv6(text: string): number[] | null {
  let value = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  if (!value.includes(':')) return null;
  const lastColon = value.lastIndexOf(':');
  const last = value.slice(lastColon + 1);
  if (!last.includes('.')) return ipv6Groups(value, 8);
  // A dotted IPv4 address ends it: the last two groups.
  const v4 = parseIpv4(last);
  if (!v4) return null;
  const head = value.slice(0, lastColon + 1);
  const groups = ipv6Groups(head.endsWith('::') ? head : head.slice(0, -1), 6);
  return groups ? [...groups, (v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!] : null;
}

function ipv4Kind(b: number[]): AddressKind {
  const [a, c] = [b[0]!, b[1]!];
  if (a === 0) return 'unspecified';
  if (a === 10) return 'private';
  if (a === 100 && c >= 64 && c <= 127) return 'private'; // carrier-grade NAT, 100.64/10
  if (a === 127) return 'loopback';
  if (a === 169 && c === 254) return 'link-local';
  if (a === 172 && c >= 16 && c <= 31) return 'private';
  if (a === 192 && c === 168) return 'private';
  if (a === 192 && c === 0 && (b[2] === 0 || b[2] === 2)) return 'reserved';
  if (a === 198 && (c === 18 || c === 19)) return 'reserved'; // benchmarking, 198.18/15
  if (a === 198 && c === 51 && b[2] === 100) return 'reserved';
  if (a === 203 && c === 0 && b[2] === 113) return 'reserved';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return 'public';
}

function embeddedIpv4(high: number, low: number): number[] {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

function ipv6Kind(g: number[]): AddressKind {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form (::a.b.c.d) reach IPv4.
  if (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return ipv4Kind(embeddedIpv4(g[6]!, g[7]!));
  // NAT64 (64:ff9b::a.b.c.d) reaches the IPv4 address it embeds; its local-use /48 is private.
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    if (g.slice(2, 6).every((x) => x === 0)) return ipv4Kind(embeddedIpv4(g[6]!, g[7]!));
    if (g[2] === 1) return 'private';
  }
  // 6to4 (2002:aabb:ccdd::) tunnels to the IPv4 address in its second and third groups.
  if (g[0] === 0x2002) return ipv4Kind(embeddedIpv4(g[1]!, g[2]!));
  if (g[0] === 0x100 && zeroUpTo(4)) return 'reserved'; // discard-only, 100::/64
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'reserved'; // documentation
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'private'; // unique local, fc00::/7
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'private'; // old site-local
  if ((first & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

/** What kind of address `address` is (IPv4 or IPv6 text), or null when it is not an address. */
export function addressKind(address: string): AddressKind | null {
  const v4 = parseIpv4(address);
  if (v4) return ipv4Kind(v4);
  const v6 = parseIpv6(address);
  return v6 ? ipv6Kind(v6) : null;
}

/**
 * Names that never lead to the public internet: localhost (RFC 6761), mDNS's .local, home
 * networks' .home.arpa and the private-use .internal. The browser, which cannot see what a name
 * resolves to, refuses at least these.
 */
const LOCAL_NAME = /(^|\.)(localhost|local|home\.arpa|internal)$/;

/** A host as allow-list entries and URLs are compared: lower case, no brackets, no final dot. */
export function normalizeHost(host: string): string {
  let value = host.trim().toLowerCase();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  if (value.endsWith('.')) value = value.slice(0, -1);
  const v6 = parseIpv6(value);
  return v6 ? v6.map((g) => g.toString(16)).join(':') : value;
}

/** True when the office allow-listed `host` (a name or an address). */
export function isAllowedHost(host: string, allowedHosts: readonly string[]): boolean {
  const wanted = normalizeHost(host);
  return allowedHosts.some((entry) => normalizeHost(entry) === wanted);
}

const HOW_TO_ALLOW =
  'NoLapse calls only public internet addresses unless the office allows the host in Settings, under “Allowed private webhook hosts”.';

/**
 * Why a call to `hostname` (as a URL gives it: '127.0.0.1', '[::1]', 'hooks.example') is refused
 * before any name is resolved, or null: an address literal that is not public, or a local-only
 * name, unless the office allow-listed it.
 */
export function hostProblem(hostname: string, allowedHosts: readonly string[]): string | null {
  const host = normalizeHost(hostname);
  if (host === '') return 'The webhook address has no host. Enter a full https:// address.';
  if (isAllowedHost(host, allowedHosts)) return null;
  const kind = addressKind(host);
  if (kind !== null && kind !== 'public')
    return `The webhook host ${hostname} is ${KIND_WORDS[kind]}. ${HOW_TO_ALLOW}`;
  if (kind === null && LOCAL_NAME.test(host))
    return `The webhook host ${hostname} is a local network name. ${HOW_TO_ALLOW}`;
  return null;
}

/**
 * Why connecting to `address`, which `hostname` resolved to, is refused, or null. Checked on
 * every address a name resolves to, and the connection then goes to the checked address, so a
 * name that resolves elsewhere a moment later (DNS rebinding) cannot slip past.
 */
export function resolvedAddressProblem(
  hostname: string,
  address: string,
  allowedHosts: readonly string[],
): string | null {
  if (isAllowedHost(hostname, allowedHosts) || isAllowedHost(address, allowedHosts)) return null;
  const kind = addressKind(address);
  if (kind === null)
    return `The webhook host ${hostname} resolved to "${address}", not an address.`;
  if (kind === 'public') return null;
  return `The webhook host ${hostname} resolves to ${address}, ${KIND_WORDS[kind]}. ${HOW_TO_ALLOW}`;
}

/** Why `url` cannot be a webhook's address before any network is touched, or null. */
export function webhookUrlProblem(
  url: { protocol: string; hostname: string },
  allowedHosts: readonly string[],
): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `The webhook address must start with https:// or http://, not ${url.protocol}//.`;
  return hostProblem(url.hostname, allowedHosts);
}

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why `entry` cannot be an allow-listed host, or null: a host name or an IP address, nothing else. */
export function allowedHostProblem(entry: string): string | null {
  const value = entry.trim();
  if (value === '') return 'Remove the empty line, or enter a host.';
  if (value.length > MAX_HOST_LENGTH)
    return `“${value.slice(0, 40)}…” is longer than a host name can be (${MAX_HOST_LENGTH} characters).`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return `Enter only the host of “${value}”, without its scheme: for example hooks.agency.example.`;
  if (addressKind(value) !== null) return null;
  if (value.includes('/') || value.includes('?') || value.includes('@'))
    return `Enter only the host of “${value}”, without a path: for example hooks.agency.example.`;
  if (/:\d+$/.test(value))
    return `Enter “${value}” without its port: allowing a host allows every port on it.`;
  const name = value.toLowerCase().replace(/\.$/, '');
  if (name.split('.').every((label) => DNS_LABEL.test(label))) return null;
  return `“${value}” is not a host name or an IP address; enter one like hooks.agency.example or 10.0.0.5.`;
}

/** True for `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * The words for a redirect NoLapse refused to follow; a browser shows neither the status nor
 * the target of a redirect it stopped (null).
 */
export function redirectRefusal(status: number | null, location: string | null): string {
  const what = status === null ? 'with a redirect' : `HTTP ${status}, a redirect`;
  return `The webhook answered ${what}${location ? ` to ${location}` : ''}; NoLapse does not follow redirects. Enter the final address in the plan.`;
}

/** The words for a reply larger than NoLapse reads. */
export function tooLargeRefusal(): string {
  return `The webhook's answer is larger than ${MAX_WEBHOOK_REPLY_BYTES / 1024} KiB, the most NoLapse reads; it was not used. Answer with only the fields to change.`;
}

/** The words for a reply that is not declared as JSON. */
export function contentTypeRefusal(contentType: string | null): string {
  return `The webhook answered with ${contentType ? `content type ${contentType}` : 'no content type'}; NoLapse needs application/json (or an empty body for "no changes").`;
}
