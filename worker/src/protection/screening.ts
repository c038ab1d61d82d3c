// What a submission or a follow-up is screened for before it is stored (issue 17): banned words
// refuse it, naming the field; a filled honeypot, a form sent too fast, a link, a phone number or a
// hold word store it as usual but keep it for a moderator, with the reasons the console shows and
// the author is never told; where the site asks for Cloudflare Turnstile, a token that does not pass
// (or cannot be checked) refuses it.

import type { HoldReason } from '../../../sdk/src/schemas/protection';
import type { Env } from '../env';
import { ApiError, type FieldProblem } from '../errors';
import { createCipher } from '../lib/crypto';
import { rulesOf, turnstileSecretContext, type ProtectionRow } from './store';
import { verifyTurnstile } from './turnstile';
import { fieldsWithBannedWords, holdReasonsOf, type WordRules } from './word-rules';

type Protection = Omit<ProtectionRow, 'site_id' | 'updated_at'>;

/** What the screening found: problems refuse the text; `heldFor` keeps it for a moderator (empty: nothing). */
export interface Screening {
  problems: FieldProblem[];
  heldFor: HoldReason[];
}

/** The parts of a submission that are screened. */
export interface ScreenedMessage {
  title: string;
  body: string;
  region: string;
  /** From the form being shown to its sending (the widget sends it; API clients need not). */
  fillMs?: number | undefined;
  /** The form's hidden field: people leave it empty. */
  honeypot?: string | undefined;
}

/**
 * The banned words in the texts given (by their field's name in the request: `title`, `body`,
 * `region`, a follow-up's `question`; a field left out, one already refused for another reason, is
 * not read), each field holding one named with `banned_words`. For a submission or a question
 * refused for something else too, so that the citizen is told of everything at once.
 */
export function bannedWordProblems(protection: Pick<Protection, 'banned_words' | 'hold_words' | 'hold_links' | 'hold_phones'>, texts: Record<string, string | undefined>): FieldProblem[] {
  return bannedIn(rulesOf(protection), texts);
}

/** `bannedWordProblems` with the site's rules already made (the lists in word form, made once per screening). */
function bannedIn(rules: WordRules, texts: Record<string, string | undefined>): FieldProblem[] {
  const given = Object.fromEntries(Object.entries(texts).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return fieldsWithBannedWords(rules, given).map((field): FieldProblem => ({ field, code: 'banned_words' }));
}

/** A submission's screening. A form's fill time is judged only when sent (API clients and platforms send none). */
export function screenMessage(protection: Protection, input: ScreenedMessage): Screening {
  const rules = rulesOf(protection);
  const problems = bannedIn(rules, { title: input.title, body: input.body, region: input.region });
  const heldFor: HoldReason[] = [];
  // Anything at all, a space too: people never see the field, so only a program fills it.
  if (input.honeypot !== undefined && input.honeypot !== '') heldFor.push('honeypot');
  if (input.fillMs !== undefined && input.fillMs < protection.min_fill_seconds * 1000) heldFor.push('too_fast');
  heldFor.push(...holdReasonsOf(rules, [input.title, input.body, input.region]));
  return { problems, heldFor };
}

/** A follow-up's screening: `field` names the question in the request (`question`). */
export function screenFollowUp(protection: Protection, field: string, text: string): Screening {
  const rules = rulesOf(protection);
  return {
    problems: bannedIn(rules, { [field]: text }),
    heldFor: holdReasonsOf(rules, [text]),
  };
}

/** Whether the site asks for a Turnstile token with each submission (a site key and its secret set). */
export const asksForTurnstile = (protection: Protection) => protection.turnstile_site_key !== null && protection.turnstile_secret_enc !== null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks the submission's Turnstile token at siteverify, for a site that asks for one. Throws
 * ApiError captcha_failed (422: no token, or one that did not pass) or captcha_unavailable (503:
 * siteverify did not answer, or not as Turnstile does) — never lets a submission through unchecked.
 */
export async function requireTurnstile(
  env: Env, siteId: string, protection: Protection, token: string | undefined, request: { remoteIp: string | null; idempotencyKey: string },
): Promise<void> {
  if (!token) throw new ApiError('captcha_failed');
  const secret = await (await createCipher(env.DATA_KEY)).decrypt(protection.turnstile_secret_enc!, turnstileSecretContext(siteId));
  const outcome = await verifyTurnstile(env.TURNSTILE_VERIFY_URL, secret, token, {
    remoteIp: request.remoteIp,
    ...(UUID.test(request.idempotencyKey) ? { idempotencyKey: request.idempotencyKey } : {}),
  });
  if (outcome === 'failed') throw new ApiError('captcha_failed');
  if (outcome === 'unavailable') throw new ApiError('captcha_unavailable');
}
