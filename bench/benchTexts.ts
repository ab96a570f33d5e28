import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * Real text on this machine: docs and licenses of node_modules, Debian license texts, in a fixed
 * order, up to `maxBytes`. `names`: which file names to read.
 */
export function benchTexts(maxBytes: number, names = /^(readme|license|licence|changelog|history)|\.(md|txt|markdown)$/i): string[] {
  const out: string[] = [];
  let bytes = 0;
  const walk = (dir: string, depth: number): void => {
    if (bytes >= maxBytes || depth > 6) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of entries) {
      if (bytes >= maxBytes) return;
      const p = join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p, depth + 1);
      else if (names.test(n) && st.size > 200 && st.size < 2_000_000) {
        const t = readFileSync(p, 'utf8');
        out.push(t);
        bytes += Buffer.byteLength(t);
      }
    }
  };
  walk('/usr/share/common-licenses', 0);
  walk(join(repoRoot, 'node_modules'), 0);
  return out;
}
