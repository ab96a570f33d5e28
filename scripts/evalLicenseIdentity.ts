/**
 * License identity on ../shared/eval/licenses (the SPDX texts of spdx-license-list 6.12.0, see its
 * README): does `detectLicense` name each license when the text is presented the way real
 * LICENSE files differ from the template (copyright filled in, reflowed, markdown title and
 * bullets, CRLF), and does it refuse every variant (a changed title, an added clause, a removed
 * clause, a negated permission)? Ids are split in two halves by position in the sorted list:
 * `--set tune` (even positions) was used while writing the identity rules, `--set report`
 * (odd positions) was not looked at until the rules were fixed.
 *
 *   node --import tsx scripts/evalLicenseIdentity.ts [--set tune|report|all] [--impl path/to/detectLicenseText.ts] [--json]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = resolve(repoRoot, '../shared/eval/licenses');

type Detect = (text: string) => { license: string; equivalents?: string[] };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Re-wraps paragraphs at another width, as editors do. */
function reflow(text: string, width: number): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => {
      const words = p.split(/\s+/).filter(Boolean);
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && line.length + w.length + 1 > width) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) lines.push(line);
      return lines.join('\n');
    })
    .join('\n\n');
}

function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/);
}

/** Index of a body paragraph near the middle with at least `minWords` words (undefined if none). */
function middleParagraph(paras: string[], minWords: number): number | undefined {
  const mid = Math.floor(paras.length / 2);
  for (let d = 0; d < paras.length; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i > 0 && i < paras.length && paras[i]!.split(/\s+/).filter(Boolean).length >= minWords) return i;
    }
  }
  return undefined;
}

/** Ways real files present the same license: they must still be identified. */
function presentations(id: string, name: string, text: string): { kind: string; text: string }[] {
  const filled = text
    .replace(/<year>|\[yyyy\]|\$\{year\}|\[year\]/gi, '2019')
    .replace(/<(?:copyright holders?|owner|name of author|author)>|\[(?:name of copyright owner|fullname)\]|\$\{owner\}/gi, 'Jane Doe');
  return [
    { kind: 'as-published', text },
    { kind: 'filled+reflowed', text: reflow(filled, 72) },
    { kind: 'markdown-title+crlf', text: `# ${name}\n\n${filled.replace(/^(\s*)(\d+)\.\s/gm, '$1* ')}`.replace(/\n/g, '\r\n') },
  ];
}

/** Texts that are not the license: none may be identified as any license. */
function variants(text: string): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  const paras = paragraphs(text);
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  // A first line that is a copyright notice is not a title (changing it is allowed).
  if (!/copyright|\(c\)|©/i.test(first)) out.push({ kind: 'changed-title', text: text.replace(first, `Modified ${first.trim()} Version 9.1, by Acme Corp`) });
  const at = middleParagraph(paras, 12);
  if (at !== undefined) {
    const added = [...paras];
    added.splice(at, 0, 'You may not use the Software, or any work derived from it, for commercial purposes or to train machine learning models.');
    out.push({ kind: 'added-clause', text: added.join('\n\n') });
    const removed = paras.filter((_, i) => i !== at);
    out.push({ kind: 'removed-clause', text: removed.join('\n\n') });
  }
  const negated = text.replace(/\b(may|can)\b(?! not)/, '$1 not');
  if (negated !== text) out.push({ kind: 'negated-permission', text: negated });
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(join(evalDir, 'texts'))) {
    console.warn(`skipped: ${evalDir}/texts not found (the eval set lives beside the repository, see docs/licenses.md)`);
    return;
  }
  const impl = arg('--impl') ?? join(repoRoot, 'src/license/detectLicenseText.ts');
  const { detectLicense } = (await import(pathToFileURL(resolve(impl)).href)) as { detectLicense: Detect };
  const meta = JSON.parse(readFileSync(join(evalDir, 'licenses.json'), 'utf8')) as { licenses: { licenseId: string; name: string; isDeprecated: boolean }[] };
  const names = new Map(meta.licenses.map((l) => [l.licenseId, l]));
  const set = arg('--set') ?? 'report';
  const ids = readdirSync(join(evalDir, 'texts'))
    .map((f) => f.replace(/\.txt$/, ''))
    .filter((id) => !names.get(id)?.isDeprecated)
    .sort();
  const chosen = ids.filter((_, i) => set === 'all' || (set === 'tune' ? i % 2 === 0 : i % 2 === 1));
  const pres: Record<string, { n: number; ok: number }> = {};
  const vars: Record<string, { n: number; passed: number }> = {};
  const misses: string[] = [];
  const leaks: string[] = [];
  const t0 = process.cpuUsage();
  for (const id of chosen) {
    const text = readFileSync(join(evalDir, 'texts', `${id}.txt`), 'utf8');
    if (text.split(/\s+/).length < 20) continue; // a one-line "text" has no clauses to vary
    for (const p of presentations(id, names.get(id)?.name ?? id, text)) {
      const d = detectLicense(p.text);
      const s = (pres[p.kind] ??= { n: 0, ok: 0 });
      s.n++;
      if (d.license === id || d.equivalents?.includes(id)) s.ok++;
      else misses.push(`${id} ${p.kind} -> ${d.license}`);
    }
    for (const v of variants(text)) {
      const d = detectLicense(v.text);
      const s = (vars[v.kind] ??= { n: 0, passed: 0 });
      s.n++;
      if (d.license !== 'unknown') {
        s.passed++;
        leaks.push(`${id} ${v.kind} -> ${d.license}`);
      }
    }
  }
  const cpu = process.cpuUsage(t0);
  const presTotal = Object.values(pres).reduce((a, s) => ({ n: a.n + s.n, ok: a.ok + s.ok }), { n: 0, ok: 0 });
  const varTotal = Object.values(vars).reduce((a, s) => ({ n: a.n + s.n, passed: a.passed + s.passed }), { n: 0, passed: 0 });
  const result = { set, ids: chosen.length, impl, identified: presTotal, presentations: pres, variantsPassed: varTotal, variants: vars, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...result, misses, leaks }, null, 1));
    return;
  }
  console.log(`set ${set}: ${chosen.length} ids (${impl})`);
  console.log(`identified: ${presTotal.ok}/${presTotal.n} (${((100 * presTotal.ok) / presTotal.n).toFixed(1)}%)`);
  for (const [k, s] of Object.entries(pres)) console.log(`  ${k}: ${s.ok}/${s.n}`);
  console.log(`variants identified as a license (must be 0): ${varTotal.passed}/${varTotal.n}`);
  for (const [k, s] of Object.entries(vars)) console.log(`  ${k}: ${s.passed}/${s.n}`);
  console.log(`cpu ${result.cpuSeconds.toFixed(1)} s`);
  if (process.argv.includes('--verbose')) {
    console.log('misses:', misses.slice(0, 60).join('\n  '));
    console.log('leaks:', leaks.slice(0, 60).join('\n  '));
  }
}

await main();
