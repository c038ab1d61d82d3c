import type { MessageCreated } from '../../sdk/src/schemas/message';
import type { ProblemCode } from '../../sdk/src/schemas/error';

/** `liuyan-submitted`: a message was stored. The tracking code is deliberately not in it. */
export type LiuyanSubmittedDetail = Omit<MessageCreated, 'trackingCode'>;

/** `liuyan-error`: something went wrong that the citizen was told about. */
export interface LiuyanErrorDetail {
  code: ProblemCode | 'network';
  status: number;
  fields: string[];
}

/**
 * `liuyan-open`: a reader opened a public message in `<liuyan-list>`. Cancelable: a page that
 * shows messages its own way calls `preventDefault()` and the list stays as it is.
 */
export interface LiuyanOpenDetail {
  id: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'liuyan-submitted': CustomEvent<LiuyanSubmittedDetail>;
    'liuyan-error': CustomEvent<LiuyanErrorDetail>;
    'liuyan-open': CustomEvent<LiuyanOpenDetail>;
  }
}
