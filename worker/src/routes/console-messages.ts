import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  AdoptInputSchema, ContactSchema, ConsoleMessageSchema, EmptyInputSchema, ExtendInputSchema, FindByTrackingCodeInputSchema, FoundMessageSchema, ExtensionPreviewSchema, ExtensionQuerySchema, HideInputSchema, NoteInputSchema, QueuePageSchema,
  QueueQuerySchema, RejectInputSchema, ReplyInputSchema, TransferInputSchema, type Action, type ConsoleMessage,
} from '../../../sdk/src/schemas/console';
import type { Official } from '../auth/official';
import { inScope } from '../auth/official';
import { newRouteGroup } from '../app';
import { auditEntry, findReplyTemplate } from '../db/admin';
import type { SiteDatabase } from '../db/client';
import {
  ROLES, acceptStatements, adoptStatements, assertMayTake, closeStatements, extendStatements, extensionOf, findHandledMessage, hideStatements,
  publishStatements, rejectStatements, replyStatements, runAction, transferStatements, type ActionContext,
} from '../db/handling';
import { officialMessageView } from '../db/message-views';
import { attachReplyPhotoStatements, replyPhotoProblems } from '../db/photos';
import { findByTrackingCode, queueCounts, queuePage, queueSearch } from '../db/queue';
import { normalizeTrackingCode } from '../lib/tracking-code';
import { requireRole } from '../middleware/console-auth';
import { findActiveUnit } from '../db/sites';
import type { AppEnv } from '../env';
import { ApiError, notFound, validationError, type FieldProblem } from '../errors';
import { openContact } from '../lib/contact';
import { createCipher, newId } from '../lib/crypto';
import { toSiteTime } from '../lib/site-time';
import { keyedId } from '../lib/keyed-id';
import { ActionKeyHeadersSchema, bodyErrorResponses, officialErrorResponses, problem } from './openapi-common';
import { MESSAGE_ACTION_PATHS } from '../../../sdk/src/console-client';

/** The queue and every action officials take on a message. Session and CSRF checks: see index.ts. */
export const consoleMessages = newRouteGroup();

const actionErrorResponses = {
  ...officialErrorResponses,
  ...bodyErrorResponses,
  409: problem('the message’s state does not allow this action (invalid_transition), or it changed meanwhile (conflict)'),
  412: problem('handled by someone since the version sent in If-Match was read (changed_since_read): read it again'),
};
const MessageParamsSchema = z.object({ id: z.string().min(1).max(64) });

const listQueue = createRoute({
  operationId: 'listQueue',
  method: 'get',
  path: '/v1/console/messages',
  summary: 'The official’s queue: messages of their units by tab and filters, earliest deadline first, with counts per tab',
  request: { query: QueueQuerySchema },
  responses: {
    200: { description: 'one page of the queue', content: { 'application/json': { schema: QueuePageSchema } } },
    ...officialErrorResponses,
  },
});

consoleMessages.openapi(listQueue, async (c) => {
  const official = c.get('official');
  const db = c.get('db');
  const now = new Date();
  const { q, ...query } = c.req.valid('query');
  const search = q === undefined ? undefined : queueSearch(q);
  const [page, counts] = await Promise.all([queuePage(db, official, c.get('site'), { ...query, search }, now), queueCounts(db, official, now)]);
  return c.json({ ...page, counts }, 200);
});

/**
 * The message as the official sees it, with what they may do next. Right after an action it is
 * shown even if it just left the official's units (a transfer): with nothing more they may do.
 */
/** The message as officials see it; 403 outside the official's units unless they just acted on it (a transfer moves it out). */
async function consoleMessage(db: SiteDatabase, official: Official, id: string, { justActed = false, again = false } = {}): Promise<ConsoleMessage> {
  const view = await officialMessageView(db, official, id, new Date());
  if (!view) throw notFound();
  const { unitId, ...message } = view;
  if (justActed && !again) return message;
  if (await inScope(db, official, unitId)) return message;
  if (!justActed) throw new ApiError('forbidden');
  // An action sent again that took the message out of the official's units (a transfer) is answered
  // as done, without the internal notes its new unit may have written since.
  return { ...message, notes: [] };
}

const findMessage = createRoute({
  operationId: 'findMessageByTrackingCode',
  method: 'post',
  path: '/v1/console/messages/find',
  summary: 'The message whose tracking code a citizen read out (查询码, in the body: never in an address), among the official’s units',
  request: { body: { required: true, content: { 'application/json': { schema: FindByTrackingCodeInputSchema } } } },
  responses: {
    200: { description: 'the message to open', content: { 'application/json': { schema: FoundMessageSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

consoleMessages.openapi(findMessage, async (c) => {
  const official = c.get('official');
  const code = normalizeTrackingCode(c.req.valid('json').trackingCode);
  if (!code) throw validationError([{ field: 'trackingCode', code: 'invalid' }]);
  const id = await findByTrackingCode(c.get('db'), official, c.env.HASH_KEY, code);
  if (!id) throw notFound();
  c.header('Cache-Control', 'no-store');
  return c.json({ id }, 200);
});

const getConsoleMessage = createRoute({
  operationId: 'getConsoleMessage',
  method: 'get',
  path: '/v1/console/messages/{id}',
  summary: 'One message with its replies, full timeline, internal notes and the actions the official may take',
  request: { params: MessageParamsSchema },
  responses: {
    200: { description: 'the message', content: { 'application/json': { schema: ConsoleMessageSchema } } },
    ...officialErrorResponses,
  },
});

consoleMessages.openapi(getConsoleMessage, async (c) => {
  return c.json(await consoleMessage(c.get('db'), c.get('official'), c.req.valid('param').id), 200);
});

/** An action's route; its role is checked before its body, so a refused role learns nothing more. */
function actionRoute<S extends z.ZodType>(action: Action, summary: string, schema: S) {
  return createRoute({
    operationId: `${action}Message`,
    method: 'post',
    path: `/v1/console/messages/{id}/${MESSAGE_ACTION_PATHS[action]}`,
    middleware: [requireRole(...ROLES[action])] as const,
    summary,
    request: {
      params: MessageParamsSchema, body: { required: true, content: { 'application/json': { schema } } },
      // Every action that writes (all but reveal, which only reads and is audited each time).
      ...(action === 'reveal' ? {} : { headers: ActionKeyHeadersSchema }),
    },
    responses: {
      200: { description: 'the message after the action', content: { 'application/json': { schema: ConsoleMessageSchema } } },
      ...actionErrorResponses,
    },
  });
}

type Statements = Parameters<SiteDatabase['batch']>[0];

/**
 * The action an `Idempotency-Key` names: the request's key made for this official, this message, this
 * action and these words (`keyedId`), so the same key sent for another action or with other words is
 * another action; none without the header.
 */
async function actionKeyOf(c: Context<AppEnv>, id: string, action: Action, input: unknown): Promise<string | null> {
  return c.req.header('Idempotency-Key') ? (await keyedId(c, 'a', `${id}:${action}:${JSON.stringify(input)}`)).id : null;
}

/**
 * What became of the action keyed `actionKey` on message `id`: `done` while its event is still the
 * message's latest (nothing happened since: the same action sent again is answered as done), `spent`
 * once anything has followed it (published again after a 隐藏, a citizen's follow-up…: sent again, it
 * is an action of its own, judged as any other), `null` if never done.
 */
async function keyedAction(db: SiteDatabase, id: string, actionKey: string): Promise<'done' | 'spent' | null> {
  const found = await db.first(db.q.selectFrom('message_events as e')
    .select((eb) => eb.exists(eb.selectFrom('message_events as later').select('later.id')
      .whereRef('later.message_id', '=', 'e.message_id').whereRef('later.id', '>', 'e.id')).as('followed'))
    .where('e.action_key', '=', actionKey).where('e.message_id', '=', id));
  return found ? (found.followed ? 'spent' : 'done') : null;
}

/**
 * Loads the message, checks role, units and state, runs the action's statements as one batch,
 * and answers with the message as it now is.
 *
 * With an `Idempotency-Key`, the same action sent again (its answer lost on the way, or sent a second
 * time from the console's kept form while the first was on its way) answers as the first did, with
 * the message as it now is, and does nothing more: its event carries the key (`actionKeyOf`). Two
 * copies racing: the message's guard lets one through; the other, refused by the state the first
 * left (a conflict, a version no longer matching, the unit it was transferred to…), finds the first's
 * event and answers the same. Once anything has happened to the message since, the key is spent
 * (`keyedAction`): the action is judged afresh, and its event takes the key over.
 */
async function act(c: Context<AppEnv>, id: string, action: Action, input: unknown, build: (ctx: ActionContext) => Statements | Promise<Statements>) {
  const official = c.get('official');
  const db = c.get('db');
  const actionKey = await actionKeyOf(c, id, action, input);
  const answer = async () => c.json(await consoleMessage(db, official, id, { justActed: true, again: true }), 200);
  const [message, before] = await Promise.all([findHandledMessage(db, official.siteId, id), actionKey ? keyedAction(db, id, actionKey) : null]);
  if (!message) throw notFound();
  if (before === 'done') return answer();
  try {
    await assertMayTake(db, official, message, action, c.req.header('If-Match'));
    const ctx: ActionContext = { db, official, message, now: new Date().toISOString(), actionKey };
    const statements = await build(ctx);
    await runAction(ctx, before === 'spent' && actionKey
      ? [db.q.updateTable('message_events').set({ action_key: null }).where('action_key', '=', actionKey), ...statements]
      : statements);
  } catch (error) {
    if (actionKey && await keyedAction(db, id, actionKey) === 'done') return answer();
    throw error;
  }
  return c.json(await consoleMessage(db, official, id, { justActed: true }), 200);
}

consoleMessages.openapi(actionRoute('publish', 'Publish a public message on the board (发布)', EmptyInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'publish', c.req.valid('json'), publishStatements));

consoleMessages.openapi(actionRoute('reject', 'Reject a pending message with a reason (驳回)', RejectInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'reject', c.req.valid('json'), (ctx) => rejectStatements(ctx, c.req.valid('json'))));

consoleMessages.openapi(actionRoute('hide', 'Hide a published message from the board (隐藏)', HideInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'hide', c.req.valid('json'), (ctx) => hideStatements(ctx, c.req.valid('json'))));

consoleMessages.openapi(actionRoute('accept', 'Accept a message for handling (受理)', EmptyInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'accept', c.req.valid('json'), acceptStatements));

consoleMessages.openapi(actionRoute('transfer', 'Transfer a message to another unit with a reason (转办); shown on the public timeline', TransferInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'transfer', c.req.valid('json'), async (ctx) => {
    const { unitId, reason } = c.req.valid('json');
    if (unitId === ctx.message.unit_id) throw validationError([{ field: 'unitId', code: 'same_unit' }]);
    if (!(await findActiveUnit(ctx.db, ctx.official.siteId, unitId))) throw validationError([{ field: 'unitId', code: 'unknown_unit' }]);
    return transferStatements(ctx, unitId, reason);
  }));

consoleMessages.openapi(actionRoute('reply', 'Reply as the unit the message is with: interim (阶段性回复) or final, with photos uploaded for it', ReplyInputSchema), async (c) => {
  const id = c.req.valid('param').id;
  const db = c.get('db');
  const reply = { id: newId('r') };
  const { kind, body, templateId, photos = [] } = c.req.valid('json');
  const replied = act(c, id, 'reply', c.req.valid('json'), async (ctx) => {
    const [template, photoProblems] = await Promise.all([
      templateId ? findReplyTemplate(ctx.db, ctx.official.siteId, templateId) : null,
      replyPhotoProblems(ctx.db, ctx.official.siteId, ctx.official.id, photos),
    ]);
    const problems: FieldProblem[] = [...(templateId && !template ? [{ field: 'templateId', code: 'unknown_template' as const }] : []), ...photoProblems];
    if (problems.length > 0) throw validationError(problems);
    const [insertReply, ...rest] = replyStatements(ctx, reply.id, kind, body, photos);
    // The photos right after the reply they go with (the last statement must stay the message's update: runAction).
    return [insertReply!, ...attachReplyPhotoStatements(ctx.db, ctx.official.siteId, ctx.official.id, ctx.message.id, reply.id, photos), ...rest];
  });
  // A photo taken by another of the official's replies between the check and the batch fails the
  // batch (`replyStatements`), or finds the message changed by that reply (a conflict): the official
  // is told which field, as when it was taken before.
  return replied.catch(async (error: unknown) => {
    if (photos.length === 0 || (error instanceof ApiError && error.code !== 'conflict')) throw error;
    const problems = await replyPhotoProblems(db, c.get('official').siteId, c.get('official').id, photos);
    throw problems.length > 0 ? validationError(problems) : error;
  });
});

consoleMessages.openapi(actionRoute('close', 'Close a replied message (办结)', EmptyInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'close', c.req.valid('json'), closeStatements));

consoleMessages.openapi(actionRoute('extend', 'Extend the deadline by working days, with a reason shown publicly (延期)', ExtendInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'extend', c.req.valid('json'), async (ctx) => {
    const { days, reason } = c.req.valid('json');
    const { dueAt } = await extensionOf(ctx.db, ctx.official.siteId, ctx.message, days, new Date(ctx.now));
    return extendStatements(ctx, dueAt, reason);
  }));

consoleMessages.openapi(actionRoute('adopt', 'Mark a suggestion (建言) as adopted (采纳) with a public note on what was adopted, where', AdoptInputSchema), (c) =>
  act(c, c.req.valid('param').id, 'adopt', c.req.valid('json'), (ctx) => adoptStatements(ctx, c.req.valid('json').note)));

const previewExtension = createRoute({
  operationId: 'previewExtension',
  method: 'get',
  path: '/v1/console/messages/{id}/extension',
  middleware: [requireRole(...ROLES.extend)] as const,
  summary: 'The deadline 延期 by N working days would set now, for the official to see before confirming (nothing is written)',
  request: { params: MessageParamsSchema, query: ExtensionQuerySchema },
  responses: {
    200: { description: 'the new deadline and what it was counted from', content: { 'application/json': { schema: ExtensionPreviewSchema } } },
    ...officialErrorResponses,
    409: problem('the message’s state does not allow an extension (invalid_transition)'),
  },
});

consoleMessages.openapi(previewExtension, async (c) => {
  const official = c.get('official');
  const db = c.get('db');
  const message = await findHandledMessage(db, official.siteId, c.req.valid('param').id);
  if (!message) throw notFound();
  await assertMayTake(db, official, message, 'extend');
  const { dueAt, countedFrom, calendarNotSetFor } = await extensionOf(db, official.siteId, message, c.req.valid('query').days, new Date());
  return c.json({ dueAt: toSiteTime(dueAt), countedFrom, calendarNotSetFor }, 200);
});

// With an Idempotency-Key, the same note sent again (its answer lost, or sent a second time from the
// console's kept draft while the first was on its way) answers with the message as it is: one note.
consoleMessages.openapi(actionRoute('note', 'Add an internal note, seen only by officials (内部备注)', NoteInputSchema), async (c) => {
  const official = c.get('official');
  const db = c.get('db');
  const { id } = c.req.valid('param');
  const message = await findHandledMessage(db, official.siteId, id);
  if (!message) throw notFound();
  await assertMayTake(db, official, message, 'note');
  // For this message and these words: the same key with other words is another note.
  const note = await keyedId(c, 'n', `${id}:${c.req.valid('json').body}`);
  // Two copies racing: the note's primary key takes the first, and the second writes nothing.
  await db.run(db.q.insertInto('message_notes').values({
    id: note.id, message_id: id, account_id: official.id, body: c.req.valid('json').body, created_at: new Date().toISOString(),
  }).onConflict((conflict) => conflict.column('id').doNothing()));
  return c.json(await consoleMessage(db, official, id), 200);
});

const revealContact = createRoute({
  ...actionRoute('reveal', 'The citizen’s name, phone and email, decrypted for this answer only; every reveal is written to the audit log', EmptyInputSchema),
  operationId: 'revealContact',
  responses: {
    200: { description: 'the contact details (Cache-Control: no-store)', content: { 'application/json': { schema: ContactSchema } } },
    ...actionErrorResponses,
  },
});

consoleMessages.openapi(revealContact, async (c) => {
  const official = c.get('official');
  const db = c.get('db');
  const { id } = c.req.valid('param');
  const message = await findHandledMessage(db, official.siteId, id);
  if (!message) throw notFound();
  await assertMayTake(db, official, message, 'reveal');
  const row = await db.first(db.q.selectFrom('messages')
    .select(['author_name_enc', 'author_phone_enc', 'author_email_enc', 'author_erased_at']).where('id', '=', id));
  if (!row) throw notFound();
  const { author_erased_at: erasedAt, ...sealed } = row;
  // Logged before anything is decrypted: no reveal without its audit row.
  await db.run(auditEntry(db, { siteId: official.siteId, accountId: official.id, action: 'contact.reveal', messageId: id, detail: {}, at: new Date().toISOString() }));
  const contact = await openContact(await createCipher(c.env.DATA_KEY), { id, ...sealed });
  c.header('Cache-Control', 'no-store');
  return c.json({ ...contact, erasedAt: erasedAt ? toSiteTime(erasedAt) : null }, 200);
});
