import { createRoute } from '@hono/zod-openapi';
import { RecoveryAcceptedSchema, RecoveryRequestSchema } from '../../../sdk/src/schemas/notifications';
import { newRouteGroup } from '../app';
import { validationError } from '../errors';
import { clientAddress } from '../lib/client-address';
import { createCipher } from '../lib/crypto';
import { parsePhone } from '../lib/phone';
import { tooManyRequests } from '../middleware/rate-limit';
import {
  codeRequestCounters, codeRequestCountStatements, enqueueNotices, insertNotice, noticeRow, secondsUntilCodeAllowed, type CodeRequestCap,
} from '../notifications/store';
import { bodyErrorResponses, limitedResponses, SiteParamsSchema, siteErrorResponses } from './openapi-common';

export const recovery = newRouteGroup();

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Caps on lost-code requests: per contact 3 a day, per client address 10 an hour. */
function recoveryCaps(contact: string, address: string | null): CodeRequestCap[] {
  const caps: CodeRequestCap[] = [{ scope: 'recover_contact', key: contact, cap: 3, windowMs: DAY_MS }];
  if (address) caps.push({ scope: 'recover_address', key: address, cap: 10, windowMs: HOUR_MS });
  return caps;
}

/** A phone (E.164) or an e-mail address (NFKC, lower case) as typed, or null when it is neither. */
function readContact(typed: string): { channel: 'sms' | 'email'; value: string } | null {
  const text = typed.normalize('NFKC').trim();
  if (text.includes('@')) return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? { channel: 'email', value: text.toLowerCase() } : null;
  const phone = parsePhone(text);
  return phone ? { channel: 'sms', value: phone.e164 } : null;
}

const recoverTrackingCodes = createRoute({
  operationId: 'recoverTrackingCodes',
  method: 'post',
  path: '/v1/sites/{site}/track/recover',
  summary: 'Lost tracking code: new codes for the messages given with this phone or e-mail, sent to it (each old code stops working once its new one is used)',
  request: {
    params: SiteParamsSchema,
    body: { required: true, content: { 'application/json': { schema: RecoveryRequestSchema } } },
  },
  responses: {
    202: {
      description: 'taken: the same answer whether or not any message has this contact (if some do, their new codes are sent to it)',
      content: { 'application/json': { schema: RecoveryAcceptedSchema } },
    },
    ...siteErrorResponses,
    ...bodyErrorResponses,
    ...limitedResponses,
  },
});

recovery.openapi(recoverTrackingCodes, async (c) => {
  const site = c.get('site');
  const db = c.get('db');
  const contact = readContact(c.req.valid('json').contact);
  if (!contact) throw validationError([{ field: 'contact', code: 'invalid' }]);
  const now = new Date();
  const counters = await codeRequestCounters(c.env.HASH_KEY, site.id, recoveryCaps(contact.value, clientAddress(c)), now);
  // Whether any message matches is found by the delivery step, not here: this answer, and the work
  // done for it, are the same for a contact on file and one that is not.
  const notice = await noticeRow(await createCipher(c.env.DATA_KEY), {
    siteId: site.id, kind: 'recovery', channel: contact.channel, recipient: contact.value,
  }, now.toISOString());
  // A phone where the site sends no SMS: counted all the same, but nothing can be sent to it.
  const deliverable = contact.channel === 'email' || site.notifications.sms;
  try {
    await db.batch([...codeRequestCountStatements(db, counters), ...(deliverable ? [insertNotice(db, notice)] : [])]);
  } catch (error) {
    const wait = await secondsUntilCodeAllowed(db, counters, now);
    if (wait !== null) throw tooManyRequests(c, wait.seconds, wait.limit);
    throw error;
  }
  if (deliverable) await enqueueNotices(c.env, site.id, [notice.id]);
  c.header('Cache-Control', 'no-store');
  return c.json({ accepted: true as const }, 202);
});
