// SMS providers behind one interface: Aliyun's Dysmsapi (阿里云短信服务) and a generic signed-HTTP
// gateway for a government's own SMS platform. Each is a plain HTTPS request from the Worker; the
// base URL is part of the site's settings, so the tests point it at a local receiver.

import type { NoticeFailure } from '../../../sdk/src/codes';

/** One SMS to send: the provider's template and its parameters, and the same notice as plain text. */
export interface SmsRequest {
  /** E.164, e.g. `+8613912345678`. */
  phone: string;
  /** The provider's template code for this kind of notice (Aliyun: `SMS_…`). */
  template: string;
  /** The template's variables, e.g. `{ code: '123456' }`. */
  params: Record<string, string>;
  /** The whole notice as text (what a gateway without templates sends). */
  text: string;
}

/**
 * What a provider answered. `retry` false: sending again cannot help (a bad number, a template the
 * provider refused). `detail` is the provider's answer code, kept with the attempt: never a phone number.
 */
export type SendOutcome = { ok: true; detail: string } | { ok: false; retry: boolean; detail: string };

/** A notice given up by the delivery step itself, for one of its own reasons: not retried. */
export const givenUp = (detail: NoticeFailure): SendOutcome => ({ ok: false, retry: false, detail });

export interface SmsAdapter {
  send(request: SmsRequest): Promise<SendOutcome>;
}

/** A site's SMS settings, the secret already opened (only inside the delivery step). */
export interface SmsConfig {
  provider: 'aliyun' | 'gateway';
  /** Base URL; null: the provider's public endpoint (Aliyun), required for a gateway. */
  endpoint: string | null;
  keyId: string;
  secret: string;
  /** 短信签名, e.g. 示范县人民政府. */
  signName: string;
}

const encoder = new TextEncoder();

/**
 * How long a provider has to answer (ms): a citizen waits on a verification code, and a consumer must
 * not be held. A send that times out counts as failed (it may still arrive; a retry makes a new code).
 */
export const SMS_TIMEOUT_MS = 8000;

function toBase64(bytes: ArrayBuffer): string {
  let bin = '';
  for (const b of new Uint8Array(bytes)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function hmac(hash: 'SHA-1' | 'SHA-256', secret: string, data: string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign']);
  return crypto.subtle.sign('HMAC', key, encoder.encode(data));
}

/**
 * Aliyun's "POP" percent-encoding: RFC 3986 unreserved characters stay, everything else is %XX of its
 * UTF-8 bytes (so a space is %20, `*` is %2A and `~` stays), as Aliyun's signature page specifies.
 */
export function popEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Aliyun RPC signature V1 (HMAC-SHA1), as "HTTP协议及签名" of Dysmsapi describes it
 * (https://help.aliyun.com/document_detail/101343.html; English: https://www.alibabacloud.com/help/en/sms/signature-method):
 * the parameters other than Signature, sorted by name and POP-encoded as `k=v&…`; the string to sign
 * `METHOD&%2F&` + POP-encode(that query); the signature base64(HMAC-SHA1(secret + "&", string to sign)).
 * Returns the signature before it is URL-encoded for the request.
 */
export async function aliyunSignatureV1(secret: string, method: 'GET' | 'POST', params: Record<string, string>): Promise<string> {
  const query = Object.keys(params).filter((k) => k !== 'Signature').sort()
    .map((k) => `${popEncode(k)}=${popEncode(params[k]!)}`).join('&');
  const stringToSign = `${method}&${popEncode('/')}&${popEncode(query)}`;
  return toBase64(await hmac('SHA-1', `${secret}&`, stringToSign));
}

/** Dysmsapi's number form: mainland numbers without +86, others with their country code and no +. */
function aliyunPhone(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
}

/** Answers worth another try later: Aliyun's flow controls and its own faults. */
const ALIYUN_TRANSIENT = /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|isp\.|SignatureNonceUsed|Throttling|ServiceUnavailable|InternalError)/;

/**
 * Aliyun Dysmsapi `SendSms` (API version 2017-05-25), POSTed as a form with signature V1: `Code: "OK"`
 * is sent; a flow control or a fault of Aliyun's is worth a retry; any other code (a bad number, a sign
 * name or template not approved) is not. Reference: https://help.aliyun.com/document_detail/101414.html.
 */
export function aliyunSms(config: SmsConfig, now: () => Date = () => new Date()): SmsAdapter {
  const endpoint = config.endpoint ?? 'https://dysmsapi.aliyuncs.com/';
  return {
    async send(request) {
      const params: Record<string, string> = {
        AccessKeyId: config.keyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: aliyunPhone(request.phone),
        RegionId: 'cn-hangzhou',
        SignName: config.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: crypto.randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: request.template,
        TemplateParam: JSON.stringify(request.params),
        Timestamp: now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      params.Signature = await aliyunSignatureV1(config.secret, 'POST', params);
      const body = Object.entries(params).map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`).join('&');
      const response = await fetch(endpoint, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
      const answer = await response.json<{ Code?: string; BizId?: string }>().catch(() => ({} as { Code?: string; BizId?: string }));
      const code = answer.Code ?? `http_${response.status}`;
      if (code === 'OK') return { ok: true, detail: `OK ${answer.BizId ?? ''}`.trim() };
      return { ok: false, retry: response.status >= 500 || !answer.Code || ALIYUN_TRANSIENT.test(code), detail: code.slice(0, 100) };
    },
  };
}

/**
 * The signature of a gateway request: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`,
 * sent as `X-Liuyan-Signature` (the form of Stripe's webhook signatures, so a gateway can check it with
 * any HMAC library and refuse old timestamps).
 */
export async function gatewaySignature(secret: string, timestamp: number, body: string): Promise<string> {
  return `t=${timestamp},v1=${toHex(await hmac('SHA-256', secret, `${timestamp}.${body}`))}`;
}

/**
 * A government's own SMS gateway: a JSON POST to its URL of
 * `{ "keyId", "phone" (E.164), "signName", "template", "params", "text" }`, signed with the shared
 * secret (`X-Liuyan-Signature`, see `gatewaySignature`). Any 2xx is sent; 408, 429 and 5xx are retried;
 * other answers are not.
 */
export function gatewaySms(config: SmsConfig, now: () => Date = () => new Date()): SmsAdapter {
  return {
    async send(request) {
      if (!config.endpoint) return givenUp('no_endpoint');
      const body = JSON.stringify({
        keyId: config.keyId, phone: request.phone, signName: config.signName,
        template: request.template, params: request.params, text: request.text,
      });
      const signature = await gatewaySignature(config.secret, Math.floor(now().getTime() / 1000), body);
      const response = await fetch(config.endpoint, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Liuyan-Signature': signature }, body, signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, detail: `http_${response.status}` };
      const retry = response.status === 408 || response.status === 429 || response.status >= 500;
      return { ok: false, retry, detail: `http_${response.status}` };
    },
  };
}

/** The adapter of a site's settings. */
export function smsAdapter(config: SmsConfig): SmsAdapter {
  return config.provider === 'aliyun' ? aliyunSms(config) : gatewaySms(config);
}
