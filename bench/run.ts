// `npm run bench` (after `npm run build`): the widget's download size and the API's throughput,
// written to bench/results.json and printed. It reports only; nothing here passes or fails a build.
// It exits non-zero only when the local stack could not be measured at all.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureApi, STEADY_SPREAD, type ApiResults, type RouteMeasurement, type RouteResult } from './api-load';
import { withLocalStack } from './local-stack';
import { table } from './table';
import { KB, measureWidget, type Download, type WidgetSizes } from './widget-size';

/** Loopback port of the benchmark's own worker (8787 and 8789–8791 belong to dev and the browser tests). */
const PORT = 8795;
const resultsFile = path.join(import.meta.dirname, 'results.json');

type Outcome<T> = T | { error: string };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Which pages download a file: `form`, `track` (in Chinese), `en` (only when English is shown). */
function pagesOf(widget: WidgetSizes, file: string): string {
  const holds = (d: Download) => d.files.some((f) => f.file === file);
  return [
    holds(widget.formChinese) ? 'form' : '',
    holds(widget.trackOnly) ? 'track' : '',
    holds(widget.englishExtra.formPage) ? 'form en' : '',
    holds(widget.englishExtra.trackPage) ? 'track en' : '',
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
    ['lit alone, for reference', 1, lit.rawBytes, (lit.rawBytes / KB).toFixed(2), lit.gzipBytes, lit.gzipKB.toFixed(2)],
  ]));
  const files = [...widget.formAndTrack.files, ...widget.englishExtra.bothPage.files].sort((a, b) => a.file.localeCompare(b.file));
  console.log('\n' + table(['file (public/widget/)', 'raw B', 'gzip B', 'downloaded by'],
    files.map((f) => [f.file, f.rawBytes, f.gzipBytes, pagesOf(widget, f.file)])));
  const b = widget.budget;
  console.log(`\n  <liuyan-form> in Chinese: ${(b.formChineseGzipBytes / KB).toFixed(2)} KB gzip (${b.formChineseGzipBytes} B), ` +
    `${(b.formChineseRawBytes / KB).toFixed(2)} KB raw (${b.formChineseRawBytes} B)`);
  console.log(`  goal ${b.goalGzipBytes / KB} KB gzip (${b.goalGzipBytes} B), ceiling ${b.ceilingGzipBytes / KB} KB gzip (${b.ceilingGzipBytes} B): ` +
    `${b.verdict}${b.overGoalBytes > 0 ? ` — ${b.overGoalBytes} B over the goal` : ''}${b.overCeilingBytes > 0 ? `, ${b.overCeilingBytes} B over the ceiling` : ''}`);
  console.log(`  lit alone is ${lit.gzipKB.toFixed(2)} KB gzip, about ${Math.round(lit.shareOfFormChinese * 100)}% of the form page`);
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

/** 1-, 5- and 15-minute load averages: other work on the machine skews throughput (ratios less so). */
const loadAverage = (): number[] => os.loadavg().map((l) => Number(l.toFixed(2)));

async function main(): Promise<number> {
  const measuredAt = new Date().toISOString();
  const loadBefore = loadAverage();

  console.log('Measuring the widget bundle in public/widget …');
  let widget: Outcome<WidgetSizes>;
  try {
    widget = await measureWidget();
  } catch (error) {
    widget = { error: messageOf(error) };
  }

  console.log(`Starting the local stack on 127.0.0.1:${PORT} and loading it …`);
  let api: Outcome<ApiResults>;
  try {
    api = await withLocalStack(PORT, (stack) => measureApi(stack, (line) => console.log(line)));
  } catch (error) {
    api = { error: messageOf(error) };
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
    api,
  };
  await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');

  if ('error' in widget) console.log(`\nWidget: not measured — ${widget.error}`);
  else printWidget(widget);
  if ('error' in api) console.log(`\nAPI: not measured — ${api.error}`);
  else printApi(api);
  const { cpus, node, loadAverage: load } = results.machine;
  console.log(`\nWritten to ${path.relative(process.cwd(), resultsFile)} (machine: ${cpus} CPUs, Node ${node}, ` +
    `1-min load average ${load.before[0]} before, ${load.after[0]} after)`);
  return 'error' in api ? 1 : 0;
}

process.exitCode = await main();
