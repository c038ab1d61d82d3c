// The officials' side of the API, typed end to end: the console uses it, and so can an integration
// that signs in as an official. Types only come from the schemas, so no zod reaches a browser.
import type {
  Account, AdminUnit, AdminUnitListQuery, AdminUnitPage, CalendarDay, CalendarImportInput, CalendarInput, CalendarPeriodInput, CalendarRemovalInput, CreateAccountInput, CreateReplyTemplateInput,
  CreateUnitInput, ExportQuery, PasswordReset, ReplyTemplate, SiteSettings, UpdateAccountInput, UpdateReplyTemplateInput, UpdateSiteInput,
  UpdateUnitInput,
} from './schemas/admin';
import type { AuditPage, AuditQuery } from './schemas/audit';
import type { AdminCampaign, CreateCampaignInput, UpdateCampaignInput } from './schemas/campaign';
import type { CreateIntegrationKeyInput, IntegrationKey, IssuedIntegrationKey } from './schemas/integration-key';
import type {
  CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookDeliveriesQuery, WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret,
} from './schemas/webhook';
import type {
  DeadNotificationList, NotificationRecord, NotificationSettings, OfficialNotificationPrefs, UpdateNotificationSettingsInput,
} from './schemas/notifications';
import type { Dashboard } from './schemas/stats';
import type { ProtectionSettings, UpdateProtectionInput } from './schemas/protection';
import type { ChangePasswordInput, OfficialProfile, SignInInput, TotpConfirmInput, TotpEnrolInput, TotpEnrolment } from './schemas/auth';
import type {
  Action, AdoptInput, ConsoleMessage, Contact, ExtendInput, ExtensionPreview, NoteInput, QueuePage, QueueQuery, RejectInput, ReplyInput, TransferInput,
} from './schemas/console';
import type { FollowUpModerationInput, FoundMessage, PendingFollowUpPage, PendingFollowUpsQuery } from './schemas/console';
import type { HidePhotoInput } from './schemas/photo';
import { queryString, sendJson, type RequestSettings } from './request';

/**
 * Where each action on a message is posted, under `/v1/console/messages/{id}/`: the service's
 * routes are made from this map too.
 */
export const MESSAGE_ACTION_PATHS = {
  publish: 'publish', reject: 'reject', hide: 'hide', accept: 'accept', transfer: 'transfer', reply: 'reply',
  close: 'close', extend: 'extend', note: 'notes', reveal: 'reveal',
  adopt: 'adopt',
} as const satisfies Record<Action, string>;

/** What each action takes, and what it answers. */
export interface MessageActions {
  publish: { input: Record<string, never>; output: ConsoleMessage };
  reject: { input: RejectInput; output: ConsoleMessage };
  hide: { input: RejectInput; output: ConsoleMessage };
  accept: { input: Record<string, never>; output: ConsoleMessage };
  transfer: { input: TransferInput; output: ConsoleMessage };
  reply: { input: ReplyInput; output: ConsoleMessage };
  close: { input: Record<string, never>; output: ConsoleMessage };
  extend: { input: ExtendInput; output: ConsoleMessage };
  note: { input: NoteInput; output: ConsoleMessage };
  /** The citizen's contact details, for this answer only (audited). */
  reveal: { input: Record<string, never>; output: Contact };
  /** 采纳: marks a 建言 as adopted, with the public note. */
  adopt: { input: AdoptInput; output: ConsoleMessage };
}

export interface ConsoleClientOptions {
  /** Where the service runs; the console itself leaves it empty (same origin). */
  baseUrl?: string;
  /** Language for the service's error messages (`zh-CN` or `en`). */
  locale?: string;
  /** Give up on one attempt after this long, in milliseconds (default: no limit). */
  timeoutMs?: number;
  /** Attempts after the first for reads (GETs; changes are never repeated), default 0. */
  retries?: number;
  /**
   * For a script or server (Node, Deno, a Worker) rather than a browser: keep the session cookie
   * sign-in sets and send it, with the service's own `Origin` as its console pages do, on every
   * later request. A browser keeps the cookie itself (and forbids both headers): leave it off there.
   */
  keepSession?: boolean;
  fetch?: typeof fetch;
}

/**
 * Every console and admin call. Requests carry the session cookie (same origin, or `credentials:
 * 'include'` elsewhere) and are never cached; each rejects with a `LiuyanError` (see `requestJson`).
 */
export interface ConsoleClient {
  /** Starts a session (sets its cookie). */
  signIn(input: SignInInput): Promise<OfficialProfile>;
  /** The signed-in official; rejects with 401 `unauthenticated` without a live session. */
  me(): Promise<OfficialProfile>;
  signOut(): Promise<void>;
  /** Changes the official's own password (the current one is asked); their other sessions end. */
  changePassword(input: ChangePasswordInput): Promise<OfficialProfile>;
  totp: {
    /** A new authenticator secret, shown once; takes the password (and the current code when one is in use). */
    enrol(input: TotpEnrolInput): Promise<TotpEnrolment>;
    /** Turns the new authenticator on with its first code. */
    confirm(input: TotpConfirmInput): Promise<OfficialProfile>;
  };
  messages: {
    /** One page of the queue, with the counts of every tab. */
    list(query?: QueueQuery): Promise<QueuePage>;
    get(id: string): Promise<ConsoleMessage>;
    /** The message whose tracking code a citizen read out (sent in the body, never in an address); 404 when none in the official's units. */
    findByTrackingCode(trackingCode: string): Promise<FoundMessage>;
    /**
     * Runs an action on a message (publish, reply, transfer, …). With `version` (the `version` of the
     * message as the official read it), the action is refused with 412 `changed_since_read` if anyone
     * has handled the message since, instead of acting on what the official did not see. With
     * `idempotencyKey` (8–128 characters, one per action, the same on every retry of it; not for
     * reveal), an action already done answers as the first time and does nothing more.
     */
    act<A extends Action>(id: string, action: A, input: MessageActions[A]['input'], options?: { version?: string; idempotencyKey?: string }): Promise<MessageActions[A]['output']>;
    /** The deadline 延期 by `days` working days would set now; nothing is written. */
    previewExtension(id: string, days: number): Promise<ExtensionPreview>;
  };
  /** Citizens' follow-up questions (追问) whose words wait for a moderator before the public reads them. */
  followUps: {
    /** The site's pending ones, oldest first (moderators and admins). */
    pending(query?: PendingFollowUpsQuery): Promise<PendingFollowUpPage>;
    /** Publishes the words, or keeps them off the board for good (audited); answers with the message. */
    moderate(id: string, input: FollowUpModerationInput): Promise<ConsoleMessage>;
  };
  /** The reply templates officials choose from. */
  replyTemplates(): Promise<ReplyTemplate[]>;
  /** Which notices the official gets by e-mail (assigned, due soon, 督办), each of which they can turn off. */
  myNotifications: {
    get(): Promise<OfficialNotificationPrefs>;
    set(input: OfficialNotificationPrefs): Promise<OfficialNotificationPrefs>;
  };
  /** The official's dashboard: their units' rates and satisfaction, and what is overdue, due soon, 重办 and 督办. */
  dashboard(): Promise<Dashboard>;
  units: {
    /** The site's units with these ids (at most 100; unknown ones left out), each with the units above it: any official. */
    named(ids: readonly string[]): Promise<AdminUnitPage>;
  };
  /** The address of the CSV export (admins), for a link: the browser downloads it with the session. */
  exportUrl(query?: ExportQuery): string;
  /** The address of a photo sent with a message in the official's units, for an `<img>` (the browser sends the session); a message's `photos[].url` is the same. */
  photoUrl(photoId: string): string;
  photos: {
    /** Hides a photo from the public with a reason its author is told (moderators, admins; audited); answers with the message. */
    hide(photoId: string, input: HidePhotoInput): Promise<ConsoleMessage>;
    /** Shows a hidden photo again (audited); answers with the message. */
    unhide(photoId: string): Promise<ConsoleMessage>;
    /**
     * Where to POST a photo for a reply to `messageId` (raw bytes, or multipart `photo` + `thumbnail`,
     * with an Idempotency-Key), for an upload with progress (XMLHttpRequest); the reply then names it in `photos`.
     */
    replyUploadUrl(messageId: string): string;
  };
  admin: {
    site: { get(): Promise<SiteSettings>; update(input: UpdateSiteInput): Promise<SiteSettings> };
    calendar: {
      get(year: number): Promise<CalendarDay[]>;
      /** The whole year's days, replaced. */
      replace(input: CalendarInput): Promise<CalendarDay[]>;
      /** One holiday (days off from–to, and its 调休 make-up working days), merged into its year. */
      addPeriod(input: CalendarPeriodInput): Promise<CalendarDay[]>;
      /** Days taken out of a year (a holiday as it was shown); other days stay, one added meanwhile too. */
      removeDays(input: CalendarRemovalInput): Promise<CalendarDay[]>;
      /** The State Council's published schedule of a year, merged into the site's. */
      importNational(input: CalendarImportInput): Promise<CalendarDay[]>;
    };
    units: {
      /** One level a page at a time (`parent`, the top level without it; `cursor`), a search (`q`), or the units named (`ids`, comma-separated). */
      list(query?: AdminUnitListQuery): Promise<AdminUnitPage>;
      create(input: CreateUnitInput): Promise<AdminUnit>;
      update(id: string, input: UpdateUnitInput): Promise<AdminUnit>;
    };
    /** Suggestion drives (建言专栏): the latest to end first, with figures. */
    campaigns: {
      list(): Promise<AdminCampaign[]>;
      create(input: CreateCampaignInput): Promise<AdminCampaign>;
      update(id: string, input: UpdateCampaignInput): Promise<AdminCampaign>;
      /** Deletes a drive no message was sent to (409 `campaign_has_messages` otherwise). */
      remove(id: string): Promise<void>;
      /** Ends an open drive now: its form then refuses messages (409 `campaign_not_open` if it is not open). */
      end(id: string): Promise<AdminCampaign>;
    };
    /** Integration keys (Open311's api_key): newest first, never the keys themselves. */
    integrationKeys: {
      list(): Promise<IntegrationKey[]>;
      /** A new key, in `apiKey` this once: the service keeps only its hash. */
      issue(input: CreateIntegrationKeyInput): Promise<IssuedIntegrationKey>;
      /** Refused from now on; revoking a revoked key changes nothing. */
      revoke(id: string): Promise<IntegrationKey>;
    };
    /** Webhook endpoints: events POSTed, signed, to the site's own systems (secrets shown once). */
    webhooks: {
      list(): Promise<WebhookEndpoint[]>;
      /** A new endpoint, its signing secret in `secret` this once. */
      create(input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecret>;
      /** `enabled: false` turns it off, `true` on again. */
      update(id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint>;
      remove(id: string): Promise<void>;
      /** A new secret, shown once; the previous one signs too for 24 hours. */
      rotateSecret(id: string): Promise<WebhookEndpointWithSecret>;
      /** The endpoint's deliveries, newest first, with their last attempts. */
      deliveries(id: string, query?: WebhookDeliveriesQuery): Promise<WebhookDelivery[]>;
      /** Sends a delivery again now (a dead one, once the receiver works). */
      resend(id: string, deliveryId: string): Promise<WebhookDelivery>;
    };
    /** SMS and e-mail: the provider and its keys (the secret write-only), the sender, phone verification; dead notices. */
    notifications: {
      get(): Promise<NotificationSettings>;
      update(input: UpdateNotificationSettingsInput): Promise<NotificationSettings>;
      /** Notices every attempt of which failed, newest first. */
      dead(): Promise<DeadNotificationList>;
      /** Sends a dead notice again (a fresh retry schedule); asked again while it is on its way, nothing more is sent. */
      resend(noticeId: string): Promise<NotificationRecord>;
    };
    /** Word lists, what is held for a moderator, Turnstile (the secret write-only), how long contact details are kept. */
    protection: {
      get(): Promise<ProtectionSettings>;
      update(input: UpdateProtectionInput): Promise<ProtectionSettings>;
    };
    accounts: {
      list(): Promise<Account[]>;
      create(input: CreateAccountInput): Promise<Account>;
      update(id: string, input: UpdateAccountInput): Promise<Account>;
      /** A temporary password, shown once; the account must change it at its next sign-in. */
      resetPassword(id: string): Promise<PasswordReset>;
    };
    auditLog: {
      list(query?: AuditQuery): Promise<AuditPage>;
      /** The address of the same entries as CSV, for a link. */
      csvUrl(query?: Omit<AuditQuery, 'cursor' | 'limit'>): string;
    };
    replyTemplates: {
      list(): Promise<ReplyTemplate[]>;
      create(input: CreateReplyTemplateInput): Promise<ReplyTemplate>;
      update(id: string, input: UpdateReplyTemplateInput): Promise<ReplyTemplate>;
      remove(id: string): Promise<void>;
    };
  };
}

export function createConsoleClient(options: ConsoleClientOptions = {}): ConsoleClient {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const settings: RequestSettings = {
    fetch: options.keepSession ? keepingSession(doFetch, base) : doFetch,
    locale: options.locale, timeoutMs: options.timeoutMs, retries: options.retries ?? 0,
  };
  const init = (method: string): RequestInit & { body?: never } => ({
    method, cache: 'no-store', credentials: base === '' ? 'same-origin' : 'include',
  });
  const id = (value: string) => encodeURIComponent(value);
  const get = <T>(path: string) => sendJson<T>(settings, base + path, init('GET'));
  // Every console POST is JSON, `{}` when there is nothing to say.
  const post = <T>(path: string, body: unknown = {}) => sendJson<T>(settings, base + path, init('POST'), body);
  const patch = <T>(path: string, body: unknown) => sendJson<T>(settings, base + path, init('PATCH'), body);
  const put = <T>(path: string, body: unknown) => sendJson<T>(settings, base + path, init('PUT'), body);
  const remove = (path: string) => sendJson<void>(settings, base + path, init('DELETE'));

  return {
    signIn: (input) => post('/v1/auth/sign-in', input),
    me: () => get('/v1/console/me'),
    dashboard: () => get('/v1/console/dashboard'),
    units: {
      named: (ids) => get(`/v1/console/units${queryString({ ids: ids.join(',') })}`),
    },
    signOut: () => post('/v1/console/sign-out'),
    changePassword: (input) => post('/v1/console/password', input),
    totp: {
      enrol: (input) => post('/v1/console/totp/enrol', input),
      confirm: (input) => post('/v1/console/totp/confirm', input),
    },
    messages: {
      list: (query = {}) => get(`/v1/console/messages${queryString(query)}`),
      get: (message) => get(`/v1/console/messages/${id(message)}`),
      findByTrackingCode: (trackingCode) => post('/v1/console/messages/find', { trackingCode }),
      act: (message, action, input, { version, idempotencyKey } = {}) => sendJson(settings, `${base}/v1/console/messages/${id(message)}/${MESSAGE_ACTION_PATHS[action]}`,
        { ...init('POST'), headers: { ...(version ? { 'If-Match': `"${version}"` } : {}), ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) } }, input),
      previewExtension: (message, days) => get(`/v1/console/messages/${id(message)}/extension${queryString({ days })}`),
    },
    followUps: {
      pending: (query = {}) => get(`/v1/console/follow-ups${queryString(query)}`),
      moderate: (followUp, input) => post(`/v1/console/follow-ups/${id(followUp)}/moderation`, input),
    },
    replyTemplates: () => get('/v1/console/reply-templates'),
    myNotifications: {
      get: () => get('/v1/console/me/notifications'),
      set: (input) => put('/v1/console/me/notifications', input),
    },
    exportUrl: (query = {}) => `${base}/v1/console/export.csv${queryString(query)}`,
    photoUrl: (photoId) => `${base}/v1/console/photos/${encodeURIComponent(photoId)}`,
    photos: {
      hide: (photoId, input) => post(`/v1/console/photos/${id(photoId)}/hide`, input),
      unhide: (photoId) => post(`/v1/console/photos/${id(photoId)}/unhide`),
      replyUploadUrl: (messageId) => `${base}/v1/console/messages/${id(messageId)}/photos`,
    },
    admin: {
      site: { get: () => get('/v1/admin/site'), update: (input) => patch('/v1/admin/site', input) },
      calendar: {
        get: (year) => get(`/v1/admin/calendar${queryString({ year })}`),
        replace: (input) => put('/v1/admin/calendar', input),
        addPeriod: (input) => post('/v1/admin/calendar/periods', input),
        removeDays: (input) => post('/v1/admin/calendar/removals', input),
        importNational: (input) => post('/v1/admin/calendar/import', input),
      },
      units: {
        list: (query = {}) => get(`/v1/admin/units${queryString(query)}`),
        create: (input) => post('/v1/admin/units', input),
        update: (unit, input) => patch(`/v1/admin/units/${id(unit)}`, input),
      },
      campaigns: {
        list: () => get('/v1/admin/campaigns'),
        create: (input) => post('/v1/admin/campaigns', input),
        update: (campaign, input) => patch(`/v1/admin/campaigns/${id(campaign)}`, input),
        remove: (campaign) => remove(`/v1/admin/campaigns/${id(campaign)}`),
        end: (campaign) => post(`/v1/admin/campaigns/${id(campaign)}/end`),
      },
      integrationKeys: {
        list: () => get('/v1/admin/integration-keys'),
        issue: (input) => post('/v1/admin/integration-keys', input),
        revoke: (key) => post(`/v1/admin/integration-keys/${id(key)}/revoke`),
      },
      webhooks: {
        list: () => get('/v1/admin/webhooks'),
        create: (input) => post('/v1/admin/webhooks', input),
        update: (endpoint, input) => patch(`/v1/admin/webhooks/${id(endpoint)}`, input),
        remove: (endpoint) => remove(`/v1/admin/webhooks/${id(endpoint)}`),
        rotateSecret: (endpoint) => post(`/v1/admin/webhooks/${id(endpoint)}/rotate-secret`),
        deliveries: (endpoint, query = {}) => get(`/v1/admin/webhooks/${id(endpoint)}/deliveries${queryString(query)}`),
        resend: (endpoint, delivery) => post(`/v1/admin/webhooks/${id(endpoint)}/deliveries/${id(delivery)}/resend`),
      },
      notifications: {
        get: () => get('/v1/admin/notifications'),
        update: (input) => put('/v1/admin/notifications', input),
        dead: () => get('/v1/admin/notifications/dead'),
        resend: (notice) => post(`/v1/admin/notifications/${id(notice)}/resend`),
      },
      protection: {
        get: () => get('/v1/admin/protection'),
        update: (input) => put('/v1/admin/protection', input),
      },
      accounts: {
        list: () => get('/v1/admin/accounts'),
        create: (input) => post('/v1/admin/accounts', input),
        update: (account, input) => patch(`/v1/admin/accounts/${id(account)}`, input),
        resetPassword: (account) => post(`/v1/admin/accounts/${id(account)}/password-reset`),
      },
      auditLog: {
        list: (query = {}) => get(`/v1/admin/audit-log${queryString(query)}`),
        csvUrl: (query = {}) => `${base}/v1/admin/audit-log.csv${queryString(query)}`,
      },
      replyTemplates: {
        list: () => get('/v1/admin/reply-templates'),
        create: (input) => post('/v1/admin/reply-templates', input),
        update: (template, input) => patch(`/v1/admin/reply-templates/${id(template)}`, input),
        remove: (template) => remove(`/v1/admin/reply-templates/${id(template)}`),
      },
    },
  };
}

/** The console's session cookie, as sign-in sets it (`__Host-`: this origin only, Secure, path /). */
const SESSION_COOKIE = '__Host-liuyan_session';

/**
 * `fetch` as a browser on the console's own pages would make it, for a client that is no browser:
 * the session cookie sign-in set goes back with each request (dropped when the service clears
 * it), and `Origin` is the service's own, which its check against other sites' pages expects.
 */
function keepingSession(doFetch: typeof fetch, base: string): typeof fetch {
  if (base === '') throw new TypeError('keepSession needs the baseUrl of the service');
  const origin = new URL(base).origin;
  let cookie: string | null = null;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Origin', origin);
    if (cookie) headers.set('Cookie', cookie);
    const response = await doFetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      if (!pair.startsWith(`${SESSION_COOKIE}=`)) continue;
      const cleared = pair === `${SESSION_COOKIE}=` || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      cookie = cleared ? null : pair.trim();
    }
    return response;
  };
}
