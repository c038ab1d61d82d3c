// What the deliveries queue cost D1 during a run: every queue message handled in the local stack
// (timeline events handed to their subscribers, webhook attempts, notices) is logged by the consumer
// with its D1 cost (queue/consumer.ts `DeliveryLogLine`); this sums them per kind.
import type { LoggedDelivery, Stack } from './local-stack';

/** Per kind of delivery: how many were handled, and their D1 cost per delivery (mean and most). */
export interface DeliveryCosts {
  [kind: string]: {
    handled: number;
    /** Outcomes counted: `done`, `retry`, `error`. */
    outcomes: Record<string, number>;
    perDelivery: {
      queries: { mean: number; max: number };
      rowsRead: { mean: number; max: number };
      rowsWritten: { mean: number; max: number };
    };
  };
}

const mean = (values: number[]) => Number((values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)).toFixed(2));

/** Sums logged deliveries per kind. */
export function summariseDeliveries(lines: LoggedDelivery[]): DeliveryCosts {
  const byKind = new Map<string, LoggedDelivery[]>();
  for (const line of lines) byKind.set(line.kind, [...(byKind.get(line.kind) ?? []), line]);
  const costs: DeliveryCosts = {};
  for (const [kind, list] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const outcomes: Record<string, number> = {};
    for (const line of list) outcomes[line.outcome] = (outcomes[line.outcome] ?? 0) + 1;
    const of = (key: keyof LoggedDelivery['d1']) => {
      const values = list.map((line) => line.d1[key]);
      return { mean: mean(values), max: Math.max(...values) };
    };
    costs[kind] = { handled: list.length, outcomes, perDelivery: { queries: of('queries'), rowsRead: of('rowsRead'), rowsWritten: of('rowsWritten') } };
  }
  return costs;
}

/**
 * Waits until the queue has been quiet for `quietMs` (the local queue batches for up to a second per
 * hop), at most `maxMs`, then sums what it handled.
 */
export async function settledDeliveries(stack: Stack, quietMs = 3000, maxMs = 60_000): Promise<DeliveryCosts> {
  const started = Date.now();
  let count = -1;
  let since = Date.now();
  while (Date.now() - started < maxMs) {
    const now = stack.deliveries().length;
    if (now !== count) {
      count = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return summariseDeliveries(stack.deliveries());
}
