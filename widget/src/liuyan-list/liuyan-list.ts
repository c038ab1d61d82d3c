import { html, nothing, type PropertyValues } from 'lit';
import { formatWritten, written } from '../../../ui/content-lang';
import { LiuyanError } from '../../../sdk/src/errors';
import type { Domain, MessageType } from '../../../sdk/src/schemas/common';
import type { ListMessagesQuery, PublicMessage, PublicMessageDetail, PublicTab } from '../../../sdk/src/schemas/message';
import type { SiteConfig } from '../../../sdk/src/schemas/site';
import type { LiuyanOpenDetail } from '../events';
import { errorDetail, failureText, retryCanHelp } from '../internal/errors';
import { defineElement, LiuyanElement } from '../../../ui/liuyan-element';
import { format, formatDateTime, Localized, sayNow, type LaterText } from '../../../ui/localize';
import { messageStyles } from '../liuyan-message/liuyan-message.styles';
import { photoStyles, renderCover } from '../../../ui/photos';
import { renderBadges, renderCardRating, renderMessage, renderSupport, replyKind, type SupportButton } from '../liuyan-message/render-message';
import { pressSupport, revealSupportFailure, supportedCounts, withRememberedCount } from '../liuyan-message/support';
import { tokens } from '../../../ui/tokens.styles';
import { statusStyles } from '../../../ui/status.styles';
import { styles } from './liuyan-list.styles';
import { listZhCN, type ListStrings } from './strings.zh-cn';
import { findUnit, flattenUnits, indented } from '../../../ui/unit-tree';
import { DEFAULT_PARAM, readMessageId, withMessageId, type AddressMode } from './message-address';
import { onDemand } from '../../../ui/on-demand';

/** The longest search the service takes, in characters (`ListMessagesQuerySchema.q`). */
const SEARCH_MAX = 50;
/** 全部 / 待回复 / 办理中 / 已办理; '' is 全部. */
const TABS = ['', 'awaiting', 'in_progress', 'answered'] as const satisfies readonly (PublicTab | '')[];
type Tab = (typeof TABS)[number];

/** What the reader chose; the element's own attributes (`unit`, `type`, `campaign`) narrow it further. */
interface Filters {
  tab: Tab;
  unit: string;
  type: MessageType | '';
  domain: Domain | '';
  q: string;
}

/** `waiting`: not scrolled into view yet, so nothing is fetched. */
type Phase = 'waiting' | 'loading' | 'ready' | 'failed';
type DetailPhase = 'loading' | 'ready' | 'failed' | 'not-found';

/** Start fetching a little before the list scrolls into view. */
const ROOT_MARGIN = '200px 0px';

/** How a message came to be opened: a click in the list, the page's address when the list connected, Back/Forward. */
type OpenedBy = 'click' | 'address' | 'history';
/** 复制链接: done, or the link is shown to copy by hand (no clipboard on a plain-http page or in some WebViews). */
type CopyState = 'idle' | 'copied' | 'manual';

/**
 * Which list owns each address (`query:liuyan`, `hash:msg`, …) on this page: the first list connected
 * with it. Another list with the same one opens messages in place without an address, so that two
 * lists never read each other's messages out of the address or fight over it.
 */
const addressOwners = new Map<string, LiuyanList>();

/** The key of the history entries a list pushes (its value: the address it owns), beside the host page's own state. */
const STATE_KEY = 'liuyan-list';

/**
 * What a list keeps in its page's history entry when the page leaves for a message's own page (the
 * hosted board's, or a host page's that cancels `liuyan-open`): Back, to a page the browser did not
 * keep whole (WeChat's WebView, a low-memory phone), shows the list as it was left: its filters, the
 * cards loaded, where the reader had scrolled, the card opened. Kept per list (by its address
 * parameter) and its scope, so another list or another board's never takes it.
 */
interface ReturnState {
  scope: string;
  filters: Filters;
  items: PublicMessage[];
  nextCursor: string | null;
  scrollY: number;
  opened: string;
}
const RETURN_KEY = 'liuyan-list-return';

/**
 * @summary The public board: published messages as cards, by tab, unit, type and domain, with search,
 * "load more", and each message opened in place with its replies and timeline.
 *
 * @event liuyan-open - A message was opened (a click, the page's address, Back/Forward). `detail`: `{ id }`. Cancelable: `preventDefault()` keeps the list as it is and leaves the address alone.
 * @event liuyan-error - Messages could not be loaded. `detail`: `{ code, status, fields }`.
 *
 * @csspart tabs - The tab list (全部 / 待回复 / 办理中 / 已办理).
 * @csspart tab - Each tab.
 * @csspart filters - The unit, type and domain selects.
 * @csspart search - The search form.
 * @csspart panel - The messages (or their skeleton while loading).
 * @csspart skeleton - The placeholder shown until the messages arrive.
 * @csspart card - Each message.
 * @csspart cover - A card's first photo (its small version), a link to the whole photo.
 * @csspart card-rating - A card's line with the citizen's latest rating (满意度 in words and points; the stars are hidden from screen readers).
 * @csspart status - A message's status badge.
 * @csspart campaign - The suggestion drive (建言专栏) an opened message was written to, when it was written to one.
 * @csspart body - What the citizen wrote (an opened message).
 * @csspart adopted - The 已采纳 tag of a suggestion an official took up.
 * @csspart adoption - The official's note on what was taken up.
 * @csspart photos - A message's or a reply's photos.
 * @csspart photo-private - Beside a photo only the author and the officials see: 不公开.
 * @csspart photo-hidden - Beside a photo a moderator hid: why.
 * @csspart author - A message's masked display name.
 * @csspart support - The 我也关注 button of a card or an opened message (`aria-pressed` once pressed) and its count.
 * @csspart support-failed - Under 我也关注, why the press was not counted (no connection, too many presses); gone on the next press.
 * @csspart reply - The latest reply on a card; each reply in an opened message. Also `reply-interim` or `reply-final`.
 * @csspart load-more - The 加载更多 button.
 * @csspart detail - An opened message and its 返回列表 button.
 * @csspart back - The 返回列表 button.
 * @csspart copy-link - The 复制链接 button of an opened message.
 * @csspart message - An opened message.
 * @csspart timeline - An opened message's events.
 * @csspart rating - An opened message's satisfaction rating.
 *
 * @cssproperty --liuyan-color-awaiting - 待受理 (default red).
 * @cssproperty --liuyan-color-accepted - 已受理 (default blue).
 * @cssproperty --liuyan-color-in-progress - 办理中 and interim replies (default orange).
 * @cssproperty --liuyan-color-answered - 已回复 and final replies (default green).
 * @cssproperty --liuyan-color-closed - 已办结 (default grey).
 * @cssproperty --liuyan-list-min-height - Height kept for the messages while they load (default 36em).
 */
const strings = new Localized<ListStrings>(listZhCN, {
  en: onDemand(() => import('./strings.en'), (m) => m.listEn),
  'zh-TW': onDemand(() => import('./strings.zh-tw'), (m) => m.listZhTW),
});

export class LiuyanList extends LiuyanElement<ListStrings> {
  static override styles = [tokens, statusStyles, messageStyles, photoStyles, styles];

  protected readonly strings = strings;

  static override properties = {
    ...LiuyanElement.properties,
    unit: { type: String },
    campaign: { type: String },
    type: { type: String },
    adopted: { type: Boolean },
    param: { type: String },
    address: { type: String },
    config: { state: true },
    filters: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    phase: { state: true },
    failure: { state: true },
    loadingMore: { state: true },
    moreFailed: { state: true },
    announcement: { state: true },
    opened: { state: true },
    detail: { state: true },
    detailPhase: { state: true },
    pressed: { state: true },
    supportFailures: { state: true },
    copyState: { state: true },
  };

  /** Only this unit's messages (its sub-units included), e.g. on a department's own page. */
  unit = '';
  /** Only the messages of this campaign (建言专栏), by slug. */
  campaign = '';
  /** Only messages of this type (`suggestion`, `complaint`, `help`, `consultation`); hides the type filter. */
  type = '';
  /** Only adopted suggestions (已采纳), e.g. a drive's 采纳 showcase. */
  adopted = false;
  /** The name of the address parameter that names an opened message (`?liuyan=m_…`). */
  param = DEFAULT_PARAM;
  /** Where that parameter goes: `query` (default), `hash` (`#liuyan=m_…`), or `none` (messages get no address). */
  address: AddressMode = 'query';

  private config: SiteConfig | null = null;
  private filters: Filters = { tab: '', unit: '', type: '', domain: '', q: '' };
  private items: PublicMessage[] = [];
  private nextCursor: string | null = null;
  private phase: Phase = 'waiting';
  private failure: unknown = null;
  private loadingMore = false;
  private moreFailed = false;
  private announcement: LaterText = '';
  private opened: string | null = null;
  private detail: PublicMessageDetail | null = null;
  private detailPhase: DetailPhase = 'loading';
  /** The messages this reader has pressed 我也关注 for, with the count the service gave then (remembered in localStorage). */
  private pressed = new Map<string, number>();
  /** Why a message's last 我也关注 was not counted, said under its button until it is pressed again. */
  private supportFailures = new Map<string, unknown>();
  private copyState: CopyState = 'idle';
  /** The address this list owns (`query:liuyan`), or null: its messages then open without one. */
  private ownedAddress: string | null = null;
  /** The page's scroll position when a message was opened from the list, to go back to; null when opened from the address. */
  private listScroll: number | null = null;

  /** Counts list requests: only the answer to the latest one is shown. */
  private request = 0;
  private detailRequest = 0;
  /** Whether the list has come near the viewport: until then nothing is fetched. */
  private visible = false;
  private observer: IntersectionObserver | null = null;
  /** Shown again as it was left, from the page's history entry (`restoreReturn`). */
  private restored = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.claimAddress();
    window.addEventListener('popstate', this.onPopState);
    // A reload, or a shared link: the message the address names opens at once.
    const id = this.addressedId();
    if (id !== null && id !== this.opened) void this.open(id, 'address');
    else if (!this.visible && this.restoreReturn()) return;
    if (!this.visible) this.waitUntilVisible();
  }

  /** The scope a kept state belongs to: this list's site, drive, unit, type, showcase and address parameter. */
  private get returnScope(): string {
    return JSON.stringify([this.site, this.api, this.campaign, this.unit, this.type, this.adopted, this.paramName]);
  }

  /** Before the page leaves for a message's own page: the list as it is, kept in the page's history entry. */
  private keepReturn(opened: string): void {
    if (this.phase !== 'ready') return;
    const kept: ReturnState = { scope: this.returnScope, filters: this.filters, items: this.items, nextCursor: this.nextCursor, scrollY: window.scrollY, opened };
    const state: unknown = history.state;
    const own = typeof state === 'object' && state !== null ? state : {};
    try {
      history.replaceState({ ...own, [`${RETURN_KEY}:${this.paramName}`]: kept }, '');
    } catch {
      // Too large for the browser to keep: Back then loads the first page, as without it.
    }
  }

  /**
   * Back to a page the browser did not keep whole: the list kept in its history entry (`keepReturn`) is
   * shown at once, as it was left, scrolled back to where the reader was, the focus on the card opened;
   * the site's config (for the filters' choices) is read meanwhile. Only on Back or Forward: a reload
   * reads the board afresh. Returns whether it restored.
   */
  private restoreReturn(): boolean {
    const state: unknown = history.state;
    const kept = typeof state === 'object' && state !== null ? (state as Record<string, ReturnState | undefined>)[`${RETURN_KEY}:${this.paramName}`] : undefined;
    const navigation = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (!kept || kept.scope !== this.returnScope || navigation?.type !== 'back_forward' || !this.site) return false;
    this.visible = true;
    this.restored = true;
    this.pressed = supportedCounts(this.site);
    this.filters = kept.filters;
    this.items = kept.items.map((m) => withRememberedCount(m, this.pressed));
    this.nextCursor = kept.nextCursor;
    this.phase = 'ready';
    const request = this.request;
    void this.client().getSite().then((config) => {
      if (request === this.request) this.config = config;
    }, () => {});
    void this.updateComplete.then(() => {
      window.scrollTo(0, kept.scrollY);
      this.renderRoot.querySelector<HTMLElement>(`.link[data-id="${CSS.escape(kept.opened)}"]`)?.focus({ preventScroll: true });
    });
    return true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    this.releaseAddress();
    this.observer?.disconnect();
    this.observer = null;
  }

  /** The mode messages are addressed in: `none` unless this list owns its address. */
  private get addressMode(): AddressMode {
    return this.ownedAddress === null ? 'none' : this.address;
  }

  private get paramName(): string {
    return this.param || DEFAULT_PARAM;
  }

  /** Takes this list's address unless another list on the page has it (see `addressOwners`). */
  private claimAddress(): void {
    this.releaseAddress();
    if (this.address !== 'query' && this.address !== 'hash') return;
    const key = `${this.address}:${this.paramName}`;
    const owner = addressOwners.get(key);
    if (owner && owner !== this) {
      console.warn(`<liuyan-list>: another list on this page already uses the address parameter "${this.paramName}"; give this one its own (param="…") for its messages to have addresses`);
      return;
    }
    addressOwners.set(key, this);
    this.ownedAddress = key;
  }

  private releaseAddress(): void {
    if (this.ownedAddress !== null && addressOwners.get(this.ownedAddress) === this) addressOwners.delete(this.ownedAddress);
    this.ownedAddress = null;
  }

  /** The message id in the page's address, if this list owns one. */
  private addressedId(): string | null {
    return readMessageId(location.href, this.addressMode, this.paramName);
  }

  /** The page's address with message `id` opened (or none), the host page's other parameters kept. */
  private addressOf(id: string | null): string {
    return withMessageId(location.href, this.addressMode, this.paramName, id);
  }

  /** Back and Forward: the list shows what the address says. */
  private readonly onPopState = (): void => {
    if (this.addressMode === 'none') return;
    const id = this.addressedId();
    if (id === this.opened) return;
    if (id === null) void this.close();
    else void this.open(id, 'history');
  };

  /** On a slow phone, a board far down the page costs nothing until the reader gets there. */
  private waitUntilVisible(): void {
    const show = () => {
      this.visible = true;
      void this.reload();
    };
    if (typeof IntersectionObserver === 'undefined') return show();
    this.observer?.disconnect();
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.observer?.disconnect();
      this.observer = null;
      show();
    }, { rootMargin: ROOT_MARGIN });
    this.observer.observe(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('site') || changed.has('api')) this.config = null;
    // A reader's choice within the old scope may lie outside the new one.
    if (changed.has('unit')) this.filters = { ...this.filters, unit: '' };
    if (changed.has('type')) this.filters = { ...this.filters, type: '' };
    const scopeChanged = changed.has('site') || changed.has('api') || changed.has('unit') || changed.has('campaign') || changed.has('type') || changed.has('adopted');
    // The first update of a list shown again from its history entry (`restoreReturn`) keeps what it shows.
    if (scopeChanged && this.visible && (this.hasUpdated || !this.restored)) void this.reload();
    if (this.hasUpdated && this.isConnected && (changed.has('param') || changed.has('address'))) this.claimAddress();
  }

  private query(cursor?: string): ListMessagesQuery {
    const f = this.filters;
    return {
      status: f.tab || undefined,
      unit: f.unit || this.unit || undefined,
      type: (this.type || f.type || undefined) as MessageType | undefined,
      domain: f.domain || undefined,
      campaign: this.campaign || undefined,
      adopted: this.adopted ? 'true' : undefined,
      q: f.q || undefined,
      cursor,
    };
  }

  /** The first page for the current filters (and the site's units, the first time). */
  private async reload(): Promise<void> {
    if (!this.site) return;
    const request = ++this.request;
    this.phase = 'loading';
    this.items = [];
    this.nextCursor = null;
    this.loadingMore = false;
    this.moreFailed = false;
    const client = this.client();
    this.pressed = supportedCounts(this.site);
    try {
      const [config, page] = await Promise.all([this.config ?? client.getSite(), client.listMessages(this.query())]);
      if (request !== this.request) return;
      this.config = config;
      this.items = page.items.map((m) => withRememberedCount(m, this.pressed));
      this.nextCursor = page.nextCursor;
      this.phase = 'ready';
      this.announcement = page.items.length > 0 ? () => format(this.t.shown, { count: page.items.length }) : () => this.emptyText();
    } catch (error) {
      if (request !== this.request) return;
      this.failure = error;
      this.phase = 'failed';
      this.emit('liuyan-error', errorDetail(error));
    }
  }

  /** 加载更多: the next page, appended. */
  private async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const request = this.request;
    // Pressed from the keyboard or a screen reader (read before the button is disabled, which drops
    // its focus): the button may go (no more pages) or stay below the new cards, so the focus goes on
    // to the first new card, where reading goes on.
    const pressed = this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement?.getAttribute('part') === 'load-more';
    this.loadingMore = true;
    this.moreFailed = false;
    try {
      const page = await this.client().listMessages(this.query(this.nextCursor));
      if (request !== this.request) return;
      const shown = new Set(this.items.map((m) => m.id));
      const added = page.items.filter((m) => !shown.has(m.id));
      this.items = [...this.items, ...added.map((m) => withRememberedCount(m, this.pressed))];
      this.nextCursor = page.nextCursor;
      this.announcement = () => format(this.t.shown, { count: this.items.length });
      if (pressed && added[0]) {
        const first = added[0].id;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.link[data-id="${CSS.escape(first)}"]`)?.focus());
      }
    } catch (error) {
      if (request !== this.request) return;
      this.moreFailed = true;
      this.emit('liuyan-error', errorDetail(error));
    } finally {
      if (request === this.request) this.loadingMore = false;
    }
    // Failed: back on the button, which now says 重试.
    if (pressed && this.moreFailed) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="load-more"]')?.focus());
  }

  private setFilter(change: Partial<Filters>): void {
    const next = { ...this.filters, ...change };
    const same = (Object.keys(next) as (keyof Filters)[]).every((key) => next[key] === this.filters[key]);
    // The same choice again (the current tab clicked) changes nothing, unless the last load failed.
    if (same && this.phase !== 'failed') return;
    this.filters = next;
    void this.reload();
  }

  private search(event: SubmitEvent): void {
    event.preventDefault();
    // The service takes 50 characters (code points, as everywhere); a longer paste searches its start.
    const q = [...String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim()].slice(0, SEARCH_MAX).join('').trim();
    this.setFilter({ q });
  }

  /** Arrow keys, Home and End move between the tabs, as in any tab list. */
  private async onTabKey(event: KeyboardEvent): Promise<void> {
    const at = TABS.indexOf(this.filters.tab);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const tab = TABS[(to + TABS.length) % TABS.length]!;
    this.setFilter({ tab });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab || 'all'}`)?.focus();
  }

  /**
   * Shows message `id` in place of the list. Opened by a click, it gets its address in a new history entry
   * (so Back returns to the list); opened by the address or by Back/Forward, the address is already there.
   */
  private async open(id: string, by: OpenedBy): Promise<void> {
    if (!this.site) return;
    // Kept before the page is told: it may go to the message's own page (cancelling the event), and a
    // history entry changed while the page leaves may stop it leaving. Back then finds the list as it was.
    if (by === 'click') this.keepReturn(id);
    if (!this.emit<LiuyanOpenDetail>('liuyan-open', { id }, { cancelable: true })) return;
    if (this.opened === null) this.listScroll = by === 'address' ? null : window.scrollY;
    this.opened = id;
    this.copyState = 'idle';
    if (by === 'click' && this.addressMode !== 'none') {
      // The host page's own state stays in the entry (a router on the page may keep its own there).
      const state: unknown = history.state;
      const own = typeof state === 'object' && state !== null ? state : {};
      history.pushState({ ...own, [STATE_KEY]: this.ownedAddress }, '', this.addressOf(id));
    }
    const loaded = this.loadDetail(id);
    if (by === 'address') {
      // Arriving from a link: the page's own start keeps focus, and the message is brought to the top once it
      // is there. Always, even when it is on screen already: what is above it (another element still loading)
      // may yet grow and push it down, and the browser keeps in place what is at the top of the screen.
      await loaded;
      await this.updateComplete;
      this.scrollIntoView();
      return;
    }
    await this.updateComplete;
    if (this.getBoundingClientRect().top < 0) this.scrollIntoView();
    this.renderRoot.querySelector<HTMLElement>('.back')?.focus({ preventScroll: true });
    await loaded;
  }

  /** A card title is a real link (a new tab, a copied address); a plain click opens the message in place. */
  private follow(event: MouseEvent, id: string): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void this.open(id, 'click');
  }

  private async loadDetail(id: string): Promise<void> {
    const request = ++this.detailRequest;
    this.detail = null;
    this.detailPhase = 'loading';
    try {
      const detail = await this.client().getMessage(id);
      if (request !== this.detailRequest) return;
      this.detail = withRememberedCount(detail, this.pressed);
      this.detailPhase = 'ready';
    } catch (error) {
      if (request !== this.detailRequest) return;
      this.detailPhase = error instanceof LiuyanError && error.code === 'not_found' ? 'not-found' : 'failed';
      this.emit('liuyan-error', errorDetail(error));
    }
  }

  /**
   * 返回列表: as the browser's Back when this list pushed the entry (the list comes back on `popstate`,
   * and Forward reopens the message); after a reload or a shared link, a new entry without the message.
   */
  private back(): void {
    if (this.addressMode === 'none') return void this.close();
    const state: unknown = history.state;
    const pushedHere = typeof state === 'object' && state !== null && (state as Record<string, unknown>)[STATE_KEY] === this.ownedAddress;
    if (pushedHere && this.addressedId() === this.opened) return history.back();
    history.pushState(null, '', this.addressOf(null));
    void this.close();
  }

  /** The list as it was — tab, filters, pages loaded, scroll position — with focus back on the message that was opened. */
  private async close(): Promise<void> {
    const id = this.opened;
    this.detailRequest++;
    this.opened = null;
    this.detail = null;
    this.detailPhase = 'loading';
    await this.updateComplete;
    // Chrome restores the scroll position of a history entry by itself; a WebView that does it while the
    // list is still hidden (the page shorter) stops short, so the list puts it back once shown.
    if (this.listScroll !== null) window.scrollTo({ top: this.listScroll, behavior: 'instant' });
    else if (this.getBoundingClientRect().top < 0) this.scrollIntoView();
    this.renderRoot.querySelector<HTMLElement>(`.link[data-id="${CSS.escape(id ?? '')}"]`)?.focus({ preventScroll: true });
  }

  /** 复制链接: the opened message's address to the clipboard; where there is none, the link is shown selected to copy by hand. */
  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      this.copyState = 'copied';
    } catch {
      this.copyState = 'manual';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('.share-link')?.select();
    }
  }

  /** 我也关注 on a card or the opened message: the count changes at once on both. */
  private async support(m: { id: string; supportCount: number }, button: HTMLElement): Promise<void> {
    this.failedSupport(m.id, null);
    try {
      await pressSupport(this.client(), this.site, m, (supportCount, pressed) => {
        this.items = this.items.map((item) => (item.id === m.id ? { ...item, supportCount } : item));
        if (this.detail?.id === m.id) this.detail = { ...this.detail, supportCount };
        const next = new Map(this.pressed);
        if (pressed) next.set(m.id, supportCount);
        else next.delete(m.id);
        this.pressed = next;
      });
    } catch (error) {
      this.failedSupport(m.id, error);
      void revealSupportFailure(this, button);
      this.emit('liuyan-error', errorDetail(error));
    }
  }

  private failedSupport(id: string, error: unknown): void {
    const next = new Map(this.supportFailures);
    if (error) next.set(id, error);
    else next.delete(id);
    this.supportFailures = next;
  }

  private supportButton(m: { id: string; supportCount: number }): SupportButton {
    const failure = this.supportFailures.get(m.id);
    return { pressed: this.pressed.has(m.id), onPress: (button) => void this.support(m, button), failure: failure ? failureText(failure, this.t, this.t.supportFailed) : '' };
  }

  private emptyText(): string {
    return this.filters.q ? format(this.t.noResults, { q: this.filters.q }) : this.t.empty;
  }

  override render() {
    // Where trying again cannot help (a site that does not exist, a website not allowed, a campaign or
    // unit the site does not have), the notice alone: a tab, a filter or a search would only ask
    // again, to be told the same. A search refused keeps its box, to change the words.
    if (this.phase === 'failed' && !retryCanHelp(this.failure) && this.refusedSearch() === undefined) return html`<div class="list">${this.renderPanel()}</div>`;
    return html`<div class="list" ?hidden=${this.opened !== null}>
        ${this.renderTabs()}
        ${this.renderFilters()}
        <div id="panel" class="panel" part="panel" role="tabpanel" aria-labelledby="tab-${this.filters.tab || 'all'}"
          aria-busy=${this.phase === 'waiting' || this.phase === 'loading' ? 'true' : 'false'}>${this.renderPanel()}</div>
        <p class="visually-hidden" role="status">${sayNow(this.announcement)}</p>
      </div>
      ${this.opened !== null ? this.renderDetail() : nothing}`;
  }

  private renderTabs() {
    const t = this.t;
    return html`<div role="tablist" part="tabs" aria-label=${t.tabsLabel} @keydown=${this.onTabKey}>
      ${TABS.map((tab) => {
        const selected = tab === this.filters.tab;
        return html`<button type="button" role="tab" part="tab" id="tab-${tab || 'all'}" aria-controls="panel"
          aria-selected=${selected ? 'true' : 'false'} tabindex=${selected ? 0 : -1}
          @click=${() => this.setFilter({ tab })}>${tab ? t.tabs[tab] : t.all}</button>`;
      })}
    </div>`;
  }

  private renderFilters() {
    const t = this.t;
    const config = this.config;
    const f = this.filters;
    const scope = config && this.unit ? findUnit(config.units, this.unit) : null;
    // Under an open drive, only the units (with theirs below), types and domains it collects for:
    // any other choice could only give an empty list.
    const drive = config && this.campaign ? config.campaigns.find((c) => c.slug === this.campaign) : undefined;
    const driveUnits = config && drive && drive.unitIds.length > 0
      ? drive.unitIds.map((id) => findUnit(config.units, id)).filter((u) => u !== null) : null;
    const units = config ? flattenUnits(scope ? scope.children : driveUnits ?? config.units) : [];
    const types = drive && drive.types.length > 0 ? drive.types : config?.types ?? [];
    const domains = drive && drive.domains.length > 0 ? drive.domains : config?.domains ?? [];
    const select = (key: 'unit' | 'type' | 'domain') => (e: Event) => this.setFilter({ [key]: (e.target as HTMLSelectElement).value });
    return html`<div class="filters" part="filters">
        <div>
          <label for="filter-unit">${t.unitFilter}</label>
          <select id="filter-unit" ?disabled=${!config} @change=${select('unit')}>
            <option value="" ?selected=${!f.unit}>${scope ? format(t.unitWithSubunits, { name: scope.name }) : t.allUnits}</option>
            ${units.map((u) => html`<option value=${u.id} ?selected=${u.id === f.unit}>${indented(u)}</option>`)}
          </select>
        </div>
        ${this.type || (drive && types.length === 1) ? nothing : html`<div>
          <label for="filter-type">${t.typeFilter}</label>
          <select id="filter-type" ?disabled=${!config} @change=${select('type')}>
            <option value="" ?selected=${!f.type}>${t.allTypes}</option>
            ${types.map((type) => html`<option value=${type} ?selected=${type === f.type}>${t.types[type]}</option>`)}
          </select>
        </div>`}
        <div>
          <label for="filter-domain">${t.domainFilter}</label>
          <select id="filter-domain" ?disabled=${!config} @change=${select('domain')}>
            <option value="" ?selected=${!f.domain}>${t.allDomains}</option>
            ${domains.map((d) => html`<option value=${d} ?selected=${d === f.domain}>${t.domains[d]}</option>`)}
          </select>
        </div>
      </div>
      <form class="search" part="search" role="search" @submit=${this.search}>
        <label for="q">${t.search}</label>
        <div class="search-row">
          <input id="q" name="q" type="search" autocomplete="off" enterkeyhint="search"
            placeholder=${t.searchPlaceholder} .value=${f.q} />
          <button type="submit">${t.searchSubmit}</button>
        </div>
      </form>`;
  }

  /** The service's sentence when it refused the search's words (too many, a control character), else `undefined`. */
  private refusedSearch(): string | undefined {
    return this.failure instanceof LiuyanError && this.failure.code === 'validation'
      ? this.failure.fieldErrors.find((e) => e.field === 'q')?.message : undefined;
  }

  private renderPanel() {
    const t = this.t;
    switch (this.phase) {
      case 'waiting':
      case 'loading':
        return html`<div class="skeleton" part="skeleton" aria-hidden="true">${[1, 2, 3, 4].map(() => html`<div></div>`)}</div>
          <span class="visually-hidden">${t.loading}</span>`;
      case 'failed': {
        // What the service refused says so in its own words (a search's too many words: the search box
        // above stays, to change them); 重试 only where asking again could help.
        return html`<p class="notice" role="alert">${failureText(this.failure, t, t.loadFailed)}</p>
          ${retryCanHelp(this.failure) ? html`<button type="button" @click=${this.reload}>${t.tryAgain}</button>` : nothing}`;
      }
      case 'ready':
        return this.items.length === 0
          ? html`<p class="muted">${this.emptyText()}</p>`
          : html`<ul class="cards" role="list">${this.items.map((m) => this.renderCard(m))}</ul>${this.renderMore()}`;
    }
  }

  private renderCard(m: PublicMessage) {
    const t = this.t;
    const date = (iso: string) => html`<time datetime=${iso}>${formatDateTime(this.locale, iso, false)}</time>`;
    const open = () => this.open(m.id, 'click');
    const w = (text: string) => written(text, this.locale);
    const reply = m.latestReply;
    return html`<li class="card" part="card">
      <article aria-labelledby="title-${m.id}">
        <h3 id="title-${m.id}">${this.addressMode === 'none'
          ? html`<button type="button" class="link" data-id=${m.id} @click=${open}>${w(m.title)}</button>`
          : html`<a class="link" data-id=${m.id} href=${this.addressOf(m.id)} @click=${(e: MouseEvent) => this.follow(e, m.id)}>${w(m.title)}</a>`}</h3>
        <p class="badges">${renderBadges(m, t)}</p>
        <p class="meta muted"><span part="author">${w(m.displayName)}</span> · ${w(m.region)} · ${date(m.createdAt)} · ${formatWritten(t.toUnit, { name: m.unit.name }, this.locale)}</p>
        ${renderCover(m.coverPhoto, this.apiBase, t.photoAlt)}
        <p class="excerpt">${w(m.excerpt)}</p>
        ${reply ? html`<section class="reply ${reply.kind}" part="reply reply-${reply.kind}">
          <header>${w(reply.unit.name)} <span class="kind">${replyKind(reply.kind, t)}</span> · ${date(reply.createdAt)}</header>
          <p class="excerpt">${w(reply.excerpt)}</p>
          <button type="button" class="secondary" aria-describedby="title-${m.id}" @click=${open}>${t.viewFull}</button>
        </section>` : nothing}
        ${renderCardRating(m.rating, t)}
        <p class="supports">${renderSupport(m.supportCount, this.supportButton(m), t)}</p>
      </article>
    </li>`;
  }

  private renderMore() {
    const t = this.t;
    if (!this.nextCursor) return html`<p class="end muted">${t.noMore}</p>`;
    return html`<div class="more">
      ${this.moreFailed ? html`<p class="error" role="alert">${t.loadFailed}</p>` : nothing}
      <button type="button" class="secondary" part="load-more" ?disabled=${this.loadingMore} @click=${this.loadMore}>
        ${this.loadingMore ? t.loadingMore : this.moreFailed ? t.tryAgain : t.loadMore}</button>
    </div>`;
  }

  private renderDetail() {
    const t = this.t;
    const id = this.opened!;
    let content;
    switch (this.detailPhase) {
      case 'loading':
        content = html`<p class="muted" role="status">${t.loading}</p>`;
        break;
      case 'not-found':
        content = html`<p class="notice" role="alert">${t.notFound}</p>`;
        break;
      case 'failed':
        content = html`<p class="notice" role="alert">${t.loadFailed}</p>
          <button type="button" @click=${() => this.loadDetail(id)}>${t.tryAgain}</button>`;
        break;
      case 'ready':
        content = this.detail ? renderMessage(this.detail, t, this.locale, this.supportButton(this.detail), this.apiBase) : nothing;
    }
    const shareable = this.addressMode !== 'none' && this.detailPhase === 'ready';
    return html`<div class="detail" part="detail">
      <div class="detail-actions">
        <button type="button" class="secondary back" part="back" @click=${this.back}>${t.back}</button>
        ${shareable ? html`<button type="button" class="secondary" part="copy-link" @click=${this.copyLink}>${t.copyLink}</button>` : nothing}
        <span class="copy-status" role="status">${shareable ? this.copyStatus() : ''}</span>
      </div>
      ${shareable && this.copyState === 'manual' ? html`<p class="share">
        <label for="share-link">${t.shareLink}</label>
        <input id="share-link" class="share-link" readonly .value=${location.href} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
      </p>` : nothing}
      ${content}
    </div>`;
  }

  private copyStatus(): string {
    return this.copyState === 'copied' ? this.t.copied : this.copyState === 'manual' ? this.t.copyByHand : '';
  }
}

defineElement('liuyan-list', LiuyanList);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-list': LiuyanList;
  }
}
