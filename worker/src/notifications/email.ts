import type { SendOutcome } from './sms';

/** One e-mail: plain text only (no HTML, so nothing in it is ever markup). */
export interface EmailRequest {
  to: string;
  subject: string;
  text: string;
}

export interface EmailAdapter {
  send(request: EmailRequest): Promise<SendOutcome>;
}

/**
 * E-mail through Cloudflare Email Service's `send_email` binding (wrangler.toml `[[send_email]]`),
 * with its message-builder form (from, to, subject, text: the service writes the MIME). Locally
 * (`wrangler dev`, the vitest plugin) miniflare sends nothing: it writes the text to a file under its
 * temp directory, logs the path and keeps the mail in the Local Explorer's list. A refusal by the
 * binding (an unverified sender, a malformed address) is not retried; anything else is.
 */
export function sendEmailAdapter(binding: SendEmail, from: string): EmailAdapter {
  return {
    async send(request) {
      try {
        const result = await binding.send({ from, to: request.to, subject: request.subject, text: request.text });
        return { ok: true, detail: `sent ${result.messageId}`.slice(0, 200) };
      } catch (error) {
        // The binding's message may quote the address it refused: keep only its class, never the text.
        const name = error instanceof Error ? error.name : 'Error';
        const refused = error instanceof TypeError || /not allowed|invalid/i.test(String((error as Error)?.message));
        return { ok: false, retry: !refused, detail: refused ? `refused_${name}` : `failed_${name}` };
      }
    },
  };
}
