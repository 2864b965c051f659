// The diagnostics bundle is one zip: tests read it entry by entry (a secret inside compressed
// bytes would not show in a plain text search of the file), and search every file of a folder
// with each zip opened.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** The zip's entries as text, by their path in the zip. */
export function readBundle(file: string): Record<string, string> {
  const entries = unzipSync(readFileSync(file));
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** Every file under `dir` as text, by path; a zip's entries as `<zip>!<entry>`. */
export function textsUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, textsUnder(path));
    else if (path.endsWith('.zip')) {
      for (const [entry, text] of Object.entries(readBundle(path))) out[`${path}!${entry}`] = text;
    } else out[path] = readFileSync(path, 'utf8');
  }
  return out;
}
