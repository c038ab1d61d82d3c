// A chunk of the build fetched when it is needed (a language, the privacy notice, the receipt, the
// photo code …), in a way that a failed fetch can be tried again later on the same page.
//
// Why it is needed: a browser keeps a module whose fetch failed for the life of the page (the HTML
// standard's module map), and Chromium (150) answers every later `import()` of that file with the
// same error without asking the network again. A chunk asked for while the phone was offline would
// then never come, however long the network has been back.

/**
 * The address of the file a failed `import()` names in its error: Chromium's "Failed to fetch
 * dynamically imported module: <url>", Firefox's "error loading dynamically imported module: <url>"
 * (Safari names none). The address runs to a `.js` that ends it (`liuyan.js.gov.cn` is a host).
 */
export function fileNamedIn(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  return /\b(?:https?|file):\/\/[^\s'"]+?\.m?js(?=$|[\s'"?#])/.exec(message)?.[0] ?? null;
}

/** `url` at a fresh address for the module map (`?retry=<ms>`): the same file from the server. */
export const freshAddress = (url: string): string => `${url}?retry=${Date.now()}`;

/**
 * `load` (one dynamic `import()` of a module of the build, written in the bundle as a static path)
 * made safe to call again after a failure, and `pick` applied to the module (the whole module
 * without it). The returned function:
 * - once a fetch has failed, asks for the file the error named at a fresh address
 *   (`?retry=<ms>`: a new entry of the module map, the same file from the server);
 * - shares one fetch between calls made while it is on its way, and once it has the module keeps
 *   it: every later call gets the same one (never a second copy of a module that holds state);
 * - rejects with the fetch's error otherwise; the caller tries again when it next needs it.
 * A chunk's own imports (the shared build's common chunks) resolve to their usual addresses: one whose
 * fetch failed stays failed for the page, as before.
 */
export function onDemand<M, T = M>(load: () => Promise<M>, pick: (module: M) => T = (module) => module as unknown as T): () => Promise<T> {
  let module: Promise<M> | null = null;
  let failedFile: string | null = null;
  const fetchModule = async (): Promise<M> => {
    if (!failedFile) return load();
    const again = freshAddress(failedFile);
    return (await import(/* the same file at a fresh address */ again)) as M;
  };
  return async () => {
    module ??= fetchModule().catch((error: unknown) => {
      module = null;
      failedFile ??= fileNamedIn(error);
      throw error;
    });
    return pick(await module);
  };
}
