// Reads the messages of one queue batch share (queue/consumer.ts hands one memo to every handler of a batch).

/**
 * What the messages of one queue batch share: a read made for one message (`key` names it, e.g. a
 * site's webhook endpoints) is answered to the others from memory, so a batch of ten events of one
 * site reads them once. Only for what cannot have changed in a way that matters within the batch's
 * few seconds (see each caller); a read that fails is not kept, and `forget(key)` drops one a caller
 * found out of date (the next asks D1 again).
 */
export interface BatchMemo {
  <T>(key: string, read: () => Promise<T>): Promise<T>;
  forget(key: string): void;
}

/** A fresh `BatchMemo`, for one batch. */
export function batchMemo(): BatchMemo {
  const kept = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let answer = kept.get(key) as Promise<T> | undefined;
    if (!answer) {
      const made = read();
      answer = made;
      kept.set(key, made);
      made.catch(() => {
        if (kept.get(key) === made) kept.delete(key);
      });
    }
    return answer;
  };
  return Object.assign(memo, { forget: (key: string) => void kept.delete(key) });
}

/** No sharing: each read is made (a handler called outside a batch, as tests and routes do). */
export const noMemo: BatchMemo = Object.assign(<T>(_key: string, read: () => Promise<T>) => read(), { forget: () => {} });
