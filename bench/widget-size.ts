// What a host page downloads for each widget element, from the built files in public/widget.
//
// The import graph comes from esbuild parsing the built files themselves (a metafile of a
// write-less bundle of the loader and every element's file), so nothing depends on hashed chunk
// names. The widget is built twice (scripts/build-widget.ts): each element alone (public/widget/
// alone/, one file for a page with only that element) and all sharing chunks (for a page with
// several); a one-element page is measured on the first, a page with two elements on the second. Which chunk holds
// which source module (the form, the tracker, English strings) comes from each chunk's source map,
// falling back to esbuild's `[name]-[hash]` file name when a chunk has no map.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from '../scripts/local-stack';

/** 1 KB = 1024 bytes. */
export const KB = 1024;
export const GOAL_GZIP_BYTES = 10 * KB;
export const CEILING_GZIP_BYTES = 12 * KB;

const widgetDir = path.join(root, 'public/widget');
const loaderFile = path.join(widgetDir, 'liuyan.js');

/** The source modules that define each element. */
const FORM_SOURCE = path.join(root, 'widget/src/liuyan-form/liuyan-form.ts');
const TRACK_SOURCE = path.join(root, 'widget/src/liuyan-track/liuyan-track.ts');
/** Elements measured when they are built (public/widget/<tag>.js exists). */
const LIST_TAG = 'liuyan-list';
const MESSAGE_TAG = 'liuyan-message';
const sourceOf = (tag: string) => path.join(root, `widget/src/${tag}/${tag}.ts`);
/** Every element, each built alone too. */
const TAGS_ALONE = ['liuyan-form', 'liuyan-track', 'liuyan-list', 'liuyan-message', 'liuyan-stats'];

/** English strings live in modules named `en.ts` or `<something>.en.ts` (e.g. `strings.en.ts`). */
const isEnglishModule = (file: string): boolean => /(^|\.)en\.[cm]?[jt]s$/.test(path.basename(file));
/** Traditional Chinese strings likewise (`zh-tw.ts`, `strings.zh-tw.ts`): fetched only by a zh-TW page, so in neither figure. */
const isTraditionalModule = (file: string): boolean => /(^|\.)zh-tw\.[cm]?[jt]s$/.test(path.basename(file));
/** The limits a language's sentences of field errors take their own copy of (scripts/build-widget.ts): in a language's file, part of it. */
const isLimits = (file: string): boolean => /sdk\/src\/limits\.ts$/.test(file);

interface BuiltFile {
  /** Path relative to public/widget, e.g. `chunks/liuyan-form-OFFUBYLI.js`. */
  file: string;
  rawBytes: number;
  gzipBytes: number;
  staticImports: string[];
  dynamicImports: string[];
  /** Absolute paths of the source modules bundled into this file (empty without a source map). */
  sources: string[];
}

export interface FileSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface Download {
  files: FileSize[];
  rawBytes: number;
  gzipBytes: number;
  rawKB: number;
  gzipKB: number;
}

export type BudgetVerdict = 'within goal' | 'over goal, within ceiling' | 'over ceiling';

export interface WidgetSizes {
  compression: 'gzip level 9, each file compressed on its own (as served), sizes summed';
  /**
   * What a page downloads to show `<liuyan-form>` in Chinese, ready to type in: the loader, the form's
   * chunk and every chunk they import statically. What the form imports only when a citizen needs it
   * (the receipt, the outbox's sending, the photo code) is `formOnDemand`.
   */
  formChinese: Download;
  /** Chunks the form fetches only when needed (dynamic imports, Chinese), not counted in `formChinese`. */
  formOnDemand: Download;
  /** `formChinese` + `formOnDemand`: a page whose citizen uses every feature. */
  formEveryFeature: Download;
  /** Loader + track chunk + shared chunks. */
  trackOnly: Download;
  /** A page with both elements; shared chunks counted once. */
  formAndTrack: Download;
  /** What `lang="en"` adds to each page: the chunks of English strings and whatever only they import. */
  englishExtra: { formPage: Download; trackPage: Download; bothPage: Download };
  /** Built files holding only English strings (by source map, or `en-` / `*.en-` file names without one). */
  englishChunks: string[];
  /** `<liuyan-list>`, when built: its page, and a page with the form too (shared chunks counted once). */
  list: ListSizes;
  /** `<liuyan-message>` alone, when built (null otherwise). */
  messageOnly: Download | null;
  /** Built scripts under public/widget that none of the pages above downloads, in any language (expected: none). */
  unreferenced: string[];
  budget: {
    goalGzipBytes: number;
    ceilingGzipBytes: number;
    formChineseGzipBytes: number;
    formChineseRawBytes: number;
    verdict: BudgetVerdict;
    overGoalBytes: number;
    overCeilingBytes: number;
  };
  /** `lit` bundled alone (esbuild, minified ESM, es2021), for reference. */
  litAlone: {
    rawBytes: number;
    gzipBytes: number;
    gzipKB: number;
    /** litAlone.gzipBytes / formChinese.gzipBytes; approximate, since gzip sizes do not add exactly. */
    shareOfFormChinese: number;
  };
}

export type ListSizes =
  | {
    measured: true;
    /** Loader + list chunk + shared chunks, Chinese only. */
    listChinese: Download;
    /** A page with `<liuyan-form>` and `<liuyan-list>`; shared chunks (Lit) counted once. */
    formAndList: Download;
    /** What the form page adds when the list is on it too. */
    listAddsToFormPage: Download;
    /** What `lang="en"` adds to the list page. */
    englishExtra: Download;
  }
  | { measured: false; note: string };

const gzipSize = (data: Uint8Array | string): number => gzipSync(data, { level: 9 }).length;
const round = (value: number, places: number): number => Number(value.toFixed(places));
const toKB = (bytes: number): number => round(bytes / KB, 2);

/** The source modules listed in a built file's linked source map, as absolute paths. */
function sourcesOf(absoluteFile: string, code: string): string[] {
  const link = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
  if (!link || link.startsWith('data:')) return [];
  const mapFile = path.resolve(path.dirname(absoluteFile), link);
  try {
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sourceRoot?: string; sources?: string[] };
    return (map.sources ?? []).map((source) => path.resolve(path.dirname(mapFile), map.sourceRoot ?? '', source));
  } catch {
    return [];
  }
}

/** The element files of both builds (the loader imports them by computed address, which a bundler does not follow). */
function elementFiles(): string[] {
  return TAGS_ALONE.flatMap((tag) => [`${tag}.js`, `alone/${tag}.js`]).map((file) => path.join(widgetDir, file)).filter((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** Every file the loader and the element files reach, with its sizes and its static and dynamic imports. */
async function readImportGraph(): Promise<Map<string, BuiltFile>> {
  const { metafile } = await build({
    entryPoints: [loaderFile, ...elementFiles()],
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: path.join(root, 'bench/.unused-out'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const graph = new Map<string, BuiltFile>();
  for (const [input, info] of Object.entries(metafile.inputs)) {
    const absolute = path.resolve(root, input);
    if (!absolute.startsWith(widgetDir + path.sep)) continue;
    const code = readFileSync(absolute);
    const relative = (p: string) => path.relative(widgetDir, path.resolve(root, p));
    graph.set(relative(input), {
      file: relative(input),
      rawBytes: code.length,
      gzipBytes: gzipSize(code),
      staticImports: info.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => relative(i.path)),
      dynamicImports: info.imports.filter((i) => i.kind === 'dynamic-import' && !i.external).map((i) => relative(i.path)),
      sources: sourcesOf(absolute, code.toString('utf8')),
    });
  }
  return graph;
}

/** The built files that bundle `source`; by source map, else by esbuild's `[name]-[hash].js` naming. */
function filesHolding(graph: Map<string, BuiltFile>, source: string): string[] {
  const bySourceMap = [...graph.values()].filter((f) => f.sources.includes(source)).map((f) => f.file);
  if (bySourceMap.length > 0) return bySourceMap;
  const stem = path.basename(source, path.extname(source));
  return [...graph.values()].filter((f) => f.sources.length === 0 && path.basename(f.file).startsWith(`${stem}-`)).map((f) => f.file);
}

/** Built files whose every source module holds English strings. */
function englishOnlyFiles(graph: Map<string, BuiltFile>): string[] {
  return [...graph.values()].filter((f) => f.sources.length > 0
    ? f.sources.some(isEnglishModule) && f.sources.every((s) => isEnglishModule(s) || isLimits(s))
    : /^(.*\.)?en-[A-Z0-9]+\.js$/.test(path.basename(f.file))).map((f) => f.file);
}

/** Built files whose every source module holds Traditional Chinese strings. */
function traditionalOnlyFiles(graph: Map<string, BuiltFile>): string[] {
  return [...graph.values()].filter((f) => f.sources.length > 0
    ? f.sources.some(isTraditionalModule) && f.sources.every((s) => isTraditionalModule(s) || isLimits(s))
    : /^(.*\.)?zh-tw-[A-Z0-9]+\.js$/.test(path.basename(f.file))).map((f) => f.file);
}

/** `starts` and everything they import, statically or dynamically, never entering `excluded`. */
function reach(graph: Map<string, BuiltFile>, starts: string[], { dynamic, excluded = new Set<string>() }: { dynamic: boolean; excluded?: Set<string> }): Set<string> {
  const seen = new Set<string>();
  const queue = starts.filter((s) => !excluded.has(s));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const node = graph.get(file);
    if (!node) throw new Error(`import graph has no entry for ${file}`);
    for (const next of [...node.staticImports, ...(dynamic ? node.dynamicImports : [])]) {
      if (!excluded.has(next) && !seen.has(next)) queue.push(next);
    }
  }
  return seen;
}

/** Every `.js` file under public/widget, relative to it. */
function builtScripts(): string[] {
  return readdirSync(widgetDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).sort();
}

function download(graph: Map<string, BuiltFile>, files: Iterable<string>): Download {
  const sizes = [...files].sort().map((file) => {
    const { rawBytes, gzipBytes } = graph.get(file)!;
    return { file, rawBytes, gzipBytes };
  });
  const rawBytes = sizes.reduce((sum, f) => sum + f.rawBytes, 0);
  const gzipBytes = sizes.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files: sizes, rawBytes, gzipBytes, rawKB: toKB(rawBytes), gzipKB: toKB(gzipBytes) };
}

/**
 * The chunks of an element that is measured only once it exists: null unless public/widget/<tag>.js
 * was built and the loader reaches it.
 */
function builtElementChunks(graph: Map<string, BuiltFile>, tag: string): string[] | null {
  const held = filesHolding(graph, sourceOf(tag));
  if (held.length > 0) return held;
  return graph.has(`${tag}.js`) ? [`${tag}.js`] : null;
}

function listMissingNote(): string {
  let built = false;
  try {
    built = statSync(path.join(widgetDir, `${LIST_TAG}.js`)).isFile();
  } catch {
    // not built
  }
  return built
    ? `public/widget/${LIST_TAG}.js is built but the loader (liuyan.js) does not import it: add it to the loader's elements`
    : `public/widget/${LIST_TAG}.js is not built yet (widget/src/${LIST_TAG}/ in progress?): <${LIST_TAG}> not measured`;
}

function requireOne(kind: string, files: string[]): string[] {
  if (files.length === 0) throw new Error(`no built file under public/widget holds the ${kind}; is the widget built?`);
  return files;
}

async function measureLitAlone(): Promise<{ rawBytes: number; gzipBytes: number }> {
  const { outputFiles } = await build({
    stdin: { contents: "export * from 'lit';", resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2021',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles[0]!.contents;
  return { rawBytes: code.length, gzipBytes: gzipSize(code) };
}

/** The files of `held` in the alone build (`alone: true`) or the shared one. */
const ofBuild = (held: string[] | null, alone: boolean): string[] | null => {
  const files = held?.filter((f) => f.startsWith('alone/') === alone) ?? [];
  return files.length > 0 ? files : null;
};

export async function measureWidget(): Promise<WidgetSizes> {
  const graph = await readImportGraph();
  const loader = path.relative(widgetDir, loaderFile);
  const formHeld = requireOne('<liuyan-form> element', filesHolding(graph, FORM_SOURCE));
  const trackHeld = requireOne('<liuyan-track> element', filesHolding(graph, TRACK_SOURCE));
  // Pages with one element: its alone build. Pages with two: the shared one.
  const formChunks = requireOne('<liuyan-form> element (alone)', ofBuild(formHeld, true) ?? []);
  const trackChunks = requireOne('<liuyan-track> element (alone)', ofBuild(trackHeld, true) ?? []);
  const formShared = requireOne('<liuyan-form> element (shared)', ofBuild(formHeld, false) ?? []);
  const trackShared = requireOne('<liuyan-track> element (shared)', ofBuild(trackHeld, false) ?? []);
  const listHeld = builtElementChunks(graph, LIST_TAG);
  const listChunks = ofBuild(listHeld, true);
  const listShared = ofBuild(listHeld, false);
  const messageChunks = ofBuild(builtElementChunks(graph, MESSAGE_TAG), true);
  const englishChunks = englishOnlyFiles(graph);
  const traditionalChunks = traditionalOnlyFiles(graph);

  // A page always runs the loader (and anything it imports statically), then the chunk of each of
  // its elements and all that chunk imports, statically or dynamically, but never the other
  // element's chunk. In Chinese it stops at chunks of English strings; in English it takes them too.
  const loaderAlways = reach(graph, [loader], { dynamic: false });
  const page = (elements: string[], others: string[], language: 'zh' | 'en') => new Set([
    ...loaderAlways,
    ...reach(graph, elements, { dynamic: true, excluded: new Set([...others, ...traditionalChunks, ...(language === 'zh' ? englishChunks : [])]) }),
  ]);
  const without = (all: Set<string>, chinese: Set<string>) => [...all].filter((f) => !chinese.has(f));
  const formEverything = page(formChunks, trackChunks, 'zh');
  // To show the form: the loader's element import and the static imports of what it brings.
  const formSet = new Set([...loaderAlways, ...reach(graph, formChunks, { dynamic: false })]);
  const trackSet = page(trackChunks, formChunks, 'zh');
  const bothSet = page([...formShared, ...trackShared], [], 'zh');
  const bothEnglishSet = page([...formShared, ...trackShared], [], 'en');
  // Every page in every language: each element file of both builds and all it imports, in any language.
  const everything = page(elementFiles().map((f) => path.relative(widgetDir, f)), [], 'en');
  for (const file of traditionalChunks) everything.add(file);

  let list: ListSizes;
  if (listChunks && listShared) {
    const listSet = page(listChunks, [], 'zh');
    const formAndListSet = page([...formShared, ...listShared], [], 'zh');
    list = {
      measured: true,
      listChinese: download(graph, listSet),
      formAndList: download(graph, formAndListSet),
      listAddsToFormPage: download(graph, without(formAndListSet, page(formShared, [], 'zh'))),
      englishExtra: download(graph, without(page(listChunks, [], 'en'), listSet)),
    };
  } else {
    list = { measured: false, note: listMissingNote() };
  }

  const formChinese = download(graph, formSet);
  const lit = await measureLitAlone();
  const gz = formChinese.gzipBytes;
  return {
    compression: 'gzip level 9, each file compressed on its own (as served), sizes summed',
    formChinese,
    formOnDemand: download(graph, without(formEverything, formSet)),
    formEveryFeature: download(graph, formEverything),
    trackOnly: download(graph, trackSet),
    formAndTrack: download(graph, bothSet),
    englishExtra: {
      formPage: download(graph, without(page(formChunks, trackChunks, 'en'), formEverything)),
      trackPage: download(graph, without(page(trackChunks, formChunks, 'en'), trackSet)),
      bothPage: download(graph, without(bothEnglishSet, bothSet)),
    },
    englishChunks: englishChunks.sort(),
    list,
    messageOnly: messageChunks ? download(graph, page(messageChunks, [], 'zh')) : null,
    unreferenced: builtScripts().filter((f) => !everything.has(f)),
    budget: {
      goalGzipBytes: GOAL_GZIP_BYTES,
      ceilingGzipBytes: CEILING_GZIP_BYTES,
      formChineseGzipBytes: gz,
      formChineseRawBytes: formChinese.rawBytes,
      verdict: gz <= GOAL_GZIP_BYTES ? 'within goal' : gz <= CEILING_GZIP_BYTES ? 'over goal, within ceiling' : 'over ceiling',
      overGoalBytes: Math.max(0, gz - GOAL_GZIP_BYTES),
      overCeilingBytes: Math.max(0, gz - CEILING_GZIP_BYTES),
    },
    litAlone: { ...lit, gzipKB: toKB(lit.gzipBytes), shareOfFormChinese: round(lit.gzipBytes / gz, 2) },
  };
}
