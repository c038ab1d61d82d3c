// An element's language, in a module of its own: the widget's loader reads it (for the form it asks
// for early, liuyan-form/early-form.ts) without the rest of ui/localize.ts.
import { pickLocale, type Locale } from '../sdk/src/languages';

/**
 * The element's language: the `lang` of the element or of its nearest ancestor (crossing shadow roots,
 * so an element inside another's follows it), else the page's `<html lang>`; read by `pickLocale`
 * (zh-TW, zh-HK, zh-Hant… → zh-TW; en… → en; anything else → zh-CN).
 */
export function localeOf(element: HTMLElement): Locale {
  let node: Element | null = element;
  while (node) {
    const tagged = node.closest('[lang]');
    if (tagged) return pickLocale(tagged.getAttribute('lang'));
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return pickLocale(document.documentElement.lang);
}
