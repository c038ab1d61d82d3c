// `npm run bench:form`: what a page downloads to show <liuyan-form>, and the time to an interactive
// form on a slow phone as a ratio to a plain HTML form — the two figures of the form's weight, without
// the API and board runs of `npm run bench`. Written into bench/results.json under `widget` and
// `formInteractive` (the other sections are kept), and printed.
import os from 'node:os';
import { measureInteractive } from './interactive';
import { withLocalStack } from './local-stack';
import { writeResults } from './results-file';
import { measureWidget } from './widget-size';

const PORT = Number(process.env.BENCH_PORT ?? 8795);
/** A county's website, on its own origin, that sets the form into its page. */
const HOST_PORT = PORT + 1;

const widget = await measureWidget();
console.log(`<liuyan-form> in Chinese: ${widget.formChinese.gzipKB} KB gzip to show it (${widget.formChinese.files.map((f) => `${f.file} ${f.gzipBytes} B`).join(', ')});`
  + ` ${widget.formOnDemand.gzipKB} KB more on demand (${widget.formOnDemand.files.map((f) => `${f.file} ${f.gzipBytes} B`).join(', ')})`);
console.log(`Timing the form on Slow 4G with 4× CPU slowdown on 127.0.0.1:${PORT} (load average ${os.loadavg()[0]!.toFixed(2)}) …`);
const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));
const interactive = await withLocalStack(PORT, (stack) => measureInteractive(stack.origin, HOST_PORT), { extraOrigins: [`http://127.0.0.1:${HOST_PORT}`] });
const loaderBytes = widget.formChinese.files.find((f) => f.file === 'liuyan.js')!.gzipBytes;
console.log(`the form the loader builds: the loader ${loaderBytes} B + the form as data ${interactive.earlyFormData.gzipBytes} B = ${loaderBytes + interactive.earlyFormData.gzipBytes} B gzip`);
console.log(`plain HTML form ${interactive.plainMs} ms, <liuyan-form> there to use ${interactive.widgetMs} ms: ${interactive.ratio}× (its own form at ${interactive.widgetEnhancedMs} ms) `
  + `(goal ≤ ${interactive.goalRatio}×: ${interactive.withinGoal ? 'met' : 'NOT met'}); with the form's file and the config preloaded beside the loader `
  + `${interactive.withModulepreload.widgetMs} ms: ${interactive.withModulepreload.ratio}×; the write page's own form `
  + `${interactive.hostedWrite.formMs} ms: ${interactive.hostedWrite.ratio}× (taken over by <liuyan-form> at ${interactive.hostedWrite.enhancedMs} ms); a county's page with that form set into it `
  + `${interactive.included.formMs} ms: ${interactive.included.ratio}× (taken over at ${interactive.included.enhancedMs} ms); that page with only the site's own loader `
  + `${interactive.siteLoader.formMs} ms: ${interactive.siteLoader.ratio}× (the element's own form at ${interactive.siteLoader.enhancedMs} ms); samples ${JSON.stringify(interactive.samples)}`);

const written = await writeResults({
  widget,
  formInteractive: { measuredAt: new Date().toISOString(), loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Number(l.toFixed(2))) }, ...interactive },
});
console.log(`Written to ${written} (widget, formInteractive)`);
