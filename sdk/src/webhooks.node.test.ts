// The signature as a receiver in any language computes it: Node's own HMAC, not ours, is the reference.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhooks';

const body = '{"id":"evt_1042_replied","type":"message.replied","site":"demo"}';
const hmac = (secret: string, t: number) => createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');

describe('signWebhook and verifyWebhook', () => {
  it('sign t.body with HMAC-SHA256 under each secret, and accept a header made by another implementation', async () => {
    const t = 1_764_650_100;
    expect(await signWebhook(body, ['whsec_new', 'whsec_old'], t)).toBe(`t=${t},v1=${hmac('whsec_new', t)},v1=${hmac('whsec_old', t)}`);
    const now = new Date(t * 1000 + 299_000);
    const event = await verifyWebhook({ payload: new TextEncoder().encode(body), header: `t=${t}, v1=${hmac('whsec_old', t)}`, secrets: ['whsec_new', 'whsec_old'], now });
    expect(event).toMatchObject({ id: 'evt_1042_replied', type: 'message.replied' });
    await expect(verifyWebhook({ payload: body, header: `t=${t},v1=${hmac('whsec_old', t)}`, secrets: 'whsec_new', now })).rejects.toMatchObject({ reason: 'no_matching_signature' });
    await expect(verifyWebhook({ payload: body, header: `t=${t},v1=${hmac('whsec_new', t)}`, secrets: 'whsec_new', now: new Date(t * 1000 - 301_000) }))
      .rejects.toMatchObject({ reason: 'timestamp_outside_tolerance' });
    await expect(verifyWebhook({ payload: body, header: null, secrets: 'whsec_new', now })).rejects.toMatchObject({ reason: 'malformed_header' });
  });
});
