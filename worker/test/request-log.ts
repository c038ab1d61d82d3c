// The service logs what each request cost D1 as one JSON line (middleware/d1-cost.ts). In tests those
// lines are kept here, by request id, instead of printed: `d1Cost(response)` (fixtures.ts) reads them.

export interface LoggedCost {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
}

const costs = new Map<string, LoggedCost>();
const print = console.log.bind(console);

console.log = (...args: unknown[]) => {
  if (args.length === 1 && typeof args[0] === 'string' && args[0].startsWith('{"requestId"')) {
    const line = JSON.parse(args[0]) as { requestId: string; d1: LoggedCost };
    costs.set(line.requestId, line.d1);
    return;
  }
  print(...args);
};

/** The cost logged for the request with this id (its `X-Request-Id`), if any was. */
export function loggedCost(requestId: string): LoggedCost | undefined {
  return costs.get(requestId);
}
