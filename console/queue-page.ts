import { html, nothing, type PropertyValues } from 'lit';
import type { Campaign } from '../sdk/src/schemas/campaign';
import type { PendingFollowUp, QueueMessage, QueuePage, QueueQuery, QueueTab } from '../sdk/src/schemas/console';
import type { SiteConfig } from '../sdk/src/schemas/site';
import { idRefs } from '../ui/id-refs';
import { defineElement } from '../ui/liuyan-element';
import { format, formatDateTime, formatRelative } from '../ui/localize';
import { tokens } from '../ui/tokens.styles';
import { statusStyles } from '../ui/status.styles';
import { ConsoleElement, type FieldNames } from './console-element';
import { styles } from './liuyan-console.styles';
import type { OfficialProfile } from '../sdk/src/schemas/auth';
import { DOMAINS, MESSAGE_TYPES, oneOf } from '../sdk/src/codes';
import { queueHash, QUEUE_TABS, type QueueFilters } from './routes';
import { flattenUnits } from '../ui/unit-tree';
import { normalizeTrackingCode } from '../sdk/src/tracking-code';
import './unit-picker';
import type { PickerUnit } from './unit-picker';

/** What QueueQuerySchema (sdk/src/schemas/console.ts) accepts. */
const DUE_WITHIN_DAYS = { min: 0, max: 60 };

/**
 * @summary The queue: messages in the official's units by tab, with filters, earliest due first.
 */
export class LiuyanConsoleQueue extends ConsoleElement {
  static override styles = [tokens, statusStyles, styles];

  static override properties = {
    ...ConsoleElement.properties,
    // The app hands over a fresh object on every render: reload only when a filter really changed.
    filters: { attribute: false, hasChanged: (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b) },
    config: { attribute: false },
    profile: { attribute: false },
    page: { state: true },
    items: { state: true },
    loading: { state: true },
    error: { state: true },
    dueError: { state: true },
    drives: { state: true },
    pendingFollowUps: { state: true },
    searchError: { state: true },
  };

  /** Tab and filters, from the address (`#/queue?tab=new&type=complaint`). */
  filters: QueueFilters = { tab: 'all' };
  config: SiteConfig | null = null;
  profile: OfficialProfile | null = null;
  private page: QueuePage | null = null;
  private items: QueueMessage[] = [];
  private loading = false;
  private error = '';
  /** What is wrong with the number of days typed in the filters. */
  private dueError = '';
  /** On the 待审核 tab, for moderators and admins: follow-up questions whose words wait for them. */
  private pendingFollowUps: PendingFollowUp[] = [];
  /** Why 查找 found no message for a tracking code. */
  private searchError = '';
  /** The site's suggestion drives (建言专栏), the latest to end first, for the filter; empty: none, or not read. */
  private drives: Campaign[] = [];
  /** Answers to an earlier filter that arrive late are dropped. */
  private request = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config') && this.config && this.drives.length === 0) void this.loadDrives();
    if (changed.has('filters')) void this.load(false);
    if (changed.has('filters') || changed.has('profile')) void this.loadPendingFollowUps();
  }

  /**
   * The tabs offered: 待审核 not to a responder, who cannot moderate (an address asking for it opens
   * their own start instead: liuyan-console.ts).
   */
  private tabs(): readonly QueueTab[] {
    return this.profile?.role === 'responder' ? QUEUE_TABS.filter((tab) => tab !== 'moderation') : QUEUE_TABS;
  }

  private get moderates(): boolean {
    return this.profile?.role === 'admin' || this.profile?.role === 'moderator';
  }

  /** The drives for the filter: ended ones too, whose suggestions are still answered and compiled. */
  private async loadDrives(): Promise<void> {
    // The public list, read as the site's own page reads it.
    this.site = this.config!.site.id;
    try {
      this.drives = (await this.client().listCampaigns()).items;
    } catch {
      // The filter waits for the next visit; the queue works without it.
    }
  }

  private async loadPendingFollowUps(): Promise<void> {
    if (this.filters.tab !== 'moderation' || !this.moderates) return void (this.pendingFollowUps = []);
    try {
      const { type, domain, unit, campaign } = this.filters;
      // The follow-ups of the messages the filters show, as the list below them.
      this.pendingFollowUps = (await this.officials.followUps.pending({
        type: type || undefined, domain: domain || undefined, unit: unit || undefined, campaign: campaign || undefined,
      })).items;
    } catch {
      // The messages' list says what is wrong with the connection; this one is a convenience beside it.
      this.pendingFollowUps = [];
    }
  }

  private query(cursor?: string): QueueQuery {
    const { tab, type, domain, unit, campaign, dueWithinDays, reopened, q } = this.filters;
    return { tab, type, domain, unit, campaign, dueWithinDays, reopened: reopened ? 'true' : undefined, q, cursor, limit: 30 };
  }

  private async load(more: boolean): Promise<void> {
    const request = ++this.request;
    this.loading = true;
    this.error = '';
    if (!more) this.items = [];
    try {
      const page = await this.officials.messages.list(this.query(more ? (this.page?.nextCursor ?? undefined) : undefined));
      if (request !== this.request) return;
      this.page = page;
      this.items = more ? [...this.items, ...page.items] : page.items;
    } catch (error) {
      // A search the service cannot take (more words than it looks for, a control character) is said as its field's error.
      if (request === this.request) this.error = this.fieldErrors(error).q ?? this.problemText(error);
    } finally {
      if (request === this.request) this.loading = false;
    }
  }

  /** 加载更多: the next page, the focus on the first message added, where the list goes on. */
  private async loadMore(): Promise<void> {
    const before = this.items.length;
    const loading = this.load(true);
    const request = this.request;
    await loading;
    // Not after a failure, nor when other filters were chosen meanwhile (their list is another one).
    if (request === this.request && !this.error) await this.focusAdded('[part="queue"] > li > a.item', before);
  }

  protected override fieldNames(): FieldNames {
    return { labels: { dueWithinDays: this.t.queue.dueWithinDays } };
  }

  private applyFilters(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    // A filter the page does not offer (建言专栏 on a site with no drive) is none.
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() || undefined;
    const due = value('dueWithinDays');
    this.dueError = due === undefined ? '' : this.integerCheck('dueWithinDays', due, DUE_WITHIN_DAYS);
    if (this.dueError) return void this.focusFirstInvalid();
    location.hash = queueHash({
      tab: this.filters.tab,
      type: oneOf(MESSAGE_TYPES, value('type')),
      domain: oneOf(DOMAINS, value('domain')),
      unit: value('unit'),
      campaign: value('campaign'),
      dueWithinDays: due === undefined ? undefined : Number(due),
      reopened: (form.elements.namedItem('reopened') as HTMLInputElement).checked || undefined,
      q: this.filters.q,
    });
  }

  /**
   * 查找. A tracking code read out on the phone opens its message at once, asked for in a request's
   * body (a code never goes into the address: histories keep it); words or an id search every tab
   * (the message asked about may be in any), within the filters chosen.
   */
  private async search(event: Event): Promise<void> {
    event.preventDefault();
    // The service takes 50 characters (code points: a rare character such as 𠮷 is one, never cut in half).
    const typed = [...((event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value.trim()].slice(0, 50).join('').trim();
    this.searchError = '';
    const code = normalizeTrackingCode(typed);
    if (code) {
      try {
        location.hash = `#/messages/${encodeURIComponent((await this.officials.messages.findByTrackingCode(code)).id)}`;
      } catch (error) {
        this.searchError = (error as { code?: string }).code === 'not_found' ? this.t.queue.codeNotFound : this.problemText(error);
      }
      return;
    }
    location.hash = queueHash({ ...this.filters, tab: typed ? 'all' : this.filters.tab, q: typed || undefined });
  }

  /** Units whose names the page knows already (a small tree's, from the site config), so a chosen filter shows its name. */
  private knownUnits(): PickerUnit[] {
    return flattenUnits(this.config?.units ?? []).map((u) => ({ id: u.id, name: u.name, active: true, hasChildren: false, ancestors: [] }));
  }

  /**
   * Back from a message, the focus lands on that message in the list once it has come, where the
   * official left off. Otherwise (coming from elsewhere, or the message not in the first page) on the
   * tab shown: the queue's heading is for screen readers only, and a focus there would be seen nowhere.
   */
  protected override arrivalFocus(from: string | undefined): HTMLElement | null | undefined {
    const tab = this.renderRoot.querySelector<HTMLElement>('nav.tabs a[aria-current="page"]');
    if (!from) return tab;
    if (this.loading) return undefined;
    const href = `#/messages/${encodeURIComponent(from)}`;
    return [...this.renderRoot.querySelectorAll<HTMLElement>('a.item')].find((link) => link.getAttribute('href') === href) ?? tab;
  }

  /** The tab shown, or the search, in the queue (待受理 · 留言队列). */
  protected override pageName(): string {
    const t = this.t;
    const { tab, q } = this.filters;
    return format(t.titleParts, { part: q ? format(t.queue.searchResults, { q }) : t.queue.tabs[tab], whole: t.nav.queue });
  }

  override render() {
    const t = this.t;
    const counts = this.page?.counts;
    const f = this.filters;
    const filtered = Boolean(f.type || f.domain || f.unit || f.campaign || f.dueWithinDays !== undefined || f.reopened);
    // The page's heading for those who move by headings; the tabs say the rest to sighted readers.
    return html`<h1 class="visually-hidden">${t.nav.queue}</h1>
      <nav class="tabs" aria-label=${t.nav.queue}>
        ${this.tabs().map((tab: QueueTab) => html`<a href=${queueHash({ ...f, tab })} aria-current=${tab === f.tab ? 'page' : nothing}>
          ${t.queue.tabs[tab]}${counts ? html` <span class="count">${counts[tab]}</span>` : nothing}</a>`)}
      </nav>
      ${counts && (filtered || f.q) ? html`<p class="muted hint" part="counts-unfiltered">${t.queue.countsUnfiltered}</p>` : nothing}
      <form class="queue-search" role="search" aria-label=${t.queue.search} @submit=${this.search}>
        <input type="search" name="q" enterkeyhint="search" aria-label=${t.queue.searchField}
          placeholder=${t.queue.searchPlaceholder} .value=${f.q ?? ''} />
        <button type="submit">${t.queue.searchSubmit}</button>
      </form>
      ${this.searchError ? html`<p class="error" role="alert" part="search-error">${this.searchError}</p>` : nothing}
      <!-- How many messages the search found is said as it comes in (a polite status), not only seen in the list below. -->
      ${f.q ? html`<p class="notice" part="search-results"><span role="status">${this.error || (this.loading && this.items.length === 0) ? format(t.queue.searchResults, { q: f.q })
        : format(this.page?.nextCursor ? t.queue.searchFoundMore : t.queue.searchFound, { q: f.q, n: this.items.length })}</span>
        <a href=${queueHash({ ...f, q: undefined })}>${t.queue.searchClear}</a></p>` : nothing}
      <details class="filters" ?open=${filtered}>
        <summary>${t.queue.filters}</summary>
        <form class="filter-grid" novalidate @submit=${this.applyFilters}>
          <label>${t.queue.type}<select name="type">
            <option value="">${t.queue.any}</option>
            ${(this.config?.types ?? []).map((type) => html`<option value=${type} ?selected=${f.type === type}>${t.types[type]}</option>`)}
          </select></label>
          <label>${t.queue.domain}<select name="domain">
            <option value="">${t.queue.any}</option>
            ${(this.config?.domains ?? []).map((d) => html`<option value=${d} ?selected=${f.domain === d}>${t.domains[d]}</option>`)}
          </select></label>
          <!-- The units the official may filter by: any, or a responder's own and those below them, a level at a time. -->
          <liuyan-console-unit-picker class="wide-cell" name="unit" source="site" .site=${this.config?.site.id ?? ''} label=${t.queue.unit}
            none=${t.queue.any} .value=${f.unit ?? ''} .known=${this.knownUnits()}
            .roots=${this.profile?.role === 'responder' ? this.profile.units : null}></liuyan-console-unit-picker>
          ${this.drives.length > 0 || f.campaign ? html`<label>${t.queue.campaign}<select name="campaign">
            <option value="">${t.queue.any}</option>
            ${this.drives.map((d) => html`<option value=${d.slug} ?selected=${f.campaign === d.slug} lang=${this.langOf(d.title)}>${d.title}</option>`)}
            ${f.campaign && !this.drives.some((d) => d.slug === f.campaign) ? html`<option value=${f.campaign} selected>${f.campaign}</option>` : nothing}
          </select></label>` : nothing}
          <div>
            <label>${t.queue.dueWithinDays}<input name="dueWithinDays" type="number" min=${DUE_WITHIN_DAYS.min} max=${DUE_WITHIN_DAYS.max}
              inputmode="numeric" placeholder=${t.queue.dueWithinDaysPlaceholder} .value=${f.dueWithinDays === undefined ? '' : String(f.dueWithinDays)}
              aria-invalid=${this.dueError ? 'true' : 'false'} aria-describedby=${idRefs(this.dueError && 'due-error') ?? nothing} /></label>
            ${this.dueError ? html`<p class="error" id="due-error" role="alert">${this.dueError}</p>` : nothing}
          </div>
          <label class="choice"><input name="reopened" type="checkbox" .checked=${Boolean(f.reopened)} />${t.queue.reopenedOnly}</label>
          <div class="buttons">
            <button type="submit">${t.queue.apply}</button>
            ${filtered ? html`<a class="button secondary" href=${queueHash({ tab: f.tab, q: f.q })}>${t.queue.clear}</a>` : nothing}
          </div>
        </form>
      </details>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderPendingFollowUps()}
      <ul class="queue" part="queue" aria-busy=${this.loading ? 'true' : 'false'}>
        ${this.items.map((m) => this.renderItem(m))}
      </ul>
      ${!this.loading && !this.error && this.items.length === 0 ? html`<p class="muted">${t.queue.empty}</p>` : nothing}
      ${this.loading ? html`<p class="muted" role="status">${this.items.length > 0 ? t.queue.loadingMore : t.loading}</p>` : nothing}
      ${this.page?.nextCursor && !this.loading && !(this.error && this.items.length === 0) ? html`<button class="secondary wide" @click=${this.loadMore}>${t.queue.loadMore}</button>` : nothing}`;
  }

  /** Follow-up questions whose words wait for a moderator: each opens its message, where they are published or not. */
  private renderPendingFollowUps() {
    const t = this.t;
    if (this.pendingFollowUps.length === 0) return nothing;
    return html`<section class="pending-follow-ups" part="pending-follow-ups" aria-labelledby="pending-follow-ups-title">
      <h2 id="pending-follow-ups-title">${format(t.message.pendingFollowUps, { count: this.pendingFollowUps.length })}</h2>
      <p class="muted hint">${t.message.pendingFollowUpsHint}</p>
      <ul class="queue">${this.pendingFollowUps.map((f) => html`<li><a class="item" href="#/messages/${encodeURIComponent(f.messageId)}">
        <span class="item-title">${this.written(f.title)}</span>
        <span class="item-meta"><span>${this.written(f.unit.name)}</span><span class="badge moderation pending">${t.message.followUp}</span>
          <time class="muted" datetime=${f.createdAt} title=${formatDateTime(this.locale, f.createdAt)}>${formatRelative(this.locale, f.createdAt)}</time></span>
        <span class="follow-up-body">${this.written(f.body)}</span>
      </a></li>`)}</ul>
    </section>`;
  }

  private renderItem(m: QueueMessage) {
    const t = this.t;
    // The first photo's small version (the message page opens it whole): inside the link, so not a link itself.
    const photo = m.coverPhoto;
    return html`<li><a class="item" href="#/messages/${encodeURIComponent(m.id)}">
      ${photo ? html`<img class="item-photo" part="cover" src=${photo.thumbnailUrl} width=${photo.width} height=${photo.height}
        loading="lazy" decoding="async" alt=${format(t.photoAlt, { n: 1 })} />` : nothing}
      <span class="item-title">${this.written(m.title)}</span>
      <span class="item-meta">
        <span>${this.written(m.unit.name)}</span>
        ${this.statusBadge(m)}
        ${m.reopened ? html`<span class="badge reopened" part="reopened">${t.flags.reopened}</span>` : nothing}
        ${m.transferredFrom ? html`<span class="badge transferred" part="transferred-from">${this.formatWritten(t.transferredFrom, { unit: m.transferredFrom.name })}</span>` : nothing}
        ${m.adoption ? html`<span class="badge adopted">${t.flags.adopted}</span>` : nothing}
        ${m.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : nothing}
        ${m.supervised ? html`<span class="badge supervised">${t.supervised}</span>` : nothing}
        ${m.isPublic && m.moderation !== 'published' && m.moderation !== 'rejected' ? html`<span class="badge moderation ${m.moderation}">${t.moderation[m.moderation]}</span>` : nothing}
        ${m.moderation === 'pending' ? this.heldForBadge(m.heldFor, true, m.isPublic) : nothing}
        ${m.isPublic ? nothing : html`<span class="badge visibility">${t.private}</span>`}
        <span class="badge">${t.types[m.type]}</span>
        <span class="badge">${t.domains[m.domain]}</span>
      </span>
      <span class="item-meta muted">
        <span>${this.written(m.displayName)} · ${this.written(m.region)}</span>
        ${m.moderation === 'rejected' ? nothing : html`<span>${format(t.queue.due, { date: formatDateTime(this.locale, m.dueAt, false) })}</span>`}
        ${m.replyCount > 0 ? html`<span>${format(t.queue.replies, { count: m.replyCount })}</span>` : nothing}
      </span>
    </a></li>`;
  }
}

defineElement('liuyan-console-queue', LiuyanConsoleQueue);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-queue': LiuyanConsoleQueue;
  }
}
