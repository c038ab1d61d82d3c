import { describe, expect, it } from 'vitest';
import { LiuyanError } from '../../../sdk/src/errors';
import { formEn } from '../liuyan-form/strings.en';
import { formZhCN } from '../liuyan-form/strings.zh-cn';
import { listZhCN } from '../liuyan-list/strings.zh-cn';
import { trackZhCN } from '../liuyan-track/strings.zh-cn';
import { failureText, retryCanHelp } from './errors';

describe('failureText: a 429 says what was too frequent, and when to try again', () => {
  const limited = (seconds: number) => new LiuyanError(429, 'too_many_requests', 'Too Many Requests', null, { retryAfterSeconds: seconds });

  it('names a submission in the form, and an action anywhere else (a search of the board, a lookup of a code)', () => {
    expect(failureText(limited(600), formZhCN, '')).toBe('提交太频繁，请10分钟后再试。');
    expect(failureText(limited(30), listZhCN, '')).toBe('操作太频繁，请1分钟后再试。');
    expect(failureText(limited(120), trackZhCN, '')).toBe('操作太频繁，请2分钟后再试。');
    expect(failureText(limited(90), formEn, '')).toBe('Too many messages sent. Please try again in 2 minutes.');
    // A day's limit reached: in hours, not a thousand minutes.
    expect(failureText(limited(1273 * 60), formZhCN, '')).toBe('提交太频繁，请22小时后再试。');
    expect(failureText(limited(20 * 3600), formEn, '')).toBe('Too many messages sent. Please try again in 20 hours.');
  });

  it('says when it is the phone number given whose count is full (a day\'s messages from one number)', () => {
    const problem = { type: '/docs/errors#too_many_requests', title: '操作太频繁，请稍后再试', status: 429, code: 'too_many_requests', limit: 'phone' } as const;
    const phoneFull = new LiuyanError(429, 'too_many_requests', problem.title, problem, { retryAfterSeconds: 17 * 3600 });
    expect(failureText(phoneFull, formZhCN, '')).toBe('这个手机号提交得太频繁，请17小时后再试。');
    expect(failureText(phoneFull, formEn, '')).toBe('Too many from this phone number. Please try again in 17 hours.');
  });
});

describe('failureText: what is not the service\'s answer is never shown', () => {
  it('says the element\'s own sentence for a proxy\'s or a firewall\'s refusal, whose status text is in English; the service\'s sentence otherwise', async () => {
    const proxy = await LiuyanError.fromResponse(new Response('<html>Forbidden</html>', { status: 403, statusText: 'Forbidden' }));
    expect(failureText(proxy, trackZhCN, trackZhCN.sendFailed)).toBe('提交失败，请检查网络后重试。');
    const service = await LiuyanError.fromResponse(Response.json(
      { type: 'about:blank', title: '这条留言已经评价过了', status: 409, code: 'conflict' }, { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
    ));
    expect(failureText(service, trackZhCN, trackZhCN.sendFailed)).toBe('这条留言已经评价过了');
  });
});

describe('retryCanHelp: 重试 is offered only where trying again could work', () => {
  it('not on a website the site does not allow, nor for a site that does not exist; after no answer, a 5xx or a 429, yes', () => {
    expect(retryCanHelp(new LiuyanError(403, 'origin_not_allowed', 'Forbidden'))).toBe(false);
    expect(retryCanHelp(new LiuyanError(404, 'site_not_found', '站点不存在'))).toBe(false);
    expect(retryCanHelp(new LiuyanError(0, 'network', 'No answer from the service'))).toBe(true);
    expect(retryCanHelp(new LiuyanError(503, 'unavailable', 'Service Unavailable'))).toBe(true);
    expect(retryCanHelp(new LiuyanError(429, 'too_many_requests', 'Too Many Requests'))).toBe(true);
    expect(retryCanHelp(new TypeError('Failed to fetch'))).toBe(true);
  });
});
