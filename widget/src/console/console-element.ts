import { fieldErrorMessage } from '../../../sdk/src/error-messages';
import { LiuyanError } from '../../../sdk/src/errors';
import { LiuyanElement } from '../internal/liuyan-element';
import { Localized } from '../internal/localize';
import { ConsoleApi } from './console-api';
import { consoleZhCN, type ConsoleStrings } from './strings.zh-cn';

/** One set of strings for the whole console: Chinese in the bundle, English fetched when shown. */
const consoleStrings = new Localized<ConsoleStrings>(consoleZhCN, async () => (await import('./strings.en')).consoleEn);

/** `liuyan-unauthenticated`: the session is gone (expired, revoked, signed out elsewhere). */
export const UNAUTHENTICATED = 'liuyan-unauthenticated';

/**
 * What every page of the console shares: its strings, requests to the console API, and how an
 * error from the service is told to the official — by its code, in the console's language.
 */
export abstract class ConsoleElement extends LiuyanElement<ConsoleStrings> {
  protected readonly strings = consoleStrings;

  protected get service(): ConsoleApi {
    return new ConsoleApi(this.locale);
  }

  /**
   * The sentence for a failed request. A 401 outside sign-in means the session ended: the app
   * hears `liuyan-unauthenticated` and returns to the sign-in page.
   */
  protected problemText(error: unknown): string {
    if (!(error instanceof LiuyanError)) return String(error);
    if (error.code === 'unauthenticated') this.emit(UNAUTHENTICATED, null);
    if (error.code === 'network') return this.t.networkError;
    return this.t.problems[error.code];
  }

  /** Field errors of a 422, by field, each in the console's language. */
  protected fieldErrors(error: unknown): Record<string, string> {
    if (!(error instanceof LiuyanError)) return {};
    return Object.fromEntries(error.fieldErrors.map((e) => [e.field, fieldErrorMessage(this.t.errors, e.field, e.code, e.params)]));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'liuyan-unauthenticated': CustomEvent<null>;
  }
}
