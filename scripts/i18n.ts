import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expectedZhTWFiles, ROOT, staleZhTWFiles } from './i18n/generate';

// `npm run i18n`: writes every `*.zh-tw.ts` from its `*.zh-cn.ts` (scripts/i18n/generate.ts).
// `npm run i18n -- --check`: writes nothing, fails naming the zh-TW files that are out of date.

if (process.argv.includes('--check')) {
  const stale = await staleZhTWFiles();
  if (stale.length > 0) {
    console.error(`Out of date (run \`npm run i18n\`):\n${stale.map((path) => `  ${path}`).join('\n')}`);
    process.exit(1);
  }
  console.log('The zh-TW strings are up to date.');
} else {
  for (const [path, source] of await expectedZhTWFiles()) await writeFile(resolve(ROOT, path), source);
  console.log('Wrote the zh-TW strings.');
}
