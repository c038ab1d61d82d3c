import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  FollowUpInputSchema, RateInputSchema, TrackedMessageSchema, type TrackedMessage,
} from '../../../sdk/src/schemas/message';
import { newRouteGroup, type ValidationHook } from '../app';
import { citizenActions, findLoopMessage, followUp, rate, type LoopMessage } from '../db/citizen-loop';
import { trackedMessageView } from '../db/message-views';
import { workingCalendar } from '../db/sites';
import { byTrackingHash } from '../db/tracking-codes';
import type { AppEnv } from '../env';
import { ApiError, fieldProblemsOf, notFound, validationError } from '../errors';
import { dueAfterWorkingDays } from '../lib/calendar';
import { newId } from '../lib/crypto';
import { localDay } from '../lib/site-time';
import { normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { bodyErrorResponses, limitedResponses, problem, SiteParamsSchema, siteErrorResponses } from './openapi-common';
import { DEFAULT_PROTECTION, protectionQuery, type ProtectionRow } from '../protection/store';
import { bannedWordProblems, screenFollowUp } from '../protection/screening';
import { ridersReads, type SiteRider } from '../middleware/site-scope';
import { rowsOf } from '../db/client';

// The citizen's loop, by tracking code (in the body, never in a URL): rate a final reply, ask a
// follow-up question (追问). Both may re-open the message (重办). Rate-limited like /track.
export const citizenLoop = newRouteGroup();

const answers = {
  200: { description: 'the citizen’s view of the message after the change', content: { 'application/json': { schema: TrackedMessageSchema } } },
  ...siteErrorResponses,
  409: problem('not possible now: no final reply to rate (invalid_transition), this reply rated already with other scores (already_rated), '
    + 'a follow-up waiting for its answer (follow_up_pending), no follow-ups left (follow_up_limit), a reply newer than the one the citizen saw (new_reply), '
    + 'or another change came first (conflict)'),
  ...bodyErrorResponses,
  ...limitedResponses,
};

/** The message of a tracking code; unknown, malformed and wrong codes all get the same 404. */
async function messageOf(c: Context<AppEnv>, trackingCode: string) {
  const site = c.get('site');
  const canonical = normalizeTrackingCode(trackingCode) ?? `invalid:${trackingCode}`;
  const hash = await trackingCodeHash(c.env.HASH_KEY, site.id, canonical);
  const found = await byTrackingHash(c.get('db'), site.id, hash, () => findLoopMessage(c.get('db'), site.id, hash));
  if (!found) throw notFound();
  return { ...found, hash };
}

/** A new deadline, counted like the first one: the site's working days for the type, from today. */
async function newDeadline(c: Context<AppEnv>, message: LoopMessage, now: Date): Promise<string> {
  const site = c.get('site');
  const calendar = await workingCalendar(c.get('db'), site.id, localDay(now));
  return dueAfterWorkingDays(now, site.deadlineDays[message.type], calendar);
}

async function view(c: Context<AppEnv>, hash: string, now: Date): Promise<TrackedMessage> {
  const message = await trackedMessageView(c.get('db'), c.get('site').id, hash, now);
  if (!message) throw notFound();
  c.header('Cache-Control', 'no-store');
  return message;
}

const rateMessage = createRoute({
  operationId: 'rateMessage',
  method: 'post',
  path: '/v1/sites/{site}/track/rating',
  summary: 'The citizen rates the latest final reply (once per reply); 2 or less re-opens the message (重办) with a new deadline',
  request: {
    params: SiteParamsSchema,
    body: { required: true, content: { 'application/json': { schema: RateInputSchema } } },
  },
  responses: answers,
});

citizenLoop.openapi(rateMessage, async (c) => {
  const { trackingCode, replyId, overall, resolution, attitude, speed, reason, reasonText } = c.req.valid('json');
  const now = new Date();
  const { message, state, latestRating, hash } = await messageOf(c, trackingCode);
  // Rated on a page that showed an older reply: not taken for the one the citizen has not read.
  if (replyId !== undefined && replyId !== state.latestReplyId) throw new ApiError('new_reply');
  const values = { overall, resolution, attitude, speed, reason: reason ?? null, reasonText: reasonText || null };
  const sameAsStored = (r: typeof latestRating) => r !== null && r.overall === overall && r.resolution === resolution
    && r.attitude === attitude && r.speed === speed && r.reason_code === values.reason && r.reason === values.reasonText;
  // A retry of a rating already stored is answered as the first was; another rating of the same reply is refused.
  if (latestRating) {
    if (sameAsStored(latestRating)) return c.json(await view(c, hash, now), 200);
    throw new ApiError('already_rated');
  }
  if (!citizenActions(state).rate) throw new ApiError('invalid_transition');
  try {
    await rate({ db: c.get('db'), message, now: now.toISOString() }, values, await newDeadline(c, message, now));
  } catch (error) {
    // A concurrent request rated this reply first (the unique index refused the second batch whole).
    const again = await messageOf(c, trackingCode);
    if (again.latestRating && sameAsStored(again.latestRating)) return c.json(await view(c, hash, now), 200);
    if (again.latestRating) throw new ApiError('already_rated');
    throw error;
  }
  return c.json(await view(c, hash, now), 200);
});

const askFollowUp = createRoute({
  operationId: 'askFollowUp',
  method: 'post',
  path: '/v1/sites/{site}/track/follow-ups',
  summary: 'The citizen asks a follow-up question (追问) after a reply; it re-opens the message with a new deadline',
  request: {
    params: SiteParamsSchema,
    body: { required: true, content: { 'application/json': { schema: FollowUpInputSchema } } },
  },
  responses: answers,
});

/**
 * A follow-up's screening settings ride with its site's lookup (`rideWithSite`, index.ts): the
 * question is screened with no round trip of its own, and a request the contract refuses is screened
 * too, so a banned word is said with the other problems (a tracking code left out) in one answer.
 */
export const followUpRider: SiteRider<Omit<ProtectionRow, 'site_id' | 'updated_at'>> = (_c, db, siteId) => {
  const settings = protectionQuery(db, siteId);
  return { queries: [settings], read: ([a]) => rowsOf(settings, a!)[0] ?? DEFAULT_PROTECTION };
};

citizenLoop.openapi(askFollowUp, async (c) => {
  const { trackingCode, replyId, question } = c.req.valid('json');
  const now = new Date();
  const { message, state, latestFollowUp, hash } = await messageOf(c, trackingCode);
  // Asked about an older reply than the latest: the citizen reads the new one first.
  if (replyId !== undefined && replyId !== state.latestReplyId) throw new ApiError('new_reply');
  // One follow-up per reply: a retry of the one stored is answered as the first was.
  if (latestFollowUp) {
    if (latestFollowUp.body === question) return c.json(await view(c, hash, now), 200);
    throw new ApiError('follow_up_pending');
  }
  const allowed = citizenActions(state);
  if (!allowed.followUp) throw new ApiError(state.latestReplyId && allowed.followUpsLeft === 0 ? 'follow_up_limit' : 'invalid_transition');
  // The site's word lists apply to the citizen's words here as in the message: a banned word refuses
  // the question; a link, a phone number or a hold word is told to the moderator who reviews it.
  const screening = screenFollowUp((await ridersReads(c, followUpRider))!, 'question', question);
  if (screening.problems.length > 0) throw validationError(screening.problems);
  const ctx = { db: c.get('db'), message, now: now.toISOString() };
  try {
    await followUp(ctx, newId('f'), question, state.followUpLimit, await newDeadline(c, message, now), screening.heldFor.length > 0 ? JSON.stringify(screening.heldFor) : null);
  } catch (error) {
    const again = await messageOf(c, trackingCode);
    if (again.latestFollowUp?.body === question) return c.json(await view(c, hash, now), 200);
    if (again.latestFollowUp) throw new ApiError('follow_up_pending');
    if (citizenActions(again.state).followUpsLeft === 0) throw new ApiError('follow_up_limit');
    throw error;
  }
  return c.json(await view(c, hash, now), 200);
}, (async (result, c) => {
  if (result.success) return;
  const problems = fieldProblemsOf(result.error!);
  // The question the contract let through is screened too: its banned word said with the rest.
  const body = (typeof result.data === 'object' && result.data !== null ? result.data : {}) as Record<string, unknown>;
  if (result.target === 'json' && typeof body.question === 'string' && !problems.some((p) => p.field === 'question')) {
    problems.push(...bannedWordProblems((await ridersReads(c, followUpRider))!, { question: body.question }));
  }
  throw validationError(problems);
}) satisfies ValidationHook as never);
