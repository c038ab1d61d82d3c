// What each D1 failure means, and how often the service tries again (never for what is not idempotent).
import { describe, expect, it } from 'vitest';
import { D1_FAULTS } from '../../test/d1-faults';
import { classifyD1Error, D1_ATTEMPTS, isRead, withD1Retries } from './d1-errors';

describe('classifyD1Error', () => {
  it('tells transient failures, an overloaded database and everything else apart, by D1’s messages', () => {
    expect(classifyD1Error(new Error(D1_FAULTS.networkLost))).toBe('transient');
    expect(classifyD1Error(new Error(D1_FAULTS.objectReset))).toBe('transient');
    expect(classifyD1Error(new Error(D1_FAULTS.codeUpdated))).toBe('transient');
    expect(classifyD1Error(new Error(D1_FAULTS.transientRemote))).toBe('transient');
    expect(classifyD1Error(new Error(D1_FAULTS.overloaded))).toBe('overloaded');
    expect(classifyD1Error(new Error('D1_ERROR: D1 DB is overloaded. Too many requests queued.'))).toBe('overloaded');
    expect(classifyD1Error(new Error(D1_FAULTS.other))).toBe('other');
    expect(classifyD1Error(new Error('D1_ERROR: UNIQUE constraint failed: replies.id: SQLITE_CONSTRAINT'))).toBe('other');
  });

  it('knows a read from a write', () => {
    expect(isRead('select "id" from "messages" where "id" = ?')).toBe(true);
    expect(isRead('insert into "replies" ("id") values (?) returning "id"')).toBe(false);
    expect(isRead('update "messages" set "status" = ?')).toBe(false);
  });
});

describe('withD1Retries', () => {
  const failing = (messages: string[]) => {
    let calls = 0;
    return {
      work: async () => {
        const message = messages[calls++];
        if (message) throw new Error(message);
        return 'done';
      },
      calls: () => calls,
    };
  };

  it('tries idempotent work again after a transient failure, a bounded number of times', async () => {
    const once = failing([D1_FAULTS.networkLost]);
    expect(await withD1Retries(true, once.work)).toBe('done');
    expect(once.calls()).toBe(2);
    const always = failing(Array(10).fill(D1_FAULTS.objectReset));
    await expect(withD1Retries(true, always.work)).rejects.toThrow('object to be reset');
    expect(always.calls()).toBe(D1_ATTEMPTS);
  });

  it('never tries again what is not idempotent, an overloaded database, or any other failure', async () => {
    for (const [idempotent, message] of [[false, D1_FAULTS.networkLost], [true, D1_FAULTS.overloaded], [true, D1_FAULTS.other]] as const) {
      const run = failing([message]);
      await expect(withD1Retries(idempotent, run.work)).rejects.toThrow(message);
      expect(run.calls(), message).toBe(1);
    }
  });
});
