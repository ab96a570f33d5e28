/**
 * Documented means working: every `curate <command>` and every `--option` written after it in
 * README.md and docs/*.md must exist in that command's --help.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

const root = resolve(import.meta.dirname, '../..');
const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Every `curate ...` invocation in inline code or code blocks, one per line, with where it was written. */
function invocations(): { where: string; words: string[] }[] {
  const out: { where: string; words: string[] }[] = [];
  for (const f of files) {
    const lines = readFileSync(join(root, f), 'utf8').split('\n');
    let inBlock = false;
    lines.forEach((line, i) => {
      if (/^\s*```/.test(line)) {
        inBlock = !inBlock;
        return;
      }
      const spans = inBlock ? [line] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      for (const span of spans) {
        for (const m of span.matchAll(/(?:^|[\s(])(?:npx |node bin\/)?curate(?:\.js)? ([a-z][\w-]*(?: [a-z][\w-]*)?)([^|;&#]*)/g)) {
          out.push({ where: `${f}:${i + 1}`, words: [...m[1]!.split(' '), ...m[2]!.split(/[\s[\]|,]+/)].filter(Boolean) });
        }
      }
    });
  }
  return out;
}

function optionNames(cmd: Command): Set<string> {
  const names = new Set<string>(['--help', '-h']);
  for (let c: Command | null = cmd; c; c = c.parent) for (const o of c.options) for (const n of [o.long, o.short]) if (n) names.add(n);
  return names;
}

describe('docs name only commands and options that exist', () => {
  it('every `curate <command> --option` in README.md and docs/*.md is in that command\'s --help', async () => {
    const program = await buildProgram([]);
    const found = invocations();
    expect(found.length).toBeGreaterThan(20); // the scan itself works
    const problems: string[] = [];
    for (const { where, words } of found) {
      let cmd = program.commands.find((c) => c.name() === words[0]);
      if (!cmd) {
        // Prose such as "curate turns …" is not an invocation; a command-like word that is not a command is.
        if (/^(run|ingest|dedup|mix|finalize|verify|sample|report|extract|score|license|sources)$/.test(words[0]!) || words.some((w) => w.startsWith('--'))) problems.push(`${where}: no command "curate ${words[0]}"`);
        continue;
      }
      const sub = cmd.commands.find((c) => c.name() === words[1]);
      if (sub) cmd = sub;
      const opts = optionNames(cmd);
      for (const w of words) {
        const flag = /^(--?[a-z][\w-]*)/.exec(w)?.[1];
        if (flag && !opts.has(flag) && !flag.startsWith('--no-')) problems.push(`${where}: curate ${cmd.parent?.name() === 'curate' ? '' : `${cmd.parent?.name()} `}${cmd.name()} has no ${flag}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
