import { LiuyanError } from './errors';
import { queryString, requestJson } from './request';
import type {
  CreateMessageInput, FollowUpInput, ListMessagesQuery, MessageCreated, MessagePage, PublicMessage, PublicMessageDetail, RateInput,
  SupportResult, TrackedMessage,
} from './schemas/message';
import type { Erased, MyData } from './schemas/my-data';
import type { SiteConfig, UnitList, UnitListQuery } from './schemas/site';
import type { Campaign, CampaignList } from './schemas/campaign';
import type { Stats, StatsQuery } from './schemas/stats';

export interface ClientOptions {
  /** Where the service runs, e.g. `https://liuyan.example.gov.cn`. */
  baseUrl: string;
  /** The site id, e.g. `demo`. */
  site: string;
  /** Language for the service's error messages (`zh-CN` or `en`). */
  locale?: string;
  /** Attempts after the first for requests that are safe to repeat (default 4). */
  retries?: number;
  /** Give up on one attempt after this long (default 15 s). */
  timeoutMs?: number;
  /**
   * A random token that stands for this reader when they support a message (我也关注): the same token
   * supports a message once. Keep it across visits (the widget keeps it in localStorage); the client
   * makes one of its own when it is not given, good for as long as the client lives.
   */
  supporter?: string;
  fetch?: typeof fetch;
}

export interface RetryNotice {
  /** The attempt about to be made, counting from 2. */
  attempt: number;
  delayMs: number;
  error: LiuyanError;
}

export interface SubmitOptions {
  /**
   * Reuse this key to make a resubmission (after a reload, say) land on the same message.
   * The client makes one when it is not given, and keeps it across its own retries.
   */
  idempotencyKey?: string;
  onRetry?: (notice: RetryNotice) => void;
  signal?: AbortSignal;
}

export interface LiuyanClient {
  /** `fresh`: ask the service again instead of a copy the browser may keep for a minute (after a change). */
  getSite(options?: { fresh?: boolean }): Promise<SiteConfig>;
  /**
   * Who to write to when the site config carries the top level only (`unitsComplete: false`): the
   * children of `parent` (the top level without it), or up to 20 units whose name contains `q`,
   * each with the names above it. 400 `unknown_unit` on `parent` for a unit the site does not have.
   */
  listUnits(query?: UnitListQuery): Promise<UnitList>;
  /** One page of the public board; pass `nextCursor` back as `cursor` for the next. */
  listMessages(query?: ListMessagesQuery): Promise<MessagePage>;
  /** Every public message matching `query`, page after page. */
  messages(query?: Omit<ListMessagesQuery, 'cursor'>): AsyncIterableIterator<PublicMessage>;
  /** One public message with its replies and public timeline. */
  getMessage(id: string): Promise<PublicMessageDetail>;
  /** The site's suggestion drives (建言专栏), the latest to end first, with their figures. */
  listCampaigns(): Promise<CampaignList>;
  /** One drive by slug: whether it is open now, its choices, outlets and figures. 404 not_found for none. */
  getCampaign(slug: string): Promise<Campaign>;
  /** The site's statistics (reply rate, on-time rate, satisfaction, monthly series, ranking); see STATS_DEFINITIONS. */
  getStats(query?: StatsQuery): Promise<Stats>;
  submitMessage(input: CreateMessageInput, options?: SubmitOptions): Promise<MessageCreated>;
  track(trackingCode: string): Promise<TrackedMessage>;
  /** My data: everything stored about the message of this tracking code, contact details included (to save as JSON). */
  exportMyData(trackingCode: string): Promise<MyData>;
  /** My data: erases the author's name, phone and email for good; the message stays on the record. Asking again changes nothing. */
  eraseMyData(trackingCode: string): Promise<Erased>;
  /**
   * Rates the latest final reply of the message with this tracking code (once per reply; 2 or less
   * re-opens it). Sending the same rating again changes nothing. Answers the tracked view after it.
   */
  rate(input: RateInput): Promise<TrackedMessage>;
  /** Asks a follow-up question (追问) after a reply; it re-opens the message. Answers the tracked view after it. */
  followUp(input: FollowUpInput): Promise<TrackedMessage>;
  /**
   * 我也关注: adds this reader's support to a public message, once; sending it again changes nothing.
   * `supporter` overrides the client's token (a server relaying its own readers' supports).
   */
  support(id: string, options?: { supporter?: string }): Promise<SupportResult>;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** A supporter token: 128 random bits, URL-safe. */
export function newSupporterToken(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

export function createClient(options: ClientOptions): LiuyanClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const sitePath = `${base}/v1/sites/${encodeURIComponent(options.site)}`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retries = options.retries ?? 4;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const supporter = options.supporter ?? newSupporterToken();

  const settings = { fetch: doFetch, locale: options.locale, timeoutMs };
  const once = <T>(url: string, init: RequestInit & { json?: unknown }): Promise<T> => {
    const { json, ...rest } = init;
    return requestJson<T>(settings, url, rest as RequestInit & { body?: never }, json);
  };

  /** Repeats only what is safe to repeat: the caller guarantees the request is idempotent. */
  async function withRetries<T>(run: () => Promise<T>, onRetry?: (n: RetryNotice) => void, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof LiuyanError) || !error.retryable || attempt > retries) throw error;
        const delayMs = Math.min(8_000, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
        onRetry?.({ attempt: attempt + 1, delayMs, error });
        await sleep(delayMs, signal);
      }
    }
  }

  const postJson = (json: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) => ({ method: 'POST', headers, json, signal });

  const get = <T>(url: string, init: RequestInit = {}) => withRetries(() => once<T>(url, { method: 'GET', ...init }));

  function listMessages(query: ListMessagesQuery = {}): Promise<MessagePage> {
    return get<MessagePage>(`${sitePath}/messages${queryString(query)}`);
  }

  return {
    getSite: ({ fresh = false } = {}) => get<SiteConfig>(sitePath, fresh ? { cache: 'no-cache' } : {}),
    listUnits: (query = {}) => get<UnitList>(`${sitePath}/units${queryString(query)}`),

    listMessages,

    async *messages(query = {}) {
      for (let cursor: string | undefined; ; ) {
        const page = await listMessages({ ...query, cursor });
        yield* page.items;
        if (!page.nextCursor) return;
        cursor = page.nextCursor;
      }
    },

    getMessage: (id) => get<PublicMessageDetail>(`${sitePath}/messages/${encodeURIComponent(id)}`),
    getStats: (query = {}) => get<Stats>(`${sitePath}/stats${queryString(query)}`),

    listCampaigns: () => get<CampaignList>(`${sitePath}/campaigns`),

    getCampaign: (slug) => get<Campaign>(`${sitePath}/campaigns/${encodeURIComponent(slug)}`),

    submitMessage(input, { idempotencyKey = newIdempotencyKey(), onRetry, signal } = {}) {
      const init = postJson(input, { 'Idempotency-Key': idempotencyKey }, signal);
      return withRetries(() => once<MessageCreated>(`${sitePath}/messages`, init), onRetry, signal);
    },

    // Not retried: a wrong code should fail fast, and the code must not sit in a retry queue.
    track: (trackingCode) => once<TrackedMessage>(`${sitePath}/track`, postJson({ trackingCode })),
    rate: (input) => once<TrackedMessage>(`${sitePath}/track/rating`, postJson(input)),
    followUp: (input) => once<TrackedMessage>(`${sitePath}/track/follow-ups`, postJson(input)),
    exportMyData: (trackingCode) => once<MyData>(`${sitePath}/my-data`, postJson({ trackingCode })),
    eraseMyData: (trackingCode) => once<Erased>(`${sitePath}/my-data/erase`, postJson({ trackingCode })),

    // Safe to repeat: a support counts once per supporter.
    support: (id, { supporter: token = supporter } = {}) =>
      withRetries(() => once<SupportResult>(`${sitePath}/messages/${encodeURIComponent(id)}/support`, postJson({ supporter: token }))),
  };
}
