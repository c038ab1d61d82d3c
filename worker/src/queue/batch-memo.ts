// Reads the messages of one queue batch share (queue/consumer.ts hands one memo to every handler of a batch).

/**
 * What the messages of one queue batch share: a read made for one message (`key` names it, e.g. a
 * site's webhook endpoints) is answered to the others from memory, so a batch of ten events of one
 * site reads them once. Only for what cannot have changed in a way that matters within the batch's
 * few seconds (see each caller); a read that fails is not kept.
 */
export type BatchMemo = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/** A fresh `BatchMemo`, for one batch. */
export function batchMemo(): BatchMemo {
  const kept = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let answer = kept.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read();
      kept.set(key, answer);
      answer.catch(() => kept.delete(key));
    }
    return answer;
  };
}

/** No sharing: each read is made (a handler called outside a batch, as tests do). */
export const noMemo: BatchMemo = (_key, read) => read();
