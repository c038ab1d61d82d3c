import type { LiuyanClient } from '../../../sdk/src/client';
import type { ReactiveElement } from 'lit';
import { revealOutcome } from '../../../ui/focus';

// 我也关注 in the browser: the reader's supporter token and the messages they supported, kept in
// localStorage so a reload (or another page of the same site) still shows the button as pressed and
// a second press counts nothing. Storage may be off (private mode, blocked): then both last the page.

const TOKEN_KEY = 'liuyan:supporter';
const SUPPORTED_KEY = 'liuyan:supported';
/** Enough for any reader; the oldest are forgotten first (the service still counts each once). */
const REMEMBERED = 500;

const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string): void {
  memory.set(key, value);
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage is full or off: the page keeps it in memory.
  }
}

/** The reader's random token (128 bits), made on first use. */
export function supporterToken(): string {
  let token = read(TOKEN_KEY);
  if (!token || !/^[0-9a-f]{32}$/.test(token)) {
    token = crypto.randomUUID().replaceAll('-', '');
    write(TOKEN_KEY, token);
  }
  return token;
}

type Remembered = Record<string, [id: string, count: number][]>;

function remembered(): Remembered {
  try {
    const all = JSON.parse(read(SUPPORTED_KEY) ?? '{}') as unknown;
    return all && typeof all === 'object' ? (all as Remembered) : {};
  } catch {
    return {};
  }
}

/**
 * The messages of `site` this reader has supported, with the count the service gave back then. A board
 * read from the browser's cache (public answers are cached for a short while) may show an older count,
 * so the widget shows the larger of the two: counts only go up.
 */
export function supportedCounts(site: string): Map<string, number> {
  const entries = remembered()[site];
  return new Map(Array.isArray(entries)
    ? entries.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number')
    : []);
}

/** `m` with a support count no older than what this reader saw when they supported it. */
export function withRememberedCount<M extends { id: string; supportCount: number }>(m: M, counts: Map<string, number>): M {
  const count = counts.get(m.id);
  return count !== undefined && count > m.supportCount ? { ...m, supportCount: count } : m;
}

function rememberSupported(site: string, id: string, count: number): void {
  const all = remembered();
  const entries = [...supportedCounts(site)].filter(([x]) => x !== id);
  all[site] = [...entries, [id, count] as [string, number]].slice(-REMEMBERED);
  write(SUPPORTED_KEY, JSON.stringify(all));
}

/**
 * Presses 我也关注: `show` gets the new count at once (optimistic), then the service's count; if the
 * service refuses, `show` gets the old count back and the error is thrown.
 */
export async function pressSupport(client: LiuyanClient, site: string, m: { id: string; supportCount: number },
  show: (count: number, pressed: boolean) => void): Promise<void> {
  show(m.supportCount + 1, true);
  try {
    const { supportCount } = await client.support(m.id, { supporter: supporterToken() });
    rememberSupported(site, m.id, supportCount);
    show(supportCount, true);
  } catch (error) {
    show(m.supportCount, false);
    throw error;
  }
}

/**
 * Once `element` has drawn it, brings the line under the 我也关注 `button` just pressed
 * (`support-failed`: why it was not counted) into view, should the button sit at the screen's bottom
 * edge (ui/focus.ts).
 */
export async function revealSupportFailure(element: ReactiveElement, button: HTMLElement): Promise<void> {
  await element.updateComplete;
  revealOutcome(button.closest('.supports')?.querySelector('[part="support-failed"]'), button);
}
