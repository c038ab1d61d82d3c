import { newIdempotencyKey } from '../../../sdk/src/client';
import type { MessageCreated } from '../../../sdk/src/schemas/message';

/** What is sent, in two parts: what may stay on the device, and what only this tab may keep. */
export interface SplitBody {
  /** The message without the author's contact details (kept in `localStorage`). */
  durable: string;
  /** The author's contact details (kept in `sessionStorage`). */
  personal: string;
}

/**
 * What the citizen typed, kept in this browser until the service confirms it has the message:
 * a reload, a crash or a dead battery loses nothing of the message. Contact details (name, phone,
 * e-mail: `personal` keys) are kept only for this tab's session (`sessionStorage`), never on the
 * device: on a library or internet-café computer they are gone when the tab is closed. Storage can
 * be unavailable (private browsing, full quota); then the form still works, only without this net.
 *
 * The message is kept twice: on the device (`localStorage`), the latest any tab wrote or left, for
 * a page opened later; and for this tab's session (`ownName`), which a reload of the tab takes
 * first, so that two tabs writing two messages never put one's words in the other's place.
 */
/**
 * Where a site's draft is kept: the message in `localStorage`, the contact details in `sessionStorage`,
 * under the same name. `place`: which form of the site on the page, in the page's order (0: the first,
 * whose draft the loader's form also looks for); a second one keeps a draft of its own.
 */
/** `name` for the form at `place` among the site's forms on a page: the first's as it is, the second's `name:2` …. */
const placed = (name: string, place: number) => (place > 0 ? `${name}:${place + 1}` : name);

export const draftName = (site: string, place = 0) => placed(`liuyan:${site}:draft`, place);
/** Where this tab keeps its own copy of the message (`sessionStorage`). */
const ownName = (site: string, place: number) => placed(`liuyan:${site}:own`, place);

/**
 * Where a page's form sent as it is (before the element took it over: the loader's, one set into a
 * county's page) keeps what it sent, for this tab's session only (`sessionStorage`), as
 * `{page, pairs}`: the sending page's `performance.timeOrigin` and the form's `[name, value]` pairs
 * (`{page, taken: true}` once made the draft; `{page, keyed: true}` for the write page's own form,
 * which stores the message, so that only its sending is kept). Should the page the form goes to never come (the
 * connection dropped), the citizen who comes back finds it in the element's form (liuyan-form.ts,
 * `takeSentForm`), not an empty one; it goes when the message is sent or begun again (`clear`).
 */
export const sentFormName = (site: string) => `liuyan:${site}:sent`;

/**
 * Where this tab keeps the receipt last shown by the form at `place` among the site's forms on a page
 * (`sessionStorage`, named as `draftName`): `{page, created, title, isPublic}`, the page's path and
 * query (without `lang`) and the service's answer, so two forms on a page each keep their own. The tracking code is shown once; a citizen who
 * goes Back and Forward, or reloads, before noting it finds the receipt again on that page
 * (`DraftStore.keptReceipt`), not an empty form; as does one who switches the page's language to
 * read it. It goes with 再写一条, a page of the form opened
 * afresh, or the tab.
 */
export const receiptName = (site: string, place = 0) => placed(`liuyan:${site}:receipt`, place);

/** A receipt kept for the tab (`receiptName`): the service's answer, and what the receipt shows of the message. */
export interface KeptReceipt {
  created: MessageCreated;
  title: string;
  isPublic: boolean;
}

/**
 * The page at `url` as a kept receipt names it: its path and query, not its fragment (which a page
 * may change itself) nor its language (`lang`, as the hosted pages' language links set it).
 */
const pageOf = (url: URL | Location) => {
  const query = new URLSearchParams(url.search);
  query.delete('lang');
  const rest = query.toString();
  return url.pathname + (rest ? `?${rest}` : '');
};
const thisPage = () => pageOf(location);

/**
 * Whether this page was reached from itself in another language: a citizen who switched the
 * receipt's language (the hosted pages' links to `?lang=…`) to read it still has it in front of them.
 * Only a referrer of this origin names its path (`strict-origin-when-cross-origin`).
 */
const switchedLanguage = () => {
  try {
    const from = new URL(document.referrer);
    return from.origin === location.origin && from.search !== location.search && pageOf(from) === thisPage();
  } catch {
    return false;
  }
};

/** How this page was come to: `navigate` (a link, an address typed), `reload` or `back_forward`; undefined where the browser does not say. */
export const arrivedBy = () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type;

export class DraftStore<T extends object> {
  private readonly draftKey: string;
  private readonly ownKey: string;
  private readonly pendingKey: string;
  private readonly sentKey: string;
  private readonly receiptKey: string;

  /** `place`: which form of the site on the page (0: the first), whose draft and receipt these are. */
  constructor(site: string, private readonly personal: readonly (keyof T)[], place = 0) {
    this.draftKey = draftName(site, place);
    this.ownKey = ownName(site, place);
    this.pendingKey = `liuyan:${site}:pending`;
    this.sentKey = sentFormName(site);
    this.receiptKey = receiptName(site, place);
  }

  /** Keeps the receipt just shown for this page and this form, for Back, Forward and a reload (`keptReceipt`). */
  keepReceipt(receipt: KeptReceipt): void {
    write('sessionStorage', this.receiptKey, { page: thisPage(), ...receipt });
  }

  /**
   * The receipt this tab last showed in this form on this page, when the page was come back to
   * (Back, Forward), reloaded, or switched to another language; a page opened afresh forgets it
   * (null), and the form is shown.
   */
  keptReceipt(): KeptReceipt | null {
    const kept = read<{ page?: unknown } & Partial<Record<keyof KeptReceipt, unknown>>>('sessionStorage', this.receiptKey);
    const type = arrivedBy();
    if (!kept || kept.page !== thisPage() || (type !== 'back_forward' && type !== 'reload' && !switchedLanguage())) {
      this.forgetReceipt();
      return null;
    }
    const created = kept.created as MessageCreated | undefined;
    return typeof created?.trackingCode === 'string' && typeof kept.title === 'string' && typeof kept.isPublic === 'boolean'
      ? { created, title: kept.title, isPublic: kept.isPublic } : null;
  }

  /** 再写一条: the receipt is not shown again. */
  forgetReceipt(): void {
    remove(this.receiptKey);
  }

  /** The message of the draft without contact details: this tab's own, else the latest on the device. */
  message(): Partial<T> | null {
    return read<Partial<T>>('sessionStorage', this.ownKey) ?? read<Partial<T>>('localStorage', this.draftKey);
  }

  load(): Partial<T> | null {
    const durable = this.message();
    const personal = read<Partial<T>>('sessionStorage', this.draftKey);
    // A draft kept by an older version may hold contact details on the device: move them to the session.
    if (durable && this.personal.some((key) => key in durable)) this.save({ ...durable, ...personal } as T);
    return durable || personal ? { ...durable, ...personal } : null;
  }

  save(values: T): void {
    const durable: Partial<T> = { ...values };
    const personal: Partial<T> = {};
    for (const key of this.personal) {
      personal[key] = values[key];
      delete durable[key];
    }
    write('localStorage', this.draftKey, durable);
    write('sessionStorage', this.ownKey, durable);
    write('sessionStorage', this.draftKey, personal);
  }

  /** The tab is being left (closed, reloaded, gone from): what it wrote becomes the latest on the device. */
  leave(): void {
    const own = read('sessionStorage', this.ownKey);
    if (own) write('localStorage', this.draftKey, own);
  }

  /** This tab's message went to another tab (sent, or given back there): the tab keeps no copy of its own. */
  disown(): void {
    remove(this.ownKey);
  }

  /**
   * The Idempotency-Key for sending `body`: the one already used for exactly this body (so a resend
   * after a failure or a reload lands on the same message), or a new one. After the browser was
   * closed only the durable part can be compared: the contact details typed again are taken on trust.
   */
  keyFor(body: SplitBody): string {
    const durable = read<{ key: string; body: string }>('localStorage', this.pendingKey);
    const personal = read<{ key: string; body: string }>('sessionStorage', this.pendingKey);
    if (durable?.body === body.durable && (!personal || (personal.key === durable.key && personal.body === body.personal))) return durable.key;
    const key = newIdempotencyKey();
    write('localStorage', this.pendingKey, { key, body: body.durable });
    write('sessionStorage', this.pendingKey, { key, body: body.personal });
    return key;
  }

  /** The service answered for good: nothing more to resend. */
  settle(): void {
    remove(this.pendingKey);
  }

  /** Sent, or begun again: nothing of the message stays, nor what a page's form sent of it. */
  clear(): void {
    remove(this.draftKey);
    remove(this.ownKey);
    remove(this.pendingKey);
    remove(this.sentKey);
  }
}

/** Where a value is kept: for good on this device, or for this tab's session. (Even naming one may throw where storage is off.) */
type Area = 'localStorage' | 'sessionStorage';

function read<R>(area: Area, key: string): R | null {
  try {
    const raw = window[area].getItem(key);
    return raw ? (JSON.parse(raw) as R) : null;
  } catch {
    return null;
  }
}

function write(area: Area, key: string, value: unknown): void {
  try {
    window[area].setItem(key, JSON.stringify(value));
  } catch {
    // No storage: keep working without it.
  }
}

function remove(key: string): void {
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    try {
      window[area].removeItem(key);
    } catch {
      // No storage: nothing to remove.
    }
  }
}
