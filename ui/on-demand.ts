// A chunk of the build fetched when it is needed (a language, the privacy notice, the receipt, the
// photo code …), in a way that a failed fetch can be tried again later on the same page.
//
// Why it is needed: a browser keeps a module whose fetch failed for the life of the page (the HTML
// standard's module map), and Chromium (150) answers every later `import()` of that file with the
// same error without asking the network again. A chunk asked for while the phone was offline would
// then never come, however long the network has been back.

/** Thrown instead of fetching while the device says it is offline: nothing is asked for, so nothing fails for good. */
export class OfflineError extends Error {
  constructor() {
    super('offline: the chunk was not asked for');
  }
}

/** The address of the file a failed `import()` names in its error (Chromium and Firefox name it; Safari does not). */
function fileNamedIn(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  return /\b(?:https?|file):\/\/[^\s'"]+?\.m?js\b/.exec(message)?.[0] ?? null;
}

/**
 * `load` (one dynamic `import()` of a module of the build, written in the bundle as a static path)
 * made safe to call again after a failure, and `pick` applied to the module (the whole module
 * without it). The returned function:
 * - while `navigator.onLine` is false, rejects with `OfflineError` at once, asking for nothing;
 * - once a fetch has failed online, asks for the file the error named at a fresh address
 *   (`?retry=<ms>`: a new entry of the module map, the same file from the server and its cache);
 * - once it has the module, keeps it: every later call gets the same one.
 * It rejects with the fetch's own error otherwise; the caller tries again when it next needs it.
 */
export function onDemand<M, T = M>(load: () => Promise<M>, pick: (module: M) => T = (module) => module as unknown as T): () => Promise<T> {
  let module: M | null = null;
  let failedFile: string | null = null;
  return async () => {
    if (module) return pick(module);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new OfflineError();
    try {
      if (failedFile) {
        const again = `${failedFile}?retry=${Date.now()}`;
        module = (await import(/* the same file at a fresh address */ again)) as M;
      } else {
        module = await load();
      }
      return pick(module);
    } catch (error) {
      failedFile ??= fileNamedIn(error);
      throw error;
    }
  };
}
