// A site's word lists and the message shapes held for a moderator (issue 17). Words and text are
// compared in one form, the search's (`matchForm`: full-width forms, case, compatibility characters)
// with everything but letters and digits taken out, so a word cannot be slipped past with spaces,
// punctuation or zero-width characters put between its characters: 法 轮-功, 法.轮.功 and ＦＡＬＵＮ
// are 法轮功 and falun. Matching is a substring test in memory over bounded lists (WORD_LIST_MAX words
// of WORD_MAX characters against at most a message's length), so no list, however full, changes what
// a query sends to D1.

import { matchForm } from '../../../sdk/src/text';
import type { HoldReason } from '../../../sdk/src/schemas/protection';

/** Letters, digits and their combining marks, of any script: everything else is taken out. */
const WORD_CHARACTERS = /[\p{L}\p{N}\p{M}]+/gu;

/** `text` as words are compared: match form, letters and digits only (法 轮-功 → 法轮功, ＷｅＣｈａｔ → wechat). */
export function wordForm(text: string): string {
  return [...matchForm(text).matchAll(WORD_CHARACTERS)].map(([run]) => run).join('');
}

/** A site's lists, each word already in word form (empty ones dropped). */
export interface WordRules {
  banned: string[];
  hold: string[];
  holdLinks: boolean;
  holdPhones: boolean;
}

/** The rules from the admin's lists as typed. */
export function wordRules(lists: { banned: string[]; hold: string[]; holdLinks: boolean; holdPhones: boolean }): WordRules {
  const form = (words: string[]) => [...new Set(words.map(wordForm).filter((w) => w.length > 0))];
  return { banned: form(lists.banned), hold: form(lists.hold), holdLinks: lists.holdLinks, holdPhones: lists.holdPhones };
}

const holdsAny = (text: string, words: string[]) => {
  const form = wordForm(text);
  return words.some((word) => form.includes(word));
};

/** The fields (by their API name) whose text holds a banned word, in the order given. */
export function fieldsWithBannedWords(rules: WordRules, fields: Record<string, string>): string[] {
  if (rules.banned.length === 0) return [];
  return Object.entries(fields).filter(([, text]) => holdsAny(text, rules.banned)).map(([field]) => field);
}

/**
 * A link as spam carries it: a scheme, `www.`, or a host name ending in a common top-level domain
 * (after match form, so ｗｗｗ．ｘｘ．ｃｏｍ is one too). Dotted numbers (3.5) and abbreviations are not.
 */
const LINK = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|\b[a-z0-9][a-z0-9-]*\.(?:com|cn|net|org|top|xyz|info|vip|club|site|online|shop|cc|co|io|me|tv|biz|ltd|wang|xin|link|app)\b)/u;

/**
 * A phone number in Chinese text: a mobile (1[3-9] and 9 digits, +86 or not), a landline with its
 * area code (0 and 9–11 digits), a 400/800 line; spaces and dashes between digits are taken out
 * first (138 0013 8000, 0371-1234 5678). Longer digit runs (ID and order numbers) are not.
 */
const PHONE = /(?<!\d)(?:(?:\+?86)?1[3-9]\d{9}|0\d{9,11}|[48]00\d{7})(?!\d)/u;

const digitsJoined = (text: string) => text.replace(/(?<=\d)[\s\-‐‑–—.]+(?=\d)/gu, '');

/**
 * Why `texts` (title, body, region — or a follow-up) should wait for a moderator: a hold word in any
 * of them; a link or a phone number in `body` (the one text where people paste them; a region is
 * an address, a title rarely holds a number). Empty: nothing to hold it for.
 */
export function holdReasonsOf(rules: WordRules, texts: string[], body: string): HoldReason[] {
  const reasons: HoldReason[] = [];
  const bodyForm = matchForm(body);
  if (rules.holdLinks && LINK.test(bodyForm)) reasons.push('link');
  if (rules.holdPhones && PHONE.test(digitsJoined(bodyForm))) reasons.push('phone');
  if (rules.hold.length > 0 && texts.some((text) => holdsAny(text, rules.hold))) reasons.push('word');
  return reasons;
}
