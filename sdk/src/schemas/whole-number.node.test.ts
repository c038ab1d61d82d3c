// Every count or number of days in a query string is read by `wholeNumber`: digits only, so no
// route reads `1e1` as 10 or an empty value as 0 (the worker's routes test what they answer).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wholeNumber } from './common';

describe('wholeNumber', () => {
  const limit = wholeNumber(1, 50);

  it.each([['1', 1], ['20', 20], ['050', 50], [7, 7]])('reads %j as %d', (input, value) => {
    expect(limit.parse(input)).toBe(value);
  });

  it.each([['1e1'], ['0x10'], ['2.0'], [' 5'], ['5 '], ['+5'], ['-1'], [''], ['５'], ['Infinity']])('refuses %j as invalid', (input) => {
    const issue = limit.safeParse(input).error?.issues[0];
    expect(issue?.code).toBe('invalid_type');
  });

  it('says the bounds of a number out of them', () => {
    expect(limit.safeParse('0').error?.issues[0]?.code).toBe('too_small');
    expect(limit.safeParse('51').error?.issues[0]?.code).toBe('too_big');
    expect(limit.safeParse('99999999999999999999').error?.issues.map((i) => i.code)).toContain('too_big');
  });

  it('is the only way a schema reads a number from text', () => {
    const dir = import.meta.dirname;
    const coercing = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) => /z\.coerce\./.test(readFileSync(path.join(dir, file), 'utf8')));
    expect(coercing).toEqual([]);
  });
});
