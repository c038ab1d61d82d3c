import type { Theme } from '../sdk/src/themes';
import { LitElement } from 'lit';
import { createClient, type LiuyanClient } from '../sdk/src/client';
import type { Locale } from '../sdk/src/languages';
import { localeOf, type Localized } from './localize';
import { fetchPreloaded } from './preload';

/** Where the service is: the origin this script was loaded from, unless the page says otherwise. */
const scriptOrigin = new URL(import.meta.url).origin;

/** Elements on the page, redrawn when a `lang` they follow changes (`watchPageLanguage`). */
const connected = new Set<LitElement>();
let pageLanguage: MutationObserver | undefined;

/**
 * Watches every `lang` of the page's document (`<html lang>`, an ancestor's): a page that switches its
 * language in place, without a reload, gets its elements in the new one at once. One observer for all
 * elements; a `lang` inside another element's shadow root is that element's (its `lang` property).
 */
function watchPageLanguage(): void {
  pageLanguage ??= new MutationObserver(() => connected.forEach((element) => element.requestUpdate()));
  pageLanguage.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** The values of every element's `theme` attribute. */
export type LiuyanTheme = Theme;

/**
 * What every Liuyan element shares: the `site` and `api` attributes, a client for the service,
 * and its strings (`T`) in the element's language.
 */
export abstract class LiuyanElement<T> extends LitElement {
  static override properties = {
    site: { type: String, reflect: true },
    api: { type: String },
    // Watched so that changing it redraws the element in the new language.
    lang: { type: String, reflect: true },
    theme: { type: String, reflect: true },
  };

  /** The site id, e.g. `demo`. */
  site = '';
  /** The service's base URL; defaults to where the widget script came from. */
  api = '';
  /**
   * The element's language (`zh-CN`, `zh-TW`, `en`; also `zh-HK`, `zh-Hant`, `en-GB` …); unset: its
   * ancestors' `lang`, then the page's `<html lang>` (`ui/localize.ts`, `localeOf`).
   */
  declare lang: string;
  /**
   * The element's colours (ui/tokens.styles.ts): `light`, `dark`, `auto` (follows the system's
   * `prefers-color-scheme`, and `prefers-contrast: more` as high contrast) or `high-contrast`; unset:
   * the page's own background shows through.
   */
  declare theme: LiuyanTheme | undefined;

  protected abstract readonly strings: Localized<T>;

  override connectedCallback(): void {
    super.connectedCallback();
    if (connected.size === 0) watchPageLanguage();
    connected.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  protected get locale(): Locale {
    return localeOf(this);
  }

  protected get t(): T {
    return this.strings.get(this.locale);
  }

  /** Renders once the element's language is at hand (at once for Chinese; in Chinese meanwhile, offline: `loadOrWait`). */
  protected override async scheduleUpdate(): Promise<void> {
    await this.strings.loadOrWait(this.locale, this);
    super.scheduleUpdate();
  }

  /** The service's base URL, for what the client does not do (a photo upload with its progress). */
  protected get apiBase(): string {
    return this.api || scriptOrigin;
  }

  protected client(): LiuyanClient {
    // The site config may be on its way already: the loader asked for it (ui/preload.ts).
    return createClient({ baseUrl: this.api || scriptOrigin, site: this.site, locale: this.locale, fetch: fetchPreloaded });
  }

  /**
   * Events bubble out of the shadow root so the host page can listen anywhere. Returns false when
   * the page cancelled a `cancelable` event (`preventDefault()`).
   */
  protected emit<D>(type: string, detail: D, { cancelable = false }: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent<D>(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}

/** Registers a tag once; a second copy of the script on the same page is harmless. */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
