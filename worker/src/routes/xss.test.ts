// Script-injection payloads (worker/test/xss-corpus.ts) as every text a citizen or an official can
// enter: the service answers each exactly as it was typed, or refuses it with a field error naming the
// field where the text breaks the field's rules (control or bidirectional-override characters in a
// one-line field, too long). Nothing is stripped, escaped or "sanitised" on the way in: pages show text
// as text (e2e/xss.test.ts), and a service that rewrites what people wrote would lose their words.
// URL fields refuse script and data addresses.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createConsoleClient, type ConsoleClient } from '../../../sdk/src/console-client';
import { LiuyanError } from '../../../sdk/src/errors';
import { LIMITS } from '../../../sdk/src/limits';
import type { FieldError } from '../../../sdk/src/schemas/error';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { textLength, textProblem } from '../../../sdk/src/text';
import { createSite, db, request, submit, validMessage } from '../../test/fixtures';
import { CONSOLE_ORIGIN, createOfficial } from '../../test/officials';
import { uploadedPhoto } from '../../test/photos';
import { packed, XSS_HTTPS_URL, XSS_PAYLOADS, XSS_URLS } from '../../test/xss-corpus';

const PAYLOADS = XSS_PAYLOADS.map((p) => p.text);
/** One payload of each kind: for the fields that take one text a request. */
const SAMPLE = [...new Map(XSS_PAYLOADS.map((p) => [p.kind, p.text])).values()];
/** For a message through its whole life, and accounts (a password hash each): markup kept, and a bidirectional override refused. */
const LIFECYCLE_SAMPLE = ['<img src=x onerror=window.__xss=1>', '" onmouseover="window.__xss=1', '\u202e>tpircs/<1=ssx__.wodniw>tpircs<'];

/** The rules of a text field: its longest length, and whether lines (and tabs) are allowed. */
interface TextField {
  max: number;
  multiline?: boolean;
}

/**
 * The field error codes the service may answer for `text` in such a field (it reports one per field):
 * none when the text must be kept as typed.
 */
function refusalCodes(text: string, { max, multiline = false }: TextField): string[] {
  return [textProblem(text, { multiline }), textLength(text) > max ? 'too_long' : null].filter((code) => code !== null);
}

/** A site whose submission caps do not stop a test sending many messages from one address. */
async function openSite() {
  const site = await createSite();
  await db.run(db.q.updateTable('sites')
    .set({ submission_limits: JSON.stringify({ perAddressHour: 10_000, perPhoneDay: 10_000, perSiteMinute: 100_000 }) })
    .where('id', '=', site.siteId));
  return site;
}

/** The console's client, signed in as an admin of the site (the browser's part: same origin, the session cookie). */
async function adminClient(siteId: string): Promise<ConsoleClient> {
  const admin = await createOfficial(siteId, 'admin');
  return createConsoleClient({
    locale: 'zh-CN',
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('Origin', CONSOLE_ORIGIN);
      headers.set('Cookie', admin.cookie);
      return exports.default.fetch(new Request(new URL(String(input), CONSOLE_ORIGIN), { ...init, headers }));
    },
  });
}

/** The field errors of a refused call; fails when it was not refused as a validation error. */
async function refusal(call: Promise<unknown>, what = ''): Promise<FieldError[]> {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error, `${what}: expected a refusal`).toBeInstanceOf(LiuyanError);
  const problem = (error as LiuyanError).problem;
  expect(problem?.code).toBe('validation');
  expect(problem?.status).toBe(422);
  return problem!.errors ?? [];
}

/**
 * Sends `text` through `call` (which returns what the service answered as the text): kept exactly, or
 * refused with `field` named and the code `rules` predict. The refusal's message is translated.
 */
async function expectKeptOrRefused(field: string, text: string, rules: TextField, call: (text: string) => Promise<string | null | undefined>) {
  const codes = refusalCodes(text, rules);
  if (codes.length === 0) {
    const answer = await call(text).catch((e: unknown) => {
      throw new Error(`${field}: ${text} refused: ${JSON.stringify(e instanceof LiuyanError ? e.problem : String(e))}`);
    });
    expect(answer, `${field}: ${text}`).toBe(text);
  } else {
    const errors = await refusal(call(text));
    const error = errors.find((e) => e.field === field);
    expect(error, `${field}: ${text} → ${JSON.stringify(errors)}`).toBeDefined();
    expect(codes, `${field}: ${text}`).toContain(error!.code);
    expect(error!.message).toMatch(/\p{Script=Han}/u);
  }
}

// A few hundred requests in all, on a machine the tests share: more time than one request's tests need.
describe('script-injection payloads through the API', { timeout: 30_000 }, () => {
  it('a citizen’s message: every payload in a body kept as typed; a payload of each kind as title, region and name, or refused naming the field', async () => {
    const { siteId, eduUnit } = await openSite();
    const officials = await adminClient(siteId);
    const sent = new Map<string, { title: string; body: string; region: string }>();
    const send = async (input: ReturnType<typeof validMessage>) => {
      const response = await submit(siteId, input);
      expect(response.status, input.title).toBe(201);
      sent.set((await response.json<MessageCreated>()).id, { title: input.title, body: input.body, region: input.region });
    };
    // Every payload, many to a body (a body takes lines); those a body refuses are tried alone below.
    const inBody = PAYLOADS.filter((t) => refusalCodes(t, { max: LIMITS.bodyMax, multiline: true }).length === 0);
    for (const body of packed(inBody, LIMITS.bodyMax)) await send(validMessage(eduUnit, { body }));
    for (const [i, text] of SAMPLE.entries()) {
      // A body has a minimum length: the payload is what follows the citizen's own words.
      const body = `我要反映一个问题：${text}`;
      const fields = {
        title: refusalCodes(text, { max: LIMITS.titleMax }),
        body: refusalCodes(body, { max: LIMITS.bodyMax, multiline: true }),
        region: refusalCodes(text, { max: LIMITS.regionMax }),
        'author.name': refusalCodes(text, { max: LIMITS.nameMax }),
      };
      const phone = `1391234${String(i).padStart(4, '0')}`;
      const refused = Object.entries(fields).filter(([, codes]) => codes.length > 0);
      // All four fields with the payload; when one must be refused, the others are sent again alone to be seen kept.
      if (refused.length > 0) {
        const response = await submit(siteId, validMessage(eduUnit, { title: text, body, region: text, author: { name: text, phone, email: null, displayAs: 'masked' } }));
        expect(response.status, text).toBe(422);
        const errors = (await response.json<{ errors: FieldError[] }>()).errors;
        for (const [field, codes] of refused) expect(codes, `${field}: ${text}`).toContain(errors.find((e) => e.field === field)?.code);
        expect(errors.map((e) => e.field).sort(), text).toEqual(refused.map(([field]) => field).sort());
      }
      await send(validMessage(eduUnit, {
        ...(fields.title.length === 0 ? { title: text } : {}),
        ...(fields.body.length === 0 ? { body } : {}),
        ...(fields.region.length === 0 ? { region: text } : {}),
        author: { name: fields['author.name'].length === 0 ? text : '陈明', phone, email: null, displayAs: 'masked' },
      }));
    }
    // Every message stored as sent, and officials read each as it was sent.
    const rows = await db.all(db.q.selectFrom('messages').select(['id', 'title', 'body', 'region']).where('site_id', '=', siteId));
    expect(new Map(rows.map(({ id, ...text }) => [id, text]))).toEqual(sent);
    for (const [id, text] of sent) {
      const message = await officials.messages.get(id);
      expect({ title: message.title, body: message.body, region: message.region }).toEqual(text);
    }
  });

  it('an official’s notes and replies: every payload kept as typed, as officials and the public read them', async () => {
    const { siteId, eduUnit } = await openSite();
    const officials = await adminClient(siteId);
    const { id } = await (await submit(siteId, validMessage(eduUnit))).json<MessageCreated>();
    await officials.messages.act(id, 'publish', {});
    await officials.messages.act(id, 'accept', {});
    const lines = PAYLOADS.filter((t) => refusalCodes(t, { max: 500, multiline: true }).length === 0);
    for (const note of packed(lines, 500)) {
      await expectKeptOrRefused('body', note, { max: 500, multiline: true },
        async (t) => (await officials.messages.act(id, 'note', { body: t })).notes.find((n) => n.body === t)?.body);
    }
    const replies = packed(lines, LIMITS.bodyMax);
    for (const reply of replies) {
      await expectKeptOrRefused('body', reply, { max: LIMITS.bodyMax, multiline: true },
        async (t) => (await officials.messages.act(id, 'reply', { kind: 'interim', body: t })).replies.find((r) => r.body === t)?.body);
    }
    // Text a body refuses (bidirectional overrides) is refused naming the field.
    for (const text of PAYLOADS.filter((t) => !lines.includes(t))) {
      await expectKeptOrRefused('body', text, { max: 500, multiline: true }, async (t) => (await officials.messages.act(id, 'note', { body: t })).notes.at(-1)?.body);
    }
    const response = await request(`/v1/sites/${siteId}/messages/${id}`);
    expect((await response.json<{ replies: { body: string }[] }>()).replies.map((r) => r.body).sort()).toEqual([...replies].sort());
  });

  it('reasons, ratings, follow-ups and a citizen’s name on file: payloads kept as typed, or refused naming the field', async () => {
    const { siteId, eduUnit, transportUnit } = await openSite();
    const officials = await adminClient(siteId);
    for (const text of LIFECYCLE_SAMPLE) {
      const photo = await uploadedPhoto(siteId);
      const nameKept = refusalCodes(text, { max: LIMITS.nameMax }).length === 0;
      const sent = await submit(siteId, validMessage(eduUnit, {
        type: 'suggestion', photos: [{ id: photo.photoId }],
        author: { name: nameKept ? text : '陈明', phone: '13912345678', email: null, displayAs: 'masked' },
      }));
      expect(sent.status).toBe(201);
      const created = await sent.json<MessageCreated>();
      const id = created.id;
      if (nameKept) expect((await officials.messages.act(id, 'reveal', {})).name).toBe(text);
      await officials.messages.act(id, 'publish', {});
      await officials.messages.act(id, 'accept', {});
      const note = (m: { timeline: { note: string | null }[] }, t: string) => m.timeline.find((e) => e.note === t)?.note;
      await expectKeptOrRefused('note', text, { max: 500, multiline: true },
        async (t) => {
          const m = await officials.photos.hide(photo.photoId, { reason: 'other', note: t });
          await officials.photos.unhide(photo.photoId);
          return m.photos[0]!.hidden?.note;
        });
      await expectKeptOrRefused('reason', text, { max: 500, multiline: true },
        async (t) => note(await officials.messages.act(id, 'extend', { days: 1, reason: t }), t));
      await expectKeptOrRefused('note', text, { max: 200, multiline: true },
        async (t) => (await officials.messages.act(id, 'adopt', { note: t })).adoption?.note);
      await officials.messages.act(id, 'reply', { kind: 'final', body: '已办结。' });
      const citizen = (path: string, body: object) => request(`/v1/sites/${siteId}/track/${path}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: created.trackingCode, ...body }),
      });
      const kept = refusalCodes(text, { max: LIMITS.ratingReasonMax, multiline: true }).length === 0;
      const rated = await citizen('rating', { overall: 1, resolution: 1, attitude: 1, speed: 1, reason: 'other', reasonText: text });
      expect(rated.status, text).toBe(kept ? 200 : 422);
      const followedUp = await citizen('follow-ups', { question: text });
      expect(followedUp.status, text).toBe(kept ? 200 : 422);
      if (!kept) {
        for (const [response, field] of [[rated, 'reasonText'], [followedUp, 'question']] as const) {
          expect((await response.json<{ errors: FieldError[] }>()).errors.map((e) => e.field)).toContain(field);
        }
      } else {
        const message = await officials.messages.get(id);
        expect(message.ratings.map((r) => r.reasonText)).toEqual([text]);
        expect(message.followUps.map((f) => f.body)).toEqual([text]);
      }
      await expectKeptOrRefused('reason', text, { max: 500, multiline: true },
        async (t) => note(await officials.messages.act(id, 'transfer', { unitId: transportUnit, reason: t }), t));
      // A moderator's refusal of a message keeps their words too.
      const other = await (await submit(siteId, validMessage(eduUnit))).json<MessageCreated>();
      await expectKeptOrRefused('note', text, { max: 500, multiline: true },
        async (t) => note(await officials.messages.act(other.id, 'reject', { reason: 'other', note: t }), t));
    }
  });

  it('an admin’s texts: every payload as a holiday’s name and in word lists; a payload of each kind as unit, site, drive, template, webhook and account texts', async () => {
    const { siteId } = await openSite();
    const admin = (await adminClient(siteId)).admin;
    // A year of days, each named by a payload: the whole corpus in one request.
    const named = PAYLOADS.filter((t) => refusalCodes(t, { max: 50 }).length === 0);
    const days = named.map((name, i) => ({ day: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10), kind: 'holiday' as const, name }));
    expect((await admin.calendar.replace({ year: 2027, days })).map((d) => d.name)).toEqual(named);
    // Word lists: every payload that is a word of at most 30 characters is kept as typed.
    const words = PAYLOADS.filter((t) => t.length <= 30 && textProblem(t) === null);
    expect(words.length).toBeGreaterThan(20);
    const protection = await admin.protection.update({
      bannedWords: words.slice(0, 40), holdWords: words.slice(40, 80), holdLinks: false, holdPhones: false, minFillSeconds: 0, turnstileSiteKey: null, retentionDays: 365,
    });
    expect([...protection.bannedWords, ...protection.holdWords].sort()).toEqual(words.slice(0, 80).sort());
    for (const [i, text] of SAMPLE.entries()) {
      await expectKeptOrRefused('name', text, { max: 50 }, async (t) => (await admin.units.create({ name: t, kind: 'department' })).name);
      await expectKeptOrRefused('name', text, { max: 100 }, async (t) => (await admin.site.update({ name: t })).name);
      await expectKeptOrRefused('returnLabel', text, { max: 30 },
        async (t) => (await admin.site.update({ returnUrl: 'https://www.county.example.gov.cn/', returnLabel: t })).returnLabel);
      await expectKeptOrRefused('privacyText', text, { max: 5000, multiline: true }, async (t) => (await admin.site.update({ privacyText: t })).privacyText);
      await expectKeptOrRefused('stringOverrides.zh-CN.form.submit', text, { max: 30 },
        async (t) => (await admin.site.update({ stringOverrides: { 'zh-CN': { 'form.submit': t } } })).stringOverrides['zh-CN']?.['form.submit']);
      await expectKeptOrRefused('title', text, { max: 50 }, async (t) => (await admin.replyTemplates.create({ title: t, body: '您好，已收到。' })).title);
      await expectKeptOrRefused('body', text, { max: LIMITS.bodyMax, multiline: true },
        async (t) => (await admin.replyTemplates.create({ title: `模板${i}`, body: t })).body);
      const drive = { slug: `drive-${i}`, startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2027-01-01T00:00:00+08:00' };
      await expectKeptOrRefused('title', text, { max: 100 }, async (t) => (await admin.campaigns.create({ ...drive, slug: `t-${i}`, title: t })).title);
      await expectKeptOrRefused('description', text, { max: 2000, multiline: true },
        async (t) => (await admin.campaigns.create({ ...drive, slug: `d-${i}`, title: '建言', description: t })).description);
      await expectKeptOrRefused('outlets.0.name', text, { max: 50 },
        async (t) => (await admin.campaigns.create({ ...drive, slug: `o-${i}`, title: '建言', outlets: [{ name: t, origin: 'https://news.example.cn' }] })).outlets[0]?.name);
      await expectKeptOrRefused('description', text, { max: 100 },
        async (t) => {
          const endpoint = await admin.webhooks.create({ url: 'https://hooks.example.gov.cn/liuyan', description: t, events: ['message.submitted'] });
          await admin.webhooks.remove(endpoint.id);
          return endpoint.description;
        });
    }
    // An account costs a password hash: a few.
    for (const [i, text] of LIFECYCLE_SAMPLE.entries()) {
      await expectKeptOrRefused('displayName', text, { max: 50 },
        async (t) => (await admin.accounts.create({ email: `xss${i}@county.example.gov.cn`, displayName: t, role: 'moderator', unitIds: [], password: 'a-long-enough-password-2026' })).displayName);
    }
  });

  it('every URL field refuses script and data addresses, naming the field, and keeps an https address with markup in it as typed', async () => {
    const { siteId } = await openSite();
    const admin = (await adminClient(siteId)).admin;
    const drive = { title: '建言', startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2027-01-01T00:00:00+08:00' };
    // Fields of one form, or lists, take every address in one request; the error names each.
    const fieldsOf = async (call: Promise<unknown>, what: string) => (await refusal(call, what)).map((e) => e.field);
    for (const url of XSS_URLS) {
      expect(await fieldsOf(admin.site.update({ returnUrl: url, returnLabel: '返回', privacyUrl: url, shareImageUrl: url }), url))
        .toEqual(expect.arrayContaining(['returnUrl', 'privacyUrl', 'shareImageUrl']));
      expect(await fieldsOf(admin.webhooks.create({ url, events: ['message.submitted'] }), url)).toContain('url');
      expect(await fieldsOf(admin.notifications.update({
        sms: { provider: 'gateway', endpoint: url, keyId: null, signName: null, templates: {} }, emailFrom: null, phoneVerification: false,
      }), url)).toContain('sms.endpoint');
    }
    expect(await fieldsOf(admin.site.update({ allowedOrigins: [...XSS_URLS] }), 'allowedOrigins'))
      .toEqual(expect.arrayContaining(XSS_URLS.map((_, i) => `allowedOrigins.${i}`)));
    expect(await fieldsOf(admin.campaigns.create({ ...drive, slug: 'urls', outlets: XSS_URLS.map((origin, i) => ({ name: `日报${i}`, origin })) }), 'outlets'))
      .toEqual(expect.arrayContaining(XSS_URLS.map((_, i) => `outlets.${i}.origin`)));
    // Nothing of them was stored.
    const site = await admin.site.get();
    expect([site.returnUrl, site.privacyUrl, site.shareImageUrl]).toEqual([null, null, null]);
    // An https address is an address, whatever its path holds.
    const kept = await admin.site.update({ returnUrl: XSS_HTTPS_URL, returnLabel: '返回', privacyUrl: XSS_HTTPS_URL, shareImageUrl: XSS_HTTPS_URL });
    expect([kept.returnUrl, kept.privacyUrl, kept.shareImageUrl]).toEqual([XSS_HTTPS_URL, XSS_HTTPS_URL, XSS_HTTPS_URL]);
  });
});
