// A local HTTP receiver standing in for SMS providers in the worker tests: miniflare hands it every
// fetch the worker makes (those to loopback, the webhook receiver, pass through) (vitest.config.mts `outboundService`), so the adapters run unchanged and
// only the provider's side of the HTTP boundary is replaced. It runs in Node, beside vitest.
//
// - https://sms.receiver.test/…      answers as Aliyun Dysmsapi does: {"Code":"OK",…}; a gateway gets 200.
// - https://sms-down.receiver.test/… answers 503, as a provider that is down.
// - GET https://sms.receiver.test/_received?to=<phone> lists what was received, oldest first
//   (for Aliyun requests the form fields, for a gateway's the JSON body and its signature header).

import { turnstileVerifier } from './turnstile-verifier';

export interface ReceivedSms {
  host: string;
  path: string;
  contentType: string;
  signature: string | null;
  /** The form fields (Aliyun) or the JSON body (a gateway). */
  body: Record<string, unknown>;
}

const received: ReceivedSms[] = [];

function phoneOf(entry: ReceivedSms): string {
  return String(entry.body.PhoneNumbers ?? entry.body.phone ?? '');
}

export async function smsReceiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // Turnstile's siteverify has a stand-in of its own.
  if (url.hostname === 'turnstile.receiver.test') return turnstileVerifier(request);
  // The webhook receiver (webhook-receiver.ts) is a real server on loopback: those requests go through.
  if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return fetch(url, { method: request.method, headers: request.headers, body, redirect: 'manual' });
  }
  if (!url.hostname.endsWith('receiver.test')) return new Response('no network in tests', { status: 502 });
  if (url.pathname === '/_received') {
    const to = url.searchParams.get('to') ?? '';
    return Response.json(received.filter((entry) => phoneOf(entry).endsWith(to)));
  }
  const contentType = request.headers.get('Content-Type') ?? '';
  const text = await request.text();
  const body = contentType.startsWith('application/json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  received.push({ host: url.hostname, path: url.pathname, contentType, signature: request.headers.get('X-Liuyan-Signature'), body });
  if (url.hostname.startsWith('sms-down.')) return new Response('unavailable', { status: 503 });
  if (contentType.startsWith('application/json')) return new Response(null, { status: 200 });
  return Response.json({ Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' });
}
