// A stand-in for Cloudflare Turnstile's siteverify in the worker tests, reached through miniflare's
// outboundService (sms-receiver.ts hands it https://turnstile.receiver.test/…; vitest.config.mts points
// TURNSTILE_VERIFY_URL there). It answers as siteverify does, with Cloudflare's documented test keys
// (https://developers.cloudflare.com/turnstile/troubleshooting/testing/): the secret PASSING_SECRET
// passes a token once (a token is single-use: a second check of it fails with timeout-or-duplicate),
// FAILING_SECRET fails every token; DOWN_SECRET answers 503, as siteverify out of reach.
// GET https://turnstile.receiver.test/_calls?token=<t> says how many checks a token had.

export const PASSING_SECRET = '1x0000000000000000000000000000000AA';
export const FAILING_SECRET = '2x0000000000000000000000000000000AA';
export const DOWN_SECRET = 'down-0000000000000000000000000000AA';
/** Turnstile's dummy token is this; each test makes its own from it, so checks never collide. */
export const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

const checks = new Map<string, number>();

export async function turnstileVerifier(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/_calls') return Response.json({ checks: checks.get(url.searchParams.get('token') ?? '') ?? 0 });
  const { secret, response: token } = await request.json<{ secret?: string; response?: string }>();
  if (secret === DOWN_SECRET) return new Response('unavailable', { status: 503 });
  const seen = checks.get(token ?? '') ?? 0;
  checks.set(token ?? '', seen + 1);
  if (secret !== PASSING_SECRET) return Response.json({ success: false, 'error-codes': ['invalid-input-response'] });
  if (!token?.startsWith(DUMMY_TOKEN)) return Response.json({ success: false, 'error-codes': ['invalid-input-response'] });
  if (seen > 0) return Response.json({ success: false, 'error-codes': ['timeout-or-duplicate'] });
  return Response.json({ success: true, 'error-codes': [], challenge_ts: new Date().toISOString(), hostname: 'www.county.example.gov.cn' });
}
