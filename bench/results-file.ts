// bench/results.json: each bench script writes its own sections (`npm run bench` most of them,
// bench:form `widget` and `formInteractive`, bench:load `load`, bench:units `units`, bench:cpu `cpu`)
// and keeps every other.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const resultsFile = path.join(import.meta.dirname, 'results.json');

/**
 * Writes `sections` (by name) into bench/results.json, keeping the sections it does not name.
 * Returns the file's path relative to the working directory, for the log line.
 */
export async function writeResults(sections: Record<string, unknown>): Promise<string> {
  const kept = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  await writeFile(resultsFile, JSON.stringify({ ...kept, ...sections }, null, 2) + '\n');
  return path.relative(process.cwd(), resultsFile);
}
