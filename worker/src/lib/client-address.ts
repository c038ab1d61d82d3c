import type { Context } from 'hono';

/**
 * The address a request came from, as a key for counting: Cloudflare's `CF-Connecting-IP` (set by
 * its edge, never by the client). An IPv6 address counts as its /64, the block one subscriber holds
 * (RFC 6177), so a host cannot step through its addresses to count again. Null where no edge set it
 * (tests, `wrangler dev`): then only counts that do not need an address apply.
 */
export function clientAddress(c: Context): string | null {
  const address = c.req.header('CF-Connecting-IP')?.trim();
  if (!address) return null;
  if (!address.includes(':')) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, `::` expanded, each without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
