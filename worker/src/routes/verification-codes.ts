import { createRoute } from '@hono/zod-openapi';
import { VerificationCodeRequestSchema, VerificationCodeSentSchema } from '../../../sdk/src/schemas/notifications';
import { newRouteGroup } from '../app';
import { ApiError, validationError } from '../errors';
import { clientAddress } from '../lib/client-address';
import { createCipher } from '../lib/crypto';
import { parsePhone } from '../lib/phone';
import { tooManyRequests } from '../middleware/rate-limit';
import {
  codeRequestCounters, codeRequestCountStatements, insertNotice, NOTIFICATION_KIND, noticeRow, secondsUntilCodeAllowed, type CodeRequestCap,
} from '../notifications/store';
import { deliverNotification } from '../notifications/deliver';
import { VERIFICATION_CODE_MINUTES } from '../notifications/texts';
import { bodyErrorResponses, limitedResponses, problem, SiteParamsSchema, siteErrorResponses } from './openapi-common';

export const verificationCodes = newRouteGroup();

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** A new code for the same phone at most once a minute (what the form's countdown shows). */
export const RESEND_AFTER_SECONDS = 60;

/** Caps on codes: per phone once a minute and 5 an hour, per client address 20 an hour. */
function verificationCaps(e164: string, address: string | null): CodeRequestCap[] {
  const caps: CodeRequestCap[] = [
    { scope: 'verify_phone_minute', key: e164, cap: 1, windowMs: RESEND_AFTER_SECONDS * 1000 },
    { scope: 'verify_phone', key: e164, cap: 5, windowMs: HOUR_MS },
  ];
  if (address) caps.push({ scope: 'verify_address', key: address, cap: 20, windowMs: HOUR_MS });
  return caps;
}

const requestVerificationCode = createRoute({
  operationId: 'requestVerificationCode',
  method: 'post',
  path: '/v1/sites/{site}/verification-codes',
  summary: 'Send a 6-digit SMS code (验证码) to a phone, for a submission on a site that asks for one; answered once the SMS provider took it, or 502 sms_not_sent when it did not (ask again at once)',
  request: {
    params: SiteParamsSchema,
    body: { required: true, content: { 'application/json': { schema: VerificationCodeRequestSchema } } },
  },
  responses: {
    202: { description: 'the code is on its way; it works for expiresInSeconds once it arrives', content: { 'application/json': { schema: VerificationCodeSentSchema } } },
    409: problem('sms_unavailable: the site does not ask for verification codes (or sends no SMS)'),
    502: problem('sms_not_sent: the SMS provider did not take the message (down, or refusing the site’s settings); nothing was sent, and the phone may ask again at once'),
    ...siteErrorResponses,
    ...bodyErrorResponses,
    ...limitedResponses,
  },
});

verificationCodes.openapi(requestVerificationCode, async (c) => {
  const site = c.get('site');
  const db = c.get('db');
  const phone = parsePhone(c.req.valid('json').phone);
  if (!phone) throw validationError([{ field: 'phone', code: 'invalid_phone' }]);
  if (!site.notifications.phoneVerification) throw new ApiError('sms_unavailable');
  const now = new Date();
  const counters = await codeRequestCounters(c.env.HASH_KEY, site.id, verificationCaps(phone.e164, clientAddress(c)), now);
  // The code itself is made by the delivery step, which stores only its hash: none is in this row.
  const notice = await noticeRow(await createCipher(c.env.DATA_KEY), {
    siteId: site.id, kind: 'verification_code', channel: 'sms', recipient: phone.e164,
  }, now.toISOString());
  try {
    await db.batch([...codeRequestCountStatements(db, counters), insertNotice(db, notice)]);
  } catch (error) {
    const wait = await secondsUntilCodeAllowed(db, counters, now);
    if (wait !== null) throw tooManyRequests(c, wait.seconds, wait.limit);
    throw error;
  }
  // Sent now, while the citizen waits, once (maxAttemptsOf): the answer says whether it went out.
  await deliverNotification(c.env, { kind: NOTIFICATION_KIND, site: site.id, id: notice.id }, 1, db);
  const sent = await db.first(db.q.selectFrom('notifications').select('status').where('id', '=', notice.id));
  c.header('Cache-Control', 'no-store');
  if (sent?.status !== 'sent') {
    // Nothing reached the phone: the once-a-minute count is given back, so the citizen may ask again at once.
    const minute = counters.find((counter) => counter.scope === 'verify_phone_minute')!;
    await db.run(db.q.updateTable('code_request_counts').set((eb) => ({ count: eb('count', '-', 1) }))
      .where('site_id', '=', minute.site_id).where('scope', '=', minute.scope).where('key_hash', '=', minute.key_hash)
      .where('window_start', '=', minute.window_start).where('count', '>', 0));
    throw new ApiError('sms_not_sent');
  }
  return c.json({ expiresInSeconds: VERIFICATION_CODE_MINUTES * 60, resendAfterSeconds: RESEND_AFTER_SECONDS }, 202);
});
