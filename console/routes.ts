import { DOMAINS, MESSAGE_TYPES, oneOf, QUEUE_TABS } from '../sdk/src/codes';
import type { Domain, MessageType } from '../sdk/src/schemas/common';

export { QUEUE_TABS };
import type { QueueTab } from '../sdk/src/schemas/console';

export interface QueueFilters {
  tab: QueueTab;
  type?: MessageType;
  domain?: Domain;
  unit?: string;
  /** A suggestion drive's slug (建言专栏). */
  campaign?: string;
  dueWithinDays?: number;
  /** Only the re-opened messages being handled again (重办). */
  reopened?: boolean;
  /** A search: a tracking code, a message id or words (`q` of the queue's API). */
  q?: string;
}

/** The admin pages, in the order of their tabs. */
export const ADMIN_SECTIONS = ['site', 'calendar', 'units', 'accounts', 'templates', 'campaigns', 'export', 'audit', 'integrations',
  'webhooks', 'notifications', 'protection'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** The console's pages, kept in the address's `#` so that reload and back work and nothing reaches the server. */
export type Route =
  | { page: 'sign-in' }
  | { page: 'queue'; filters: QueueFilters | null }
  | { page: 'message'; id: string }
  | { page: 'account' }
  /** The official's dashboard: their units' figures and what needs them now. */
  | { page: 'dashboard' }
  /** Admins only; `year` is the calendar's (absent: this year). */
  | { page: 'admin'; section: AdminSection; year?: number };

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(search);
  const message = /^\/messages\/([^/]+)$/.exec(path);
  if (message) return { page: 'message', id: decodeURIComponent(message[1]!) };
  if (path === '/sign-in') return { page: 'sign-in' };
  if (path === '/account') return { page: 'account' };
  if (path === '/dashboard') return { page: 'dashboard' };
  const admin = /^\/admin(?:\/([a-z]+))?$/.exec(path);
  if (admin) {
    const year = params.get('year');
    return {
      page: 'admin',
      section: oneOf(ADMIN_SECTIONS, admin[1] ?? null) ?? 'site',
      year: year !== null && /^\d{4}$/.test(year) ? Number(year) : undefined,
    };
  }
  const tab = oneOf(QUEUE_TABS, params.get('tab'));
  if (!tab) return { page: 'queue', filters: null };
  const due = params.get('dueWithinDays');
  return {
    page: 'queue',
    filters: {
      tab,
      // A code typed into the address that is not one is left out.
      type: oneOf(MESSAGE_TYPES, params.get('type')),
      domain: oneOf(DOMAINS, params.get('domain')),
      unit: params.get('unit') || undefined,
      campaign: params.get('campaign') || undefined,
      dueWithinDays: due !== null && /^\d{1,2}$/.test(due) ? Number(due) : undefined,
      reopened: params.get('reopened') === 'true' || undefined,
      q: [...(params.get('q')?.trim() ?? '')].slice(0, 50).join('').trim() || undefined,
    },
  };
}

export function queueHash(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') params.set(key, String(value));
  return `#/queue?${params}`;
}

export function adminHash(section: AdminSection, year?: number): string {
  return `#/admin/${section}${year === undefined ? '' : `?year=${year}`}`;
}
