/**
 * Dedup evaluation on real near-duplicates found on this machine: LICENSE/README/CHANGELOG files
 * of node_modules (many copies and variants of the same licenses and docs), Debian copyright files
 * of /usr/share/doc (license texts with per-package headers), /usr/share/common-licenses and a slice
 * of the man pages (unrelated documents). Ground truth is the exact Jaccard similarity of the
 * 5-gram shingle sets. Prints recall for pairs with J ≥ 0.8, the share of removed documents truly
 * similar (J ≥ 0.7) to their survivor, and the same for the unverified (peers') behaviour.
 *
 *   node --import tsx scripts/evalDedup.ts [--max-man 1500] [--threshold 0.8] [--deb-dir DIR] [--json out.json]
 *
 * --deb-dir adds chunks of the changelogs/NEWS of two versions of the same packages (see debChunks).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { dedupSchema, type DedupConfig } from '../src/config/dedupSchema.js';
import { dedupItems, type DedupItem } from '../src/dedup/dedupItems.js';
import { exactHash } from '../src/dedup/exactHash.js';
import { minhashSignature } from '../src/dedup/minhash.js';
import { jaccard, shingleSet } from '../src/dedup/shingles.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

interface Doc {
  id: string;
  text: string;
}

function walk(dir: string, match: (name: string) => boolean, out: string[], depth = 0): void {
  if (depth > 8) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, match, out, depth + 1);
    else if (st.isFile() && st.size > 0 && st.size < 500_000 && match(n)) out.push(p);
  }
}

/** Man page source to rough text: drop requests and font escapes (good enough for shingles). */
function roffToText(src: string): string {
  return src
    .split('\n')
    .filter((l) => !l.startsWith('.\\"') && !l.startsWith("'\\\""))
    .map((l) => (l.startsWith('.') ? l.replace(/^\.\S+\s*/, '') : l))
    .join('\n')
    .replace(/\\f[BIRP]|\\f\(..|\\\(..|\\[-e&|^]/g, ' ');
}

/**
 * Documentation of two versions of the same Debian packages, cut into chunks of ≥ 200 words at
 * blank lines: sections of version N and N+1 are real near-duplicates with real edits. Prepare:
 *   apt-get download gcc-11 gcc-12 cpp-11 cpp-12 && for f in *.deb; do dpkg -x $f x-${f%%_*}; done
 */
function debChunks(dir: string): Doc[] {
  const files: string[] = [];
  walk(dir, (n) => /(changelog|news|readme)/i.test(n), files);
  const docs: Doc[] = [];
  for (const p of files) {
    let text = p.endsWith('.gz') ? gunzipSync(readFileSync(p)).toString('utf8') : readFileSync(p, 'utf8');
    if (p.endsWith('.html')) text = text.replace(/<[^>]*>/g, ' ');
    let chunk = '';
    let k = 0;
    const flush = (): void => {
      if (chunk.trim()) docs.push({ id: `debdoc:${p.slice(dir.length + 1)}#${k++}`, text: chunk });
      chunk = '';
    };
    for (const para of text.split(/\n\s*\n/)) {
      chunk += `${para}\n\n`;
      if (chunk.split(/\s+/).length >= 200) flush();
    }
    flush();
  }
  return docs;
}

function collect(maxMan: number, debDir: string): Doc[] {
  const docs: Doc[] = debDir ? debChunks(resolve(debDir)) : [];
  const nm: string[] = [];
  walk(join(repoRoot, 'node_modules'), (n) => /^(license|licence|readme|changelog|history)/i.test(n), nm);
  for (const p of nm) docs.push({ id: `npm:${p.slice(repoRoot.length + 1)}`, text: readFileSync(p, 'utf8') });
  const copyright: string[] = [];
  walk('/usr/share/doc', (n) => n === 'copyright', copyright);
  for (const p of copyright) docs.push({ id: `deb:${p}`, text: readFileSync(p, 'utf8') });
  const common: string[] = [];
  walk('/usr/share/common-licenses', () => true, common);
  for (const p of common) docs.push({ id: `lic:${p}`, text: readFileSync(p, 'utf8') });
  const man: string[] = [];
  walk('/usr/share/man/man1', (n) => n.endsWith('.gz'), man);
  walk('/usr/share/man/man8', (n) => n.endsWith('.gz'), man);
  const step = Math.max(1, Math.floor(man.length / maxMan));
  for (let i = 0; i < man.length && docs.length < 1e6; i += step) {
    try {
      docs.push({ id: `man:${man[i]}`, text: roffToText(gunzipSync(readFileSync(man[i])).toString('utf8')) });
    } catch {
      // symlinks to missing targets, non-gzip files
    }
  }
  return docs;
}

/**
 * All pairs of distinct documents with exact Jaccard ≥ minJ. Exact copies (same normalised text)
 * are grouped first; near pairs are found through an inverted index over the representatives'
 * shingles (a pair with J ≥ minJ shares most of its shingles), then scored exactly.
 */
function truePairs(sets: Uint32Array[], hashes: string[], minJ: number): Map<string, number> {
  const rep = new Map<string, number>();
  const repOf = hashes.map((h, i) => {
    if (!rep.has(h)) rep.set(h, i);
    return rep.get(h)!;
  });
  const reps = [...rep.values()].filter((r) => sets[r].length > 0);
  const posting = new Map<number, number[]>();
  for (const r of reps) {
    // Sampling a few shingles per document is enough to meet every pair with J ≥ 0.5:
    // use the 64 smallest hashes (a bottom-k sample; J ≥ 0.5 pairs share many of them).
    const s = sets[r];
    for (let k = 0; k < Math.min(64, s.length); k++) {
      const list = posting.get(s[k]);
      if (list) list.push(r);
      else posting.set(s[k], [r]);
    }
  }
  const scored = new Map<string, number>();
  for (const list of posting.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = Math.min(list[a], list[b]);
        const y = Math.max(list[a], list[b]);
        const key = `${x},${y}`;
        if (scored.has(key)) continue;
        const la = sets[x].length;
        const lb = sets[y].length;
        if (Math.min(la, lb) / Math.max(la, lb) < minJ) {
          scored.set(key, 0);
          continue;
        }
        scored.set(key, jaccard(sets[x], sets[y]));
      }
    }
  }
  // Expand representatives to all their exact copies.
  const members = new Map<number, number[]>();
  repOf.forEach((r, i) => {
    if (sets[i].length === 0) return;
    const m = members.get(r);
    if (m) m.push(i);
    else members.set(r, [i]);
  });
  const pairs = new Map<string, number>();
  for (const m of members.values()) for (let a = 0; a < m.length; a++) for (let b = a + 1; b < m.length; b++) pairs.set(`${m[a]},${m[b]}`, 1);
  for (const [key, j] of scored) {
    if (j < minJ) continue;
    const [x, y] = key.split(',').map(Number);
    for (const a of members.get(x)!) for (const b of members.get(y)!) pairs.set(`${Math.min(a, b)},${Math.max(a, b)}`, j);
  }
  return pairs;
}

function evaluate(docs: Doc[], sets: Uint32Array[], items: DedupItem[], pairs: Map<string, number>, cfg: DedupConfig): Record<string, number> {
  const t0 = performance.now();
  const { decisions, stats } = dedupItems(items, cfg);
  const seconds = (performance.now() - t0) / 1000;
  const pos = new Map(docs.map((d, i) => [d.id, i]));
  const dec = new Array<(typeof decisions)[number]>(docs.length);
  for (const d of decisions) dec[pos.get(d.id)!] = d;
  let truePairs = 0;
  let resolved = 0;
  let sameCluster = 0;
  let nearPairs = 0;
  let nearResolved = 0;
  const bins = [0.8, 0.85, 0.9, 0.95];
  const binPairs = [0, 0, 0, 0];
  const binResolved = [0, 0, 0, 0];
  for (const [key, j] of pairs) {
    if (j < 0.8) continue;
    const [a, b] = key.split(',').map(Number);
    truePairs++;
    const ok = !(dec[a].survivor && dec[b].survivor);
    if (ok) resolved++;
    if (dec[a].cluster === dec[b].cluster) sameCluster++;
    if (j < 1) {
      nearPairs++;
      if (ok) nearResolved++;
      let b = bins.length - 1;
      while (j < bins[b]) b--;
      binPairs[b]++;
      if (ok) binResolved[b]++;
    }
  }
  let removed = 0;
  let removedSimilar = 0;
  let removedNear = 0;
  let removedNearSimilar = 0;
  let worst = 1;
  for (let i = 0; i < docs.length; i++) {
    const d = dec[i];
    if (d.survivor) continue;
    removed++;
    const j = jaccard(sets[i], sets[pos.get(d.survivorId)!]);
    if (j >= 0.7) removedSimilar++;
    if (d.kind === 'near') {
      removedNear++;
      if (j >= 0.7) removedNearSimilar++;
    }
    worst = Math.min(worst, j);
  }
  return {
    pairs_j_ge_0_8: truePairs,
    recall_pairs_j_ge_0_8: +(resolved / truePairs).toFixed(4),
    same_cluster_pairs_j_ge_0_8: +(sameCluster / truePairs).toFixed(4),
    near_pairs_0_8_to_1: nearPairs,
    recall_near_pairs_0_8_to_1: +(nearResolved / Math.max(1, nearPairs)).toFixed(4),
    ...Object.fromEntries(
      bins.flatMap((lo, b) => {
        const name = `${lo}_to_${bins[b + 1] ?? 1}`.replace(/\./g, '_');
        return [
          [`near_pairs_${name}`, binPairs[b]],
          [`recall_near_pairs_${name}`, +(binResolved[b] / Math.max(1, binPairs[b])).toFixed(4)],
        ];
      }),
    ),
    removed,
    removed_truly_similar_j_ge_0_7: +(removedSimilar / Math.max(1, removed)).toFixed(4),
    removed_near: removedNear,
    removed_near_truly_similar_j_ge_0_7: +(removedNearSimilar / Math.max(1, removedNear)).toFixed(4),
    worst_removed_jaccard: +worst.toFixed(4),
    largest_cluster: stats.largest_cluster,
    dedup_seconds: +seconds.toFixed(2),
  };
}

export async function evalDedup(maxMan: number, threshold = 0.8, debDir = ''): Promise<Record<string, Record<string, number>>> {
  const cfg = dedupSchema.parse({ threshold });
  const docs = collect(maxMan, debDir);
  const sets = docs.map((d) => shingleSet(d.text, cfg.ngram));
  const hashes = docs.map((d) => exactHash(d.text));
  const items: DedupItem[] = docs.map((d, i) => ({
    id: d.id,
    source: d.id.split(':')[0],
    licenseRank: 0,
    quality: 0,
    length: d.text.length,
    exactHash: hashes[i],
    signature: minhashSignature(d.text, cfg),
  }));
  const pairs = truePairs(sets, hashes, 0.7);
  const corpus = {
    docs: docs.length,
    bytes: docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0),
    exact_groups: new Set(hashes).size,
    true_pairs_j_ge_0_7: pairs.size,
  };
  return {
    corpus,
    verified: evaluate(docs, sets, items, pairs, cfg),
    unverified_union_find: evaluate(docs, sets, items, pairs, { ...cfg, verify: 'none' }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await evalDedup(Number(arg('--max-man', '1500')), Number(arg('--threshold', '0.8')), arg('--deb-dir', ''));
  const json = arg('--json', '');
  if (json) writeFileSync(json, JSON.stringify(r, null, 2));
  for (const [section, vals] of Object.entries(r)) {
    process.stdout.write(`${section}\n`);
    for (const [k, v] of Object.entries(vals)) process.stdout.write(`  ${k.padEnd(40)} ${v}\n`);
  }
}
