/**
 * Where an opened message's id sits in the host page's address: `?liuyan=m_…` (`query`, the default),
 * `#liuyan=m_…` (`hash`: for a page that a server or CDN must not see varying, the fragment never
 * leaves the browser), or nowhere (`none`). The host page's other parameters are kept byte for byte:
 * only the `name=value` pair of our own parameter is read, added or removed (URLSearchParams would
 * re-encode every other pair, e.g. `%20` → `+`).
 */
export type AddressMode = 'query' | 'hash' | 'none';

/** The parameter name when the page does not choose one. */
export const DEFAULT_PARAM = 'liuyan';

/** A message id is short; anything longer in an address is not one, and is not looked up. */
const ID_MAX = 64;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    return null; // a malformed escape: not our parameter, and kept as it is
  }
}

/** The `&`-separated pairs of a query or fragment (without its `?`/`#`), each as written. */
const pairs = (text: string) => (text ? text.split('&') : []);
const keyOf = (pair: string) => decode(pair.split('=', 1)[0]!);

/**
 * The message id an address names, or `null`. `href` is an absolute URL (`location.href`); `param` the
 * parameter's name. An empty or over-long value is no id.
 */
export function readMessageId(href: string, mode: AddressMode, param: string): string | null {
  if (mode === 'none') return null;
  const url = new URL(href);
  const text = (mode === 'query' ? url.search : url.hash).slice(1);
  const pair = pairs(text).find((p) => keyOf(p) === param);
  const value = pair === undefined ? null : decode(pair.slice(pair.indexOf('=') + 1));
  return value && pair!.includes('=') && value.length <= ID_MAX ? value : null;
}

/**
 * `href` with the message `id` in it (or without the parameter when `id` is null): the other pairs of the
 * query or fragment unchanged and in their order, ours last. Returns an absolute URL.
 */
export function withMessageId(href: string, mode: AddressMode, param: string, id: string | null): string {
  const url = new URL(href);
  if (mode === 'none') return url.href;
  const part = mode === 'query' ? 'search' : 'hash';
  const kept = pairs(url[part].slice(1)).filter((p) => keyOf(p) !== param);
  if (id !== null) kept.push(`${encodeURIComponent(param)}=${encodeURIComponent(id)}`);
  url[part] = kept.join('&');
  return url.href;
}
