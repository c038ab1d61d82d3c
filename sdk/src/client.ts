import { siteConfigAddress } from './preloaded';
import { queryString, sendJson, type CallOptions, type JsonRequestInit, type RequestSettings, type RetryNotice } from './request';
import type {
  CreateMessageInput, FollowUpInput, ListMessagesQuery, MessageCreated, MessagePage, PublicMessage, PublicMessageDetail, RateInput,
  SupportResult, TrackedMessage,
} from './schemas/message';
import type { Erased, MyData } from './schemas/my-data';
import type { SiteConfig, UnitList, UnitListQuery } from './schemas/site';
import type { Campaign, CampaignList } from './schemas/campaign';
import type { Stats, StatsQuery } from './schemas/stats';
import type { RecoveryAccepted, VerificationCodeSent } from './schemas/notifications';

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
  /** The longest `Retry-After` the client waits out before a retry (default 30 s); a longer one is reported as the error. */
  maxRetryDelayMs?: number;
  /**
   * A D1 read-replication bookmark to start from (what `client.bookmark` said in an earlier process),
   * so reads see writes made before. The client keeps the latest one the service gives by itself.
   * `false`: send none — for a page on another origin, where the header would cost a CORS preflight
   * per address (the service then starts each request at the primary database, which has every write).
   */
  bookmark?: string | null | false;
  /**
   * A random token that stands for this reader when they support a message (我也关注): the same token
   * supports a message once. Keep it across visits (the widget keeps it in localStorage); the client
   * makes one of its own when it is not given, good for as long as the client lives.
   */
  supporter?: string;
  fetch?: typeof fetch;
}

export type { CallOptions, RetryNotice };

export interface SubmitOptions extends CallOptions {
  /**
   * Reuse this key to make a resubmission (after a reload, say) land on the same message.
   * The client makes one when it is not given, and keeps it across its own retries.
   */
  idempotencyKey?: string;
}

export interface LiuyanClient {
  /** `fresh`: ask the service again instead of a copy the browser may keep for a minute (after a change). */
  getSite(options?: { fresh?: boolean } & CallOptions): Promise<SiteConfig>;
  /**
   * Who to write to when the site config carries the top level only (`unitsComplete: false`): the
   * children of `parent` (the top level without it), or up to 20 units whose name contains `q`,
   * each with the names above it. 422 `validation` with a field error `unknown_unit` on `parent` for a unit the site does not have.
   */
  listUnits(query?: UnitListQuery, options?: CallOptions): Promise<UnitList>;
  /** One page of the public board; pass `nextCursor` back as `cursor` for the next. */
  listMessages(query?: ListMessagesQuery, options?: CallOptions): Promise<MessagePage>;
  /** Every public message matching `query`, page after page. */
  messages(query?: Omit<ListMessagesQuery, 'cursor'>, options?: CallOptions): AsyncIterableIterator<PublicMessage>;
  /** One public message with its replies and public timeline. */
  getMessage(id: string, options?: CallOptions): Promise<PublicMessageDetail>;
  /** The site's suggestion drives (建言专栏), the latest to end first, with their figures. */
  listCampaigns(options?: CallOptions): Promise<CampaignList>;
  /** One drive by slug: whether it is open now, its choices, outlets and figures. 404 not_found for none. `fresh`: past the copy the browser may keep for half a minute. */
  getCampaign(slug: string, options?: { fresh?: boolean } & CallOptions): Promise<Campaign>;
  /** The site's statistics (reply rate, on-time rate, satisfaction, monthly series, ranking); see STATS_DEFINITIONS. */
  getStats(query?: StatsQuery, options?: CallOptions): Promise<Stats>;
  submitMessage(input: CreateMessageInput, options?: SubmitOptions): Promise<MessageCreated>;
  /** The author's own view of their message. Never retried: a wrong code fails fast, and the code does not wait in a retry. */
  track(trackingCode: string, options?: CallOptions): Promise<TrackedMessage>;
  /**
   * Sends a 6-digit SMS code to `phone`, for a submission on a site that asks for one
   * (`notifications.phoneVerification` in the site config). 409 `sms_unavailable` where it does not;
   * 429 with Retry-After when asked again within a minute (or too often for the phone or the address).
   */
  requestVerificationCode(phone: string, options?: CallOptions): Promise<VerificationCodeSent>;
  /**
   * A lost tracking code: new codes for the messages given with this phone or e-mail are sent to it
   * (each old code stops working once its new one is first used). The answer is the same whether or not any message matched.
   */
  recoverTrackingCodes(contact: string, options?: CallOptions): Promise<RecoveryAccepted>;
  /** My data: everything stored about the message of this tracking code, contact details included (to save as JSON). */
  exportMyData(trackingCode: string, options?: CallOptions): Promise<MyData>;
  /** My data: erases the author's name, phone and email for good; the message stays on the record. Asking again changes nothing. */
  eraseMyData(trackingCode: string, options?: CallOptions): Promise<Erased>;
  /**
   * Rates the latest final reply of the message with this tracking code (once per reply; 2 or less
   * re-opens it). Sending the same rating again changes nothing, so it is retried on no answer or a
   * 5xx. Answers the tracked view after it.
   */
  rate(input: RateInput, options?: CallOptions): Promise<TrackedMessage>;
  /** Asks a follow-up question (追问) after a reply; it re-opens the message. The same question again is stored once (retried as a rating is). Answers the tracked view after it. */
  followUp(input: FollowUpInput, options?: CallOptions): Promise<TrackedMessage>;
  /**
   * 我也关注: adds this reader's support to a public message, once; sending it again changes nothing.
   * `supporter` overrides the client's token (a server relaying its own readers' supports).
   */
  support(id: string, options?: { supporter?: string } & CallOptions): Promise<SupportResult>;
  /**
   * The latest D1 read-replication bookmark the service gave (`x-d1-bookmark`), sent with every
   * request; keep it to start another client from it (`ClientOptions.bookmark`). Null before any
   * answer, and always with `bookmark: false`.
   */
  readonly bookmark: string | null;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** A supporter token: 128 random bits, URL-safe. */
export function newSupporterToken(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/**
 * The public API of one site (`/v1/sites/{site}/…`): reads retried when they fail for want of an
 * answer, writes only when they carry an Idempotency-Key (a submission) or count once anyway (a support).
 */
export function createClient(options: ClientOptions): LiuyanClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const sitePath = siteConfigAddress(base, options.site);
  const supporter = options.supporter ?? newSupporterToken();
  const session = options.bookmark === false ? undefined : { bookmark: options.bookmark ?? null };
  const settings: RequestSettings = {
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis), locale: options.locale, session,
    timeoutMs: options.timeoutMs ?? 15_000, retries: options.retries ?? 4, maxRetryDelayMs: options.maxRetryDelayMs,
  };

  const get = <T>(url: string, call: CallOptions = {}, init: JsonRequestInit = {}) => sendJson<T>(settings, url, { method: 'GET', ...init }, undefined, call);
  const post = <T>(url: string, body: unknown, call: CallOptions = {}, init: JsonRequestInit = {}) =>
    sendJson<T>(settings, url, { method: 'POST', ...init }, body, call);

  function listMessages(query: ListMessagesQuery = {}, call?: CallOptions): Promise<MessagePage> {
    return get<MessagePage>(`${sitePath}/messages${queryString(query)}`, call);
  }

  return {
    getSite: ({ fresh = false, ...call } = {}) => get<SiteConfig>(sitePath, call, fresh ? { cache: 'no-cache' } : {}),
    listUnits: (query = {}, call = {}) => get<UnitList>(`${sitePath}/units${queryString(query)}`, call),

    listMessages,

    async *messages(query = {}, call) {
      for (let cursor: string | undefined; ; ) {
        const page = await listMessages({ ...query, cursor }, call);
        yield* page.items;
        if (!page.nextCursor) return;
        cursor = page.nextCursor;
      }
    },

    getMessage: (id, call) => get<PublicMessageDetail>(`${sitePath}/messages/${encodeURIComponent(id)}`, call),
    getStats: (query = {}, call) => get<Stats>(`${sitePath}/stats${queryString(query)}`, call),

    listCampaigns: (call) => get<CampaignList>(`${sitePath}/campaigns`, call),

    getCampaign: (slug, { fresh = false, ...call } = {}) => get<Campaign>(`${sitePath}/campaigns/${encodeURIComponent(slug)}`, call, fresh ? { cache: 'no-cache' } : {}),

    submitMessage: (input, { idempotencyKey = newIdempotencyKey(), ...call } = {}) =>
      post<MessageCreated>(`${sitePath}/messages`, input, call, { headers: { 'Idempotency-Key': idempotencyKey } }),

    // Not retried: a wrong code should fail fast, and the code must not sit in a retry queue.
    track: (trackingCode, call) => post<TrackedMessage>(`${sitePath}/track`, { trackingCode }, call),
    // Retried like a submission: the same rating, or the same question, sent again is answered as the
    // first and stored once (one of each per reply), so an answer lost on the way is not a failure.
    rate: (input, call) => post<TrackedMessage>(`${sitePath}/track/rating`, input, call, { idempotent: true }),
    followUp: (input, call) => post<TrackedMessage>(`${sitePath}/track/follow-ups`, input, call, { idempotent: true }),
    requestVerificationCode: (phone, call) => post<VerificationCodeSent>(`${sitePath}/verification-codes`, { phone }, call),
    recoverTrackingCodes: (contact, call) => post<RecoveryAccepted>(`${sitePath}/track/recover`, { contact }, call),
    exportMyData: (trackingCode, call) => post<MyData>(`${sitePath}/my-data`, { trackingCode }, call),
    eraseMyData: (trackingCode, call) => post<Erased>(`${sitePath}/my-data/erase`, { trackingCode }, call),

    // Safe to repeat: a support counts once per supporter.
    support: (id, { supporter: token = supporter, ...call } = {}) =>
      post<SupportResult>(`${sitePath}/messages/${encodeURIComponent(id)}/support`, { supporter: token }, call, { idempotent: true }),

    get bookmark() {
      return session?.bookmark ?? null;
    },
  };
}
