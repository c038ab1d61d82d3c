// `npm run bench` (after `npm run build`): the widget's download size, the API's throughput, the load
// run (10,000 submissions, a tenth retried, then board reads mixed with submissions) and the
// public board at ~1k and 100k messages, written to bench/results.json (keeping the sections the other
// bench scripts write) and printed. It reports only;
// nothing here passes or fails a build. It exits non-zero only when the local stack could not be
// measured at all. `npm run bench -- --quick` takes the board to 10k messages instead of 100k.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { settledDeliveries, type DeliveryCosts } from './deliveries';
import { measureApi, STEADY_SPREAD, type ApiResults, type RouteMeasurement, type RouteResult } from './api-load';
import { measureBoard, QUEUE_GOAL_ROWS_READ, SCALE_GOAL, STATS_GOAL_ROWS_READ, type BoardResults, type BoardSize, type D1Cost } from './board-load';
import { LOAD_LIMITS, measureLoad, printLoad, type LoadResults } from './load';
import { withLocalStack } from './local-stack';
import { measurePhotoUpload, type PhotoSizes } from './photo-size';
import { writeResults } from './results-file';
import { table } from './table';
import { KB, measureWidget, type Download, type WidgetSizes } from './widget-size';

/** Loopback port of the benchmark's own worker (8787 and 8789–8791 belong to dev and the browser tests). */
// BENCH_PORT: another port when several checkouts bench on one machine.
const PORT = Number(process.env.BENCH_PORT ?? 8795);

type Outcome<T> = T | { error: string };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Which pages download a file: `form`, `track`, `list`, `message` (in Chinese), `en` (only when English is shown). */
function pagesOf(widget: WidgetSizes, file: string): string {
  const holds = (d: Download | null | undefined) => d?.files.some((f) => f.file === file) ?? false;
  const list = widget.list.measured ? widget.list : null;
  return [
    holds(widget.formChinese) ? 'form' : '',
    holds(widget.formOnDemand) ? 'form on demand' : '',
    holds(widget.trackOnly) ? 'track' : '',
    holds(list?.listChinese) ? 'list' : '',
    holds(widget.messageOnly) ? 'message' : '',
    holds(widget.englishExtra.formPage) ? 'form en' : '',
    holds(widget.englishExtra.trackPage) ? 'track en' : '',
    holds(list?.englishExtra) ? 'list en' : '',
  ].filter(Boolean).join(', ');
}

function printWidget(widget: WidgetSizes): void {
  const row = (label: string, d: Download) => [label, d.files.length, d.rawBytes, d.rawKB.toFixed(2), d.gzipBytes, d.gzipKB.toFixed(2)];
  const lit = widget.litAlone;
  console.log(`\nWidget download (${widget.compression}; 1 KB = ${KB} B)\n`);
  console.log(table(['page', 'files', 'raw B', 'raw KB', 'gzip B', 'gzip KB'], [
    row('<liuyan-form>, Chinese', widget.formChinese),
    row('<liuyan-track>, Chinese', widget.trackOnly),
    row('both elements, Chinese', widget.formAndTrack),
    row('English extra, form page', widget.englishExtra.formPage),
    row('English extra, track page', widget.englishExtra.trackPage),
    row('English extra, both', widget.englishExtra.bothPage),
    ...(widget.list.measured ? [
      row('<liuyan-list>, Chinese', widget.list.listChinese),
      row('<liuyan-form> + <liuyan-list>, Chinese', widget.list.formAndList),
      row('  what the list adds to the form page', widget.list.listAddsToFormPage),
      row('English extra, list page', widget.list.englishExtra),
    ] : []),
    ...(widget.messageOnly ? [row('<liuyan-message>, Chinese', widget.messageOnly)] : []),
    ['lit alone, for reference', 1, lit.rawBytes, (lit.rawBytes / KB).toFixed(2), lit.gzipBytes, lit.gzipKB.toFixed(2)],
  ]));
  const listFiles = widget.list.measured ? [...widget.list.listChinese.files, ...widget.list.englishExtra.files] : [];
  const files = [...new Map([...widget.formAndTrack.files, ...widget.englishExtra.bothPage.files, ...listFiles, ...(widget.messageOnly?.files ?? [])]
    .map((f) => [f.file, f])).values()].sort((a, b) => a.file.localeCompare(b.file));
  console.log('\n' + table(['file (public/widget/)', 'raw B', 'gzip B', 'downloaded by'],
    files.map((f) => [f.file, f.rawBytes, f.gzipBytes, pagesOf(widget, f.file)])));
  const b = widget.budget;
  console.log(`\n  <liuyan-form> in Chinese: ${(b.formChineseGzipBytes / KB).toFixed(2)} KB gzip (${b.formChineseGzipBytes} B), ` +
    `${(b.formChineseRawBytes / KB).toFixed(2)} KB raw (${b.formChineseRawBytes} B)`);
  console.log(`  goal ${b.goalGzipBytes / KB} KB gzip (${b.goalGzipBytes} B), ceiling ${b.ceilingGzipBytes / KB} KB gzip (${b.ceilingGzipBytes} B): ` +
    `${b.verdict}${b.overGoalBytes > 0 ? ` — ${b.overGoalBytes} B over the goal` : ''}${b.overCeilingBytes > 0 ? `, ${b.overCeilingBytes} B over the ceiling` : ''}`);
  console.log(`  on demand (not needed to show it): ${widget.formOnDemand.gzipKB.toFixed(2)} KB gzip in ` +
    `${widget.formOnDemand.files.map((f) => `${f.file} ${f.gzipBytes} B`).join(', ') || 'no chunk'}; every feature used: ${widget.formEveryFeature.gzipKB.toFixed(2)} KB gzip`);
  console.log(`  lit alone is ${lit.gzipKB.toFixed(2)} KB gzip, about ${Math.round(lit.shareOfFormChinese * 100)}% of the form page`);
  if (widget.list.measured) {
    const l = widget.list;
    console.log(`  <liuyan-list> in Chinese: ${l.listChinese.gzipKB.toFixed(2)} KB gzip; with <liuyan-form> on the same page ` +
      `${l.formAndList.gzipKB.toFixed(2)} KB gzip (Lit and shared chunks once), ${l.listAddsToFormPage.gzipKB.toFixed(2)} KB more than the form alone`);
  } else {
    console.log(`  <liuyan-list>: skipped — ${widget.list.note}`);
  }
  if (widget.unreferenced.length > 0) console.log(`  built but downloaded by no page: ${widget.unreferenced.join(', ')}`);
}

function printApi(api: ApiResults): void {
  const row = (label: string, m: RouteMeasurement, ratio: string) => [
    label, m.requestsPerSecond.toFixed(1), m.latencyMs.p50, m.latencyMs.p99, m.non2xx, m.completedRequests, ratio, m.counts ? 'yes' : 'NO',
  ];
  const routeRow = (r: RouteResult) => row(r.route, r, r.throughputRatioToBaseline === null ? '—' : r.throughputRatioToBaseline.toFixed(2));
  const baselineRow = (i: number) => row(`GET /healthz (baseline ${i + 1})`, api.baseline.runs[i]!, '—');
  console.log(`\nAPI throughput (${api.target};\n  ${api.load.connections} connections, ${api.load.warmupSeconds} s warm-up, ~${api.load.targetSecondsPerRoute} s measured per run; in run order)\n`);
  console.log(table(['route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'requests', 'ratio', 'counts'], [
    baselineRow(0), ...Object.values(api.routes).flatMap((route, i) => [routeRow(route), baselineRow(i + 1)]),
  ]));
  console.log(`\n  ratio = route req/s ÷ mean of the baseline runs just before and after it; ` +
    `baseline spread (fastest/slowest) ${api.baseline.spread.toFixed(2)}`);
  if (!api.baseline.steady) {
    console.log(`  the baseline moved by more than ${STEADY_SPREAD}× during the run (other load on the machine?): ` +
      'the ratios are rough; run again on a quiet machine to compare them');
  }
  const w = api.submitWrites;
  console.log(`  submit run: ${w.messagesInD1} messages in D1, ${w.responses2xx} answered 2xx — ${w.matches ? 'equal' : 'NOT EQUAL'}`);
  for (const m of [...api.baseline.runs, ...Object.values(api.routes)]) {
    for (const problem of m.problems) console.log(`  ${m.route}: ${problem}`);
  }
}

const fmt = (n: number | null | undefined, places = 2): string => (n === null || n === undefined ? '—' : n.toFixed(places));

function printBoard(board: BoardResults): void {
  const { small, large } = board;
  const sizeLabel = (s: BoardSize) => `${Math.round(s.messages / 1000)}k`;
  const [k1, k2] = [sizeLabel(small), sizeLabel(large)];
  console.log(`\nBoard at scale (${board.target};\n  ${board.load.connections} connections, ${board.load.warmupSeconds} s warm-up, ` +
    `~${board.load.targetSecondsPerRoute} s / ≤ ${board.load.maxRequestsPerRun} requests measured per run${board.quick ? '; --quick' : ''})\n`);
  console.log(table(['', 'messages in D1', 'on the board', 'found by 路灯'], [
    [`small (${k1})`, small.messages, small.publicMessages, small.searchMatches],
    [`large (${k2})`, large.messages, large.publicMessages, large.searchMatches],
  ]));
  const s = board.seed;
  console.log(`\n  seed: ${s.small.messages} + ${s.large.messages.toLocaleString('en')} messages; the large seed took ${s.large.seconds} s ` +
    `(${s.large.messagesPerSecond} messages/s; ${s.large.rows.events.toLocaleString('en')} events, ${s.large.rows.replies.toLocaleString('en')} replies)\n`);
  const routes: [string, keyof BoardResults['ratios']][] = [
    ['list (全部, page 1)', 'list'], ['list, tab 已办理', 'tab'], ['search q=路灯', 'search'], ['detail', 'detail'],
    ['stats (whole site)', 'stats'],
  ];
  console.log(table(
    ['route', `p50 ${k1}`, `p50 ${k2}`, `p99 ${k1}`, `p99 ${k2}`, `req/s ${k1}`, `req/s ${k2}`,
      'p50 ×', 'p99 ×', 'req/s ×', 'machine ×', 'p50 × adj', 'req/s × adj', 'goal', 'counts'],
    routes.map(([label, key]) => {
      const a = small.routes[key];
      const b = large.routes[key];
      const r = board.ratios[key];
      return [label, a.latencyMs.p50, b.latencyMs.p50, a.latencyMs.p99, b.latencyMs.p99, a.requestsPerSecond.toFixed(1), b.requestsPerSecond.toFixed(1),
        fmt(r.p50), fmt(r.p99), fmt(r.requestsPerSecond), fmt(r.machineFactor), fmt(r.adjusted.p50), fmt(r.adjusted.requestsPerSecond),
        r.withinGoal === null ? '—' : r.withinGoal ? 'yes' : 'NO', a.counts && b.counts ? 'yes' : 'NO'];
    }),
  ));
  const rates = (size: BoardSize) => size.baselineRuns.map((m) => m.requestsPerSecond.toFixed(0)).join(', ');
  console.log(`\n  × = ${k2} ÷ ${k1}; machine × = the GET /healthz runs just before and after the route, ${k2} ÷ ${k1}; ` +
    `adj = with it taken out (req/s ÷ machine ×, p50 × machine ×);\n  goal: p50 × adj ≤ ${SCALE_GOAL} and req/s × adj ≥ ${fmt(1 / SCALE_GOAL)}. ` +
    `GET /healthz req/s in run order: ${k1} ${rates(small)}; ${k2} ${rates(large)}`);
  const smallCosts = new Map(small.d1.map((c) => [c.shape, c]));
  const rowsRead = (c: D1Cost | undefined) => (c?.rowsRead === null || c === undefined ? '—' : String(c.rowsRead));
  console.log(`\nD1 per request (as the service logs it; rows read include the site lookup; goal for list pages: ≤ 2 × rows returned + 10)\n`);
  console.log(table(['request', 'queries', 'rows returned', `rows read ${k1}`, `rows read ${k2}`, `per row ${k2}`, 'goal', `within goal ${k2}`],
    large.d1.map((c) => [
      c.label, fmt(c.queries, 0), c.rowsReturned, rowsRead(smallCosts.get(c.shape)), rowsRead(c),
      c.rowsRead !== null && c.rowsReturned > 0 ? (c.rowsRead / c.rowsReturned).toFixed(1) : '—',
      c.goalRowsRead ?? '—', c.withinGoal === null ? '—' : c.withinGoal ? 'yes' : 'NO',
    ])));
  const smallQueue = new Map(small.console.map((c) => [c.shape, c]));
  console.log(`\nThe officials' queue (a page of up to 50, and the counts of every tab; goal ≤ ${QUEUE_GOAL_ROWS_READ} rows read per load at any scale)\n`);
  console.log(table(['request', 'queries', 'rows returned', `rows read ${k1}`, `rows read ${k2}`, `within goal ${k2}`],
    large.console.map((c) => [c.label, fmt(c.queries, 0), c.rowsReturned, rowsRead(smallQueue.get(c.shape)), rowsRead(c),
      c.withinGoal === null ? '—' : c.withinGoal ? 'yes' : 'NO'])));
  const smallStats = new Map(small.stats.map((c) => [c.shape, c]));
  console.log(`\nStatistics (GET /v1/sites/demo/stats, and the officials' dashboard; goal ≤ ${STATS_GOAL_ROWS_READ} rows read per request at any scale)\n`);
  console.log(table(['request', 'queries', `rows read ${k1}`, `rows read ${k2}`, `within goal ${k2}`],
    large.stats.map((c) => [c.label, fmt(c.queries, 0), rowsRead(smallStats.get(c.shape)), rowsRead(c),
      c.withinGoal === null ? '—' : c.withinGoal ? 'yes' : 'NO'])));
  for (const m of [...small.baselineRuns, ...large.baselineRuns, ...Object.values(small.routes), ...Object.values(large.routes)]) {
    for (const problem of m.problems) console.log(`  ${m.route}: ${problem}`);
  }
}

function printDeliveries(deliveries: DeliveryCosts): void {
  console.log('\nThe deliveries queue during the API run (D1 cost per queue message handled, from the consumer\'s log)\n');
  console.log(table(['kind', 'handled', 'outcomes', 'queries mean/max', 'rows read mean/max', 'rows written mean/max'],
    Object.entries(deliveries).map(([kind, d]) => [kind, d.handled, Object.entries(d.outcomes).map(([o, n]) => `${o} ${n}`).join(', '),
      `${d.perDelivery.queries.mean}/${d.perDelivery.queries.max}`, `${d.perDelivery.rowsRead.mean}/${d.perDelivery.rowsRead.max}`,
      `${d.perDelivery.rowsWritten.mean}/${d.perDelivery.rowsWritten.max}`])));
}

/** 1-, 5- and 15-minute load averages: other work on the machine skews throughput (ratios less so). */
const loadAverage = (): number[] => os.loadavg().map((l) => Number(l.toFixed(2)));

async function main(): Promise<number> {
  const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const measuredAt = new Date().toISOString();
  const loadBefore = loadAverage();

  console.log('Measuring the widget bundle in public/widget …');
  let widget: Outcome<WidgetSizes>;
  try {
    widget = await measureWidget();
  } catch (error) {
    widget = { error: messageOf(error) };
  }

  console.log('Downsizing a 12-megapixel photo as <liuyan-form> does, in Chromium …');
  let photo: Outcome<PhotoSizes>;
  try {
    photo = await measurePhotoUpload();
  } catch (error) {
    photo = { error: messageOf(error) };
  }

  console.log(`Starting the local stack on 127.0.0.1:${PORT} and loading it …`);
  let api: Outcome<ApiResults>;
  // The queue work the API run's submissions caused (each event to its subscribers), per delivery.
  let deliveries: Outcome<DeliveryCosts> = { error: 'the API run did not finish' };
  try {
    api = await withLocalStack(PORT, async (stack) => {
      const measured = await measureApi(stack, (line) => console.log(line));
      deliveries = await settledDeliveries(stack);
      return measured;
    });
  } catch (error) {
    api = { error: messageOf(error) };
  }

  // A stack of its own, with the demo site's caps per address and per phone as deployed (load.ts LOAD_LIMITS).
  console.log(`Starting a local stack on 127.0.0.1:${PORT} for the load run …`);
  let load: Outcome<Omit<LoadResults, 'measuredAt' | 'machine'>>;
  try {
    load = await withLocalStack(PORT, (stack) => measureLoad(stack, (line) => console.log(line)), { submissionLimits: LOAD_LIMITS });
  } catch (error) {
    load = { error: messageOf(error) };
  }

  // A stack of its own, so the submissions of the API run are not among the board's messages.
  console.log(`Starting a second local stack on 127.0.0.1:${PORT} for the board at scale${args.quick ? ' (--quick)' : ''} …`);
  let board: Outcome<BoardResults>;
  try {
    board = await withLocalStack(PORT, (stack) => measureBoard(stack, { quick: args.quick }, (line) => console.log(line)));
  } catch (error) {
    board = { error: messageOf(error) };
  }

  const results = {
    measuredAt,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      loadAverage: { before: loadBefore, after: loadAverage() },
    },
    widget,
    photo,
    api,
    deliveries,
    load,
    board,
  };
  // Sections other runs write (`formInteractive` by bench:form, `units` by bench:units) are kept.
  const written = await writeResults(results);

  if ('error' in widget) console.log(`\nWidget: not measured — ${widget.error}`);
  else printWidget(widget);
  if ('error' in photo) console.log(`\nPhoto upload: not measured — ${photo.error}`);
  else console.log(`\nPhoto upload: a ${photo.width}×${photo.height} camera JPEG of ${(photo.originalBytes / KB).toFixed(0)} KB is sent as ` +
    `${photo.uploadedWidth}×${photo.uploadedHeight}, ${(photo.uploadedBytes / KB).toFixed(0)} KB (${photo.downsizeMs} ms to downsize here), ` +
    `with a ${photo.thumbnailWidth}×${photo.thumbnailHeight} thumbnail of ${(photo.thumbnailBytes / KB).toFixed(1)} KB`);
  if ('error' in api) console.log(`\nAPI: not measured — ${api.error}`);
  else printApi(api);
  if ('error' in deliveries) console.log(`\nDeliveries: not measured — ${deliveries.error}`);
  else printDeliveries(deliveries);
  if ('error' in load) console.log(`\nLoad: not measured — ${load.error}`);
  else printLoad(load);
  if ('error' in board) console.log(`\nBoard: not measured — ${board.error}`);
  else printBoard(board);
  const { cpus, node, loadAverage: machineLoad } = results.machine;
  console.log(`\nWritten to ${written} (machine: ${cpus} CPUs, Node ${node}, ` +
    `1-min load average ${machineLoad.before[0]} before, ${machineLoad.after[0]} after)`);
  return 'error' in api || 'error' in load || 'error' in board ? 1 : 0;
}

process.exitCode = await main();
