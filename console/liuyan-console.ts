import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { LANGUAGES, pickLocale } from '../sdk/src/languages';
import type { SiteConfig } from '../sdk/src/schemas/site';
import { defineElement } from '../ui/liuyan-element';
import { format } from '../ui/localize';
import { tokens } from '../ui/tokens.styles';
import './account-page';
import './dashboard-page';
import { arrivedAt, ConsoleElement, expectArrival } from './console-element';
import { styles } from './liuyan-console.styles';
import './message-page';
import type { OfficialProfile } from '../sdk/src/schemas/auth';
import './queue-page';
import { adminHash, parseRoute, queueHash, type QueueFilters, type Route } from './routes';
import { forgetReplyDrafts, hasKeptDrafts } from './reply-drafts';
import './sign-in-page';
import { onDemand } from '../ui/on-demand';
import { discardUnsaved, hasUnsaved } from './unsaved';

/** The admin pages, fetched when an admin first opens one. */
const adminModule = onDemand(() => import('./admin/liuyan-console-admin'));

const SIGN_IN = '#/sign-in';

/** Where the browser remembers the official's choice of language (the console's own, not the site's). */
const LANGUAGE_KEY = 'liuyan-console-lang';

/** The language chosen before on this browser, if any (storage can be off: then nothing is remembered). */
function rememberedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * @summary The officials' console: sign in, work the queue, moderate, accept, transfer (转办),
 * reply, extend and close messages, and set up the authenticator. Pages live in the address's `#`.
 *
 * @csspart header - The bar with the site, the official and the navigation.
 * @csspart main - Where the pages are drawn.
 *
 * @cssproperty --liuyan-color-primary - The header, buttons and focus rings.
 */
export class LiuyanConsole extends ConsoleElement {
  static override styles = [tokens, styles];

  static override properties = {
    ...ConsoleElement.properties,
    profile: { state: true },
    route: { state: true },
    config: { state: true },
    notice: { state: true },
    done: { state: true },
    adminReady: { state: true },
    adminError: { state: true },
  };

  /** `undefined` while the session is checked; `null` when signed out. */
  private profile: OfficialProfile | null | undefined = undefined;
  private route: Route = parseRoute(location.hash);
  private config: SiteConfig | null = null;
  private notice = '';
  /** What was just done, said above the next page (the chosen password, after a forced change). */
  private done = '';
  /** Where to go after signing in: the page the official asked for. */
  private returnTo = '';
  /** The queue as last seen, for the message page's 返回队列. */
  private lastQueue = '';

  /** The admin pages are a chunk of their own, fetched the first time an admin opens one. */
  private adminReady = false;
  private adminError = '';

  /** The address of the page shown: where to stay when the official chooses not to leave it. */
  private shownHash = location.hash;

  /**
   * Another page asked for (a tab, Back, an address): an admin page with a change not saved asks
   * first, and stays (its address back, its forms as typed) unless the official chooses to leave.
   */
  private readonly onHashChange = () => {
    if (location.hash !== this.shownHash && hasUnsaved()) {
      if (!window.confirm(this.t.unsavedChanges)) {
        history.replaceState(history.state, '', this.shownHash || location.pathname);
        return;
      }
      discardUnsaved();
    }
    this.navigate();
  };

  /**
   * Closing or reloading the browser tab with a change not saved, or with a reply or an action's
   * reason being written on any message (kept for this tab only): the browser's own question.
   */
  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (hasUnsaved() || hasKeptDrafts()) event.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    const remembered = rememberedLanguage();
    if (remembered) this.useLanguage(pickLocale(remembered));
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    if (this.profile === undefined) void this.checkSession();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    super.disconnectedCallback();
  }

  private async checkSession(): Promise<void> {
    try {
      this.signedIn(await this.officials.me());
    } catch {
      this.profile = null;
      this.navigate();
    }
  }

  private signedIn(profile: OfficialProfile): void {
    const first = this.profile?.site.id !== profile.site.id;
    this.profile = profile;
    this.notice = '';
    if (first) void this.loadSiteConfig(profile.site.id);
    const target = this.returnTo && this.returnTo !== SIGN_IN ? this.returnTo : '';
    this.returnTo = '';
    if (target) location.hash = target;
    else if (this.route.page === 'sign-in') location.hash = '#/queue';
    this.navigate();
  }

  /** The unit tree, types and domains: what the widget shows, used here for filters and transfers. */
  private async loadSiteConfig(siteId: string): Promise<void> {
    this.site = siteId;
    try {
      // Fresh: an admin may just have changed the units.
      this.config = await this.client().getSite({ fresh: true });
    } catch {
      // Filters and the transfer picker wait for it; everything else works without.
      this.config = null;
    }
  }

  private navigate(): void {
    let route = parseRoute(location.hash);
    if (this.profile === null && route.page !== 'sign-in') {
      this.returnTo = location.hash;
      location.replace(SIGN_IN);
      route = { page: 'sign-in' };
    }
    // 待审核 is not a responder's (they cannot moderate): an old link or bookmark to it opens their own start.
    if (route.page === 'queue' && route.filters?.tab === 'moderation' && this.profile?.role === 'responder') {
      route = { ...route, filters: { ...route.filters, tab: this.defaultQueue().tab } };
      history.replaceState(history.state, '', queueHash(route.filters!));
    }
    if (route.page === 'queue') this.lastQueue = queueHash(route.filters ?? this.defaultQueue());
    if (route.page === 'admin' && this.profile?.role === 'admin') void this.loadAdmin();
    if (route.page !== this.route.page) window.scrollTo(0, 0);
    // Another page (not the first drawn, even where the address it was loaded with sent it to sign-in;
    // not another tab of the same one): where it starts takes the focus.
    const from = this.route.page === 'message' ? this.route.id : undefined;
    // Another tab of the queue or the admin pages (a tab pressed, or Back to the one before): the tab shown.
    const otherTab = (route.page === 'queue' && this.route.page === 'queue' && route.filters?.tab !== this.route.filters?.tab)
      || (route.page === 'admin' && this.route.page === 'admin' && route.section !== this.route.section);
    if (this.pageShown && (route.page !== this.route.page || (route.page === 'message' && route.id !== from) || otherTab)) expectArrival(from);
    if (route.page !== this.route.page && this.route.page !== 'account') this.done = '';
    this.route = route;
    this.shownHash = location.hash;
  }

  private async loadAdmin(): Promise<void> {
    if (this.adminReady) return;
    this.adminError = '';
    try {
      await adminModule();
      this.adminReady = true;
    } catch {
      // A new deploy replaced the chunk, or the network is down: a reload fetches it afresh.
      this.adminError = this.t.networkError;
    }
  }

  /** Where each role starts: moderators with what awaits review, responders with what is new. */
  private defaultQueue(): QueueFilters {
    const role = this.profile?.role;
    return { tab: role === 'moderator' ? 'moderation' : role === 'responder' ? 'new' : 'all' };
  }

  /** Whether a page has been drawn since the console loaded: until then, a change of page is its first. */
  private pageShown = false;

  /** The page shown, and the name it gave itself (`liuyan-page-title`) for the browser tab's title. */
  private named: { page: Element; name: string } | null = null;

  private readonly onPageTitle = (event: CustomEvent<string>): void => {
    this.named = { page: event.target as Element, name: event.detail };
    this.showTitle();
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.showTitle();
    // The page just drawn is where an official who went to it starts (`expectArrival`).
    const main = this.renderRoot.querySelector('main');
    const page = [...main?.children ?? []].find((child): child is ConsoleElement => child instanceof ConsoleElement) ?? null;
    if (page) this.pageShown = true;
    arrivedAt(page);
  }

  /**
   * The browser tab's title, `<page> · <site>` in the console's language: the name the page shown gave
   * itself, else (a page not drawn yet, the admin pages refused or on their way) its part of the console.
   */
  private showTitle(): void {
    const t = this.t;
    const name = this.named?.page.isConnected ? this.named.name : this.route.page === 'admin' ? t.nav.admin : t.appTitle;
    document.title = format(t.titleParts, { part: name, whole: this.profile?.site.name ?? t.appTitle });
  }

  private onUnauthenticated(): void {
    if (this.profile === null) return;
    this.profile = null;
    this.notice = this.t.signedOutNotice;
    this.navigate();
  }

  private async signOut(): Promise<void> {
    try {
      await this.officials.signOut();
    } catch {
      // Signed out already, or no answer: either way this page forgets the official.
    }
    this.profile = null;
    this.notice = '';
    this.returnTo = '';
    forgetReplyDrafts();
    location.hash = SIGN_IN;
  }

  override render() {
    if (this.profile === undefined) return html`<p class="muted page" role="status">${this.t.loading}</p>`;
    return html`${this.renderHeader()}
      <main part="main" class="page" @liuyan-unauthenticated=${this.onUnauthenticated} @liuyan-page-title=${this.onPageTitle}>
        ${this.done ? html`<p class="notice" role="status">${this.done}</p>` : nothing}${keyed(this.locale, this.renderPage())}</main>`;
  }

  private renderHeader() {
    const t = this.t;
    const p = this.profile;
    const current = this.route.page;
    return html`<header part="header" class="app-header">
      <div class="brand"><span class="site">${this.written(p?.site.name ?? '')}</span> <span>${t.appTitle}</span></div>
      ${p?.mustChangePassword ? html`<nav aria-label=${t.nav.menu}>
        <span class="who">${this.written(p.displayName)} · ${t.roles[p.role]}</span>
        <button type="button" class="on-primary" @click=${this.signOut}>${t.nav.signOut}</button>
      </nav>` : p ? html`<nav aria-label=${t.nav.menu}>
        <a href=${this.lastQueue || '#/queue'} aria-current=${current === 'queue' ? 'page' : nothing}>${t.nav.queue}</a>
        <a href="#/dashboard" aria-current=${current === 'dashboard' ? 'page' : nothing}>${t.dashboard.nav}</a>
        ${p.role === 'admin' ? html`<a href=${adminHash('site')} aria-current=${current === 'admin' ? 'page' : nothing}>${t.nav.admin}</a>` : nothing}
        <a href="#/account" aria-current=${current === 'account' ? 'page' : nothing}>${t.nav.account}</a>
        <span class="who">${this.written(p.displayName)} · ${t.roles[p.role]}</span>
        <button type="button" class="on-primary" @click=${this.signOut}>${t.nav.signOut}</button>
      </nav>` : nothing}
      ${this.renderLanguageSwitch()}
    </header>`;
  }

  /**
   * Speaks `tag` from now on, and on this browser next time: the page's `<html lang>` (read by screen
   * readers and by every page of the console) and the console's own `lang` (which redraws it).
   */
  private useLanguage(tag: string): void {
    document.documentElement.lang = tag;
    // The attribute, not the property: it is what `locale` reads, and it must be current before drawing.
    this.setAttribute('lang', tag);
  }

  private readonly onLanguage = (event: Event): void => {
    const tag = (event.target as HTMLSelectElement).value;
    this.useLanguage(tag);
    try {
      localStorage.setItem(LANGUAGE_KEY, tag);
    } catch {
      // Private browsing without storage: the choice holds for this visit only.
    }
  };

  private renderLanguageSwitch() {
    return html`<label class="language"><span>${this.t.language}</span>
      <select @change=${this.onLanguage}>
        ${LANGUAGES.map(({ tag, name }) => html`<option value=${tag} lang=${tag} ?selected=${tag === this.locale}>${name}</option>`)}
      </select></label>`;
  }

  /** The password is chosen: on to the work, saying so (the form that asked for it is gone). */
  private forcedChangeDone(profile: OfficialProfile): void {
    this.profile = profile;
    this.done = this.t.account.passwordChanged;
    if (this.route.page === 'account') location.hash = '#/queue';
  }

  private renderPage() {
    const r = this.route;
    if (this.profile === null || r.page === 'sign-in') {
      return html`<liuyan-console-sign-in .notice=${this.notice}
        @liuyan-signed-in=${(e: CustomEvent<OfficialProfile>) => this.signedIn(e.detail)}></liuyan-console-sign-in>`;
    }
    // A password an admin set: the service answers nothing else until the official chooses one.
    if (this.profile?.mustChangePassword) {
      return html`<liuyan-console-account .profile=${this.profile} forced
        @liuyan-profile=${(e: CustomEvent<OfficialProfile>) => this.forcedChangeDone(e.detail)}></liuyan-console-account>`;
    }
    switch (r.page) {
      case 'message':
        return html`<liuyan-console-message .messageId=${r.id} .config=${this.config} .officialRole=${this.profile?.role ?? null}
          .backHref=${this.lastQueue || '#/queue'}></liuyan-console-message>`;
      case 'dashboard':
        return html`<liuyan-console-dashboard .profile=${this.profile}></liuyan-console-dashboard>`;
      case 'account':
        return html`<liuyan-console-account .profile=${this.profile}
          @liuyan-profile=${(e: CustomEvent<OfficialProfile>) => (this.profile = e.detail)}></liuyan-console-account>`;
      case 'admin':
        if (this.profile?.role !== 'admin') return html`<p class="error" role="alert">${this.t.noPermission}</p>`;
        if (this.adminError) return html`<p class="error" role="alert">${this.adminError}</p>`;
        if (!this.adminReady) return html`<p class="muted" role="status">${this.t.loading}</p>`;
        // Unit changes reach the queue's filters and the transfer picker.
        return html`<liuyan-console-admin .section=${r.section} .year=${r.year} .profile=${this.profile}
          @liuyan-units-changed=${() => this.profile && void this.loadSiteConfig(this.profile.site.id)}></liuyan-console-admin>`;
      default:
        return html`<liuyan-console-queue .filters=${r.filters ?? this.defaultQueue()} .config=${this.config} .profile=${this.profile}></liuyan-console-queue>`;
    }
  }
}

defineElement('liuyan-console', LiuyanConsole);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console': LiuyanConsole;
  }
}
