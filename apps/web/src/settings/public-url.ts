/**
 * Whether an address can be reached from the internet, as WeCom's servers must reach the callback URL:
 * 'loopback' for this machine's own names (localhost, 127.0.0.0/8, ::1, 0.0.0.0), 'private' for
 * addresses only an intranet reaches (RFC 1918, carrier-grade NAT 100.64/10, link-local, IPv6 ULA,
 * .local / .internal / .lan names, a bare host name without a dot), null for anything else.
 */
export type LocalKind = 'loopback' | 'private';

function ipv4Kind(host: string): LocalKind | null | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  const [a, b] = parts.map(Number) as [number, number, number, number];
  if (a === 127 || (a === 0 && host === '0.0.0.0')) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  return null;
}

export function localKindOf(url: string): LocalKind | null {
  if (!URL.canParse(url)) return null;
  const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const v4 = ipv4Kind(host);
  if (v4 !== undefined) return v4;
  if (host.includes(':')) {
    if (host === '::1' || host === '::') return 'loopback';
    // An IPv4-mapped address, which the URL parser writes in hex (::ffff:c0a8:1 for 192.168.0.1).
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (mapped) {
      const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
      return ipv4Kind(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`) ?? null;
    }
    if (/^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host)) return 'private';
    return null;
  }
  if (!host.includes('.') || /\.(local|internal|lan|home|intranet|corp)$/.test(host)) return 'private';
  return null;
}
