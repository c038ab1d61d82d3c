import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Compilable } from 'kysely';
import { localeFromAcceptLanguage, type Locale } from '../../../sdk/src/languages';
import { withCode } from '../../../sdk/src/schemas/error';
import { AuthorInputSchema, CreateMessageInputSchema, MessageCreatedSchema, type MessageCreated } from '../../../sdk/src/schemas/message';
import { visibleLength } from '../../../sdk/src/text';
import { newRouteGroup, type ValidationHook } from '../app';
import type { AppEnv } from '../env';
import { rowsOf, type SiteDatabase } from '../db/client';
import { liveIdempotencyRecordQuery, submissionStatements } from '../db/messages';
import { submissionReads, submissionRider, type SubmissionReads } from '../db/submission-reads';
import { activeUnitQuery, findActiveUnit, findCampaign, isWithinAny, type Site } from '../db/sites';
import { outletFor } from '../db/campaigns';
import { attachPhotoStatements, freePhotosQuery, namedPhotoProblems, photoRefProblems } from '../db/photos';
import { ApiError, fieldProblemsOf, validationError, type FieldProblem } from '../errors';
import { dueAfterWorkingDays } from '../lib/calendar';
import { createCipher, keyedHash, newId, type Cipher } from '../lib/crypto';
import { displayName } from '../../../sdk/src/display-name';
import { countersFor, countStatements, secondsUntilAllowed } from '../db/submission-limits';
import { clientAddress } from '../lib/client-address';
import { parsePhone } from '../lib/phone';
import { tooManyRequests, withinLimit } from '../middleware/rate-limit';
import { ridersReads, rodeWithSite } from '../middleware/site-scope';
import { localDay, toSiteTime } from '../lib/site-time';
import { newTrackingCode, normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { bodyErrorResponses, limitedResponses, SiteParamsSchema, siteErrorResponses } from './openapi-common';
import { emailHash, phoneHash } from '../notifications/store';
import { checkVerificationCode } from '../notifications/verification';
import { claimEvents } from '../queue/outbox';
import { asksForTurnstile, bannedWordProblems, requireTurnstile, screenMessage } from '../protection/screening';

export const messages = newRouteGroup();

/** Answers to a submission are kept (encrypted) this long, so retries within it land on the same message. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The contract's submission, with the check of the phone number against the numbering plans
 * (libphonenumber runs on the service only; the widget lets the service decide).
 */
export const SubmissionSchema = CreateMessageInputSchema.extend({
  author: AuthorInputSchema.extend({
    phone: AuthorInputSchema.shape.phone.refine((phone) => parsePhone(phone) !== null, withCode('invalid_phone')),
  }),
}).meta({ examples: CreateMessageInputSchema.meta()?.examples }); // the contract's example, which .extend() does not carry

const submitMessage = createRoute({
  operationId: 'submitMessage',
  method: 'post',
  path: '/v1/sites/{site}/messages',
  summary: 'Submit a message; answers once with the private tracking code',
  request: {
    params: SiteParamsSchema,
    headers: z.object({
      // `open311:` begins the keys Open311's POST makes for its integrations (routes/open311.ts): a key
      // of this API may never stand for one of theirs.
      'idempotency-key': z.string().min(8).max(128).refine((key) => !key.startsWith('open311:'), withCode('invalid'))
        .describe('one per submission, reused on every retry of it; not beginning with `open311:`').meta({ examples: ['6f1c2b9e-3d4a-4f8b-9a7e-2c5d8e1f0a3b'] }),
    }),
    body: { required: true, content: { 'application/json': { schema: SubmissionSchema } } },
  },
  responses: {
    201: { description: 'stored (or already stored under this Idempotency-Key)', content: { 'application/json': { schema: MessageCreatedSchema } } },
    ...siteErrorResponses,
    ...bodyErrorResponses,
    ...limitedResponses,
  },
});

export type SubmitInput = z.output<typeof SubmissionSchema>;

/**
 * The site's own rules for a submission: its minimum lengths of title and body (counting what shows:
 * 路 and three zero-width spaces are one character), its types and domains. Each is checked only for
 * a value given (`undefined`: not yet known, say a field the contract's check already refused).
 */
export function siteRuleProblems(site: Pick<Site, 'titleMin' | 'bodyMin' | 'types' | 'domains'>, input: { title?: string; body?: string; type?: string; domain?: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.title !== undefined && visibleLength(input.title) < site.titleMin) problems.push({ field: 'title', code: 'too_short', params: { min: site.titleMin } });
  if (input.body !== undefined && visibleLength(input.body) < site.bodyMin) problems.push({ field: 'body', code: 'too_short', params: { min: site.bodyMin } });
  if (input.type !== undefined && !(site.types as string[]).includes(input.type)) problems.push({ field: 'type', code: 'type_not_allowed' });
  if (input.domain !== undefined && !(site.domains as string[]).includes(input.domain)) problems.push({ field: 'domain', code: 'domain_not_allowed' });
  return problems;
}

/**
 * Checks that need the site's data: whether the campaign takes the message (its window, its units'
 * subtrees, types and domains, and the outlet `origin` is on), the site's types, domains and minimum
 * lengths. A browser on a page that is not one of the campaign's outlets is refused (403
 * origin_not_allowed); the outlet's name is recorded with the message. Whether the unit takes
 * messages is checked by the write batch itself (`submissionStatements`).
 */
async function addressingOf(db: SiteDatabase, site: Site, input: SubmitInput, now: string, origin: string | undefined, own: string): Promise<{ campaignId: string | null; outlet: string | null; problems: FieldProblem[] }> {
  const campaign = input.campaign ? await findCampaign(db, site.id, input.campaign) : null;
  let outlet: string | null = null;
  const problems: FieldProblem[] = siteRuleProblems(site, input);
  if (input.campaign) {
    if (!campaign) problems.push({ field: 'campaign', code: 'unknown_campaign' });
    else if (now < campaign.starts_at) problems.push({ field: 'campaign', code: 'campaign_not_started' });
    else if (now >= campaign.ends_at) problems.push({ field: 'campaign', code: 'campaign_closed' });
    else {
      const only = <T>(json: string, value: T) => {
        const allowed = JSON.parse(json) as T[];
        return allowed.length === 0 || allowed.includes(value);
      };
      const from = outletFor(campaign, origin, own);
      if (from === 'refused') throw new ApiError('origin_not_allowed');
      outlet = from.outlet;
      // A target unit stands for its whole subtree (a city and its districts).
      const targets = JSON.parse(campaign.unit_ids) as string[];
      if (targets.length > 0) {
        if (!(await isWithinAny(db, input.unitId, targets))) problems.push({ field: 'unitId', code: 'invalid_choice' });
      }
      if (!only(campaign.types, input.type)) problems.push({ field: 'type', code: 'type_not_allowed' });
      if (!only(campaign.domains, input.domain)) problems.push({ field: 'domain', code: 'domain_not_allowed' });
    }
  }
  return { campaignId: campaign?.id ?? null, outlet, problems };
}

interface Replay {
  site: Site;
  key: string;
  requestHash: string;
  cipher: Cipher;
}

/**
 * The answer already given under this key (`record`: the key's live record, as read with the
 * submission's other reads or after its batch failed), or null. A different body under the same key is refused.
 */
async function earlierAnswer({ site, key, requestHash, cipher }: Replay, record: SubmissionReads['earlier']): Promise<MessageCreated | null> {
  if (!record) return null;
  if (record.request_hash !== requestHash) throw new ApiError('idempotency_key_reused');
  return JSON.parse(await cipher.decrypt(record.response_enc, `idempotency:${site.id}:${key}`)) as MessageCreated;
}

messages.openapi(submitMessage, async (c) => {
  // The answer carries the tracking code: no cache anywhere may keep it (a shared or café computer).
  c.header('Cache-Control', 'no-store');
  return c.json(await storeSubmission(c, c.req.valid('json'), c.req.valid('header')['idempotency-key']), 201);
}, (async (result, c) => {
  if (result.success) return;
  const problems = fieldProblemsOf(result.error!);
  // A body the contract refuses is judged by the site's own rules too (its minimum lengths, its types
  // and domains, its banned words), for the fields the contract let through: every field in error is
  // named at once, as the write page does, rather than a too-short title only after the phone is
  // right, or a banned word only after the title is filled in.
  if (result.target === 'json') {
    const body = (typeof result.data === 'object' && result.data !== null ? result.data : {}) as Record<string, unknown>;
    const given = (field: 'title' | 'body' | 'region' | 'type' | 'domain') => {
      const value = body[field];
      return typeof value === 'string' && !problems.some((p) => p.field === field) ? value.trim() : undefined;
    };
    // The screening settings rode with the site's lookup (`submissionRider`): no round trip more.
    const { protection } = (await ridersReads(c, submissionRider))!;
    problems.push(
      ...siteRuleProblems(c.get('site'), { title: given('title'), body: given('body'), type: given('type'), domain: given('domain') }),
      ...bannedWordProblems(protection, { title: given('title'), body: given('body'), region: given('region') }),
    );
  }
  throw validationError(problems);
}) satisfies ValidationHook as never);

/** What a way in adds to `storeSubmission`. */
export interface StoreOptions {
  /** Statements for the submission's batch (written with the message or not at all), given the new message's id. */
  also?: (messageId: string) => Compilable<unknown>[];
  /**
   * The integration key a platform (a 12345 hotline) relays its citizens' messages with: they all come
   * from its server's one address, so the per-address cap does not apply and the flood filter counts
   * per key; the caps per phone and per site hold as for anyone.
   */
  integrationKeyId?: string | undefined;
  /** How long the key is kept (ms; 24 hours by default). */
  keepKeyMs?: number | undefined;
  /**
   * The website the message was written on (the request's Origin unless said otherwise: the write
   * page's confirmed form carries the one it was first sent from).
   */
  sourceOrigin?: string | undefined;
  /** The submission's reads (`submissionReadsPlan`) under this key, where the way in made them with its own. */
  reads?: SubmissionReads | undefined;
  /**
   * The language the citizen wrote in, which their notices (a reply, a new code) read in: the page's
   * for the write page's form; else the request's `Accept-Language` (the widget's SDK sends the element's).
   */
  locale?: Locale | undefined;
}

/**
 * Stores a checked submission under its idempotency key and gives the answer (or the answer already
 * given under that key): the one path every way in takes (the widget's JSON API, Open311's form
 * POST, the write page's form), so validation against the site, the floods' limits, idempotency,
 * encryption of the contact fields and moderation are the same for all (`StoreOptions` for what a
 * way in adds).
 * Throws ApiError: validation (422), too_many_requests (429, Retry-After set), idempotency_key_reused (422),
 * origin_not_allowed (403, a campaign's outlet check). Where the site asks for phone verification, a
 * submission without the right SMS code (`verificationCode`) is refused (422, field verificationCode:
 * required, verification_failed, verification_expired); a platform relaying with an integration key
 * verified its callers itself and is not asked.
 */
export async function storeSubmission(c: Context<AppEnv>, input: SubmitInput, key: string, options: StoreOptions = {}): Promise<MessageCreated> {
  const {
    also = () => [], integrationKeyId, keepKeyMs = IDEMPOTENCY_TTL_MS, sourceOrigin = c.req.header('Origin'), reads,
    locale = localeFromAcceptLanguage(c.req.header('Accept-Language')),
  } = options;
  const site = c.get('site');
  const db = c.get('db');
  const now = new Date();
  const nowIso = now.toISOString();
  const cipher = await createCipher(c.env.DATA_KEY);
  // What the form measures or fetches afresh for each press of 重新提交 (its fill time, a Turnstile
  // token) is not part of what the key stands for: a retry differing only in them is the same submission.
  const { fillMs: _fillMs, honeypot: _honeypot, turnstileToken, ...submission } = input;
  const replay: Replay = {
    site, key, cipher,
    requestHash: await keyedHash(c.env.HASH_KEY, `${site.id}:${JSON.stringify(submission)}`),
  };

  const phone = parsePhone(input.author.phone)!;
  const counters = await countersFor(c.env.HASH_KEY, site.id, site.submissionLimits, { address: integrationKeyId ? null : clientAddress(c), phone: phone.e164 }, now);

  // The key's record, the calendar and the screening settings: read with the site when they rode
  // with its lookup (POST /v1/sites/:site/messages) or with the way in's own reads (the write page's
  // form), else in one round trip of their own; a
  // campaign's and photos' lookups (when the submission names them) beside it.
  const rode = rodeWithSite(c, submissionRider);
  const [{ earlier: record, calendar, protection }, { campaignId, outlet, problems }, photoProblems] = await Promise.all([
    reads?.key === key ? reads : rode?.key === key ? rode : submissionReads(db, { siteId: site.id, key, now: nowIso, today: localDay(now) }),
    addressingOf(db, site, input, nowIso, sourceOrigin, new URL(c.req.url).origin),
    photoRefProblems(db, site.id, input.photos ?? []),
  ]);
  // A retry gets its first answer even if, say, the unit was retired in between, and is never
  // counted or refused by a limit.
  const earlier = await earlierAnswer(replay, record);
  if (earlier) return earlier;
  problems.push(...photoProblems);
  const screening = screenMessage(protection, input);
  problems.push(...screening.problems);
  if (!(await withinLimit(c, 'WRITE_LIMITER', integrationKeyId ? `integration:${integrationKeyId}` : undefined))) throw tooManyRequests(c);
  // To be told of a reply by e-mail, the author gives one.
  if (input.notify?.email && !input.author.email) problems.push({ field: 'author.email', code: 'required' });
  // The write batch checks the unit itself; where a check the citizen pays for comes first (an SMS
  // code's try, a Turnstile token: each good once), the unit is read before it, one round trip more
  // on those sites only, so a unit retired while the page was open never costs one.
  const spendsACheck = !integrationKeyId && (site.notifications.phoneVerification || asksForTurnstile(protection));
  if (spendsACheck && problems.length === 0 && !(await findActiveUnit(db, site.id, input.unitId))) problems.push({ field: 'unitId', code: 'unknown_unit' });
  let verification: Compilable<unknown>[] = [];
  if (site.notifications.phoneVerification && !integrationKeyId) {
    // A code is tried only for an otherwise valid submission, so fixing a title costs no try.
    if (problems.length > 0 && !input.verificationCode) problems.push({ field: 'verificationCode', code: 'required' });
    if (problems.length === 0) {
      const result = await checkVerificationCode(db, c.env.HASH_KEY, site.id, phone.e164, input.verificationCode, now);
      if ('problem' in result) problems.push(result.problem);
      else verification = [result.consume];
    }
  }
  if (problems.length > 0) throw validationError(problems);
  // Turnstile last, for a submission otherwise accepted: a token is good once, and a title to fix
  // should not cost the citizen a new check. A platform relaying with an integration key is not asked.
  if (asksForTurnstile(protection) && !integrationKeyId) {
    await requireTurnstile(c.env, site.id, protection, turnstileToken, { remoteIp: clientAddress(c), idempotencyKey: key });
  }
  const dueAt = dueAfterWorkingDays(now, site.deadlineDays[input.type], calendar);
  const id = newId('m');
  const trackingCode = newTrackingCode();
  // Post-moderation publishes public messages at once; private ones are never published, and held
  // ones (screening.heldFor) wait for a moderator whatever the site's mode.
  const publishNow = site.moderation === 'post' && input.isPublic && screening.heldFor.length === 0;
  const answer: MessageCreated = {
    id, trackingCode, status: 'submitted', moderation: publishNow ? 'published' : 'pending', dueAt: toSiteTime(dueAt),
  };
  const { author } = input;
  const photoIds = (input.photos ?? []).map((p) => p.id);

  const statements = submissionStatements(db, {
    message: {
      id,
      site_id: site.id,
      unit_id: input.unitId,
      campaign_id: campaignId,
      type: input.type,
      domain: input.domain,
      title: input.title,
      body: input.body,
      region: input.region,
      author_name_enc: await cipher.encrypt(author.name, `${id}:name`),
      author_phone_enc: await cipher.encrypt(phone.stored, `${id}:phone`),
      author_email_enc: author.email ? await cipher.encrypt(author.email, `${id}:email`) : null,
      display_name: displayName(author.name, author.displayAs),
      is_public: input.isPublic ? 1 : 0,
      moderation: answer.moderation,
      moderation_reason: null,
      status: 'submitted',
      tracking_hash: await trackingCodeHash(c.env.HASH_KEY, site.id, normalizeTrackingCode(trackingCode)!),
      source_origin: sourceOrigin ?? null,
      source_outlet: outlet,
      held_for: screening.heldFor.length > 0 ? JSON.stringify(screening.heldFor) : null,
      due_at: dueAt,
      created_at: nowIso,
      updated_at: nowIso,
      published_at: publishNow ? nowIso : null,
      first_replied_at: null,
      closed_at: null,
      notify_sms: input.notify?.sms ? 1 : 0,
      notify_email: input.notify?.email ? 1 : 0,
      author_phone_hash: await phoneHash(c.env.HASH_KEY, site.id, phone.e164),
      author_email_hash: author.email ? await emailHash(c.env.HASH_KEY, site.id, author.email) : null,
      locale,
    },
    events: [
      { kind: 'submitted', unit_id: input.unitId, from_unit_id: null, account_id: null, note: null, created_at: nowIso },
      ...(publishNow ? [{ kind: 'published', unit_id: null, from_unit_id: null, account_id: null, note: null, created_at: nowIso }] : []),
    ],
    idempotency: {
      site_id: site.id,
      key,
      request_hash: replay.requestHash,
      message_id: id,
      response_enc: await cipher.encrypt(JSON.stringify(answer), `idempotency:${site.id}:${key}`),
      created_at: nowIso,
      expires_at: new Date(now.getTime() + keepKeyMs).toISOString(),
    },
    photoIds,
  });

  // Last in the batch: claims the events it wrote (and any others waiting) for the drain after the
  // answer, which then sends them with no round trip of its own (queue/outbox.ts). Should the batch
  // commit and its answer be lost, what it claimed is sent by the first drain after the claim has
  // passed, as for a drain that died after claiming: late, never lost.
  const claim = claimEvents(db, now);
  try {
    const results = await db.batch([
      ...countStatements(db, counters), ...statements, ...attachPhotoStatements(db, site.id, id, input.photos ?? [], input.isPublic),
      ...verification, ...also(id), claim,
      // Idempotent: the key's row is in the batch, so a second commit of it fails as a whole.
    ], { idempotent: true });
    c.set('claimedEvents', rowsOf(claim, results.at(-1)));
  } catch (error) {
    // A concurrent retry with the same key stored its message first: give its answer. Or the unit
    // no longer takes messages (retired since the page was loaded: the batch's insert finds no active
    // unit and fails as a whole), or a photo it names was taken by another submission in between (the
    // same insert checks them), or a counter is full (the caps are not read beforehand either: the
    // batch's CHECK refuses it as a whole).
    const record = liveIdempotencyRecordQuery(db, site.id, key, nowIso);
    const unit = activeUnitQuery(db, site.id, input.unitId);
    const photos = photoIds.length > 0 ? freePhotosQuery(db, site.id, photoIds, null) : null;
    const [records, units, free] = await db.batch([record, unit, ...(photos ? [photos] : [])]);
    const winner = await earlierAnswer(replay, rowsOf(record, records)[0] ?? null);
    if (winner) return winner;
    // (Read after the batch, not in it: a unit made active again in between leaves the batch's own
    // error to be thrown, a 500, for the citizen's retry to settle.)
    const lost = [
      ...(rowsOf(unit, units).length === 0 ? [{ field: 'unitId', code: 'unknown_unit' } as const] : []),
      ...(photos ? namedPhotoProblems(photoIds, rowsOf(photos, free)) : []),
    ];
    if (lost.length > 0) throw validationError(lost);
    const wait = await secondsUntilAllowed(db, counters, now);
    if (wait !== null) throw tooManyRequests(c, wait.seconds, wait.limit);
    throw error;
  }
  return answer;
}
