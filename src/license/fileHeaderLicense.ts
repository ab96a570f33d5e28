import { extractCopyrights } from './copyrightHolders.js';
import { detectLicense } from './detectLicenseText.js';

/**
 * The license a source file states about itself at its top: an `SPDX-License-Identifier:` line,
 * or a license notice in the leading comment block ("Licensed under the Apache License…",
 * "This program is free software… GNU General Public License…"). Pure.
 */
export interface FileHeader {
  /** The license the header names (raw, as written or detected), when it names one. */
  license?: string;
  /** The evidence as found: the SPDX line, or the first words of the notice. */
  header?: string;
  /** Detection score (1 for an SPDX line). */
  score?: number;
  /** Copyright holders in the header. */
  holders: { holder: string; years: string }[];
}

/** How much of a file counts as its header. */
export const HEADER_LINES = 60;
const HEADER_CHARS = 6000;
const LICENSE_WORDS = /licen[cs]e|GNU|permission is hereby granted|redistribution and use|public domain|copyleft/i;

export function fileHeader(text: string): FileHeader {
  const head = text.slice(0, HEADER_CHARS).split(/\r?\n/).slice(0, HEADER_LINES);
  const spdx = head.map((l) => /SPDX-License-Identifier:\s*(.+?)\s*(?:\*\/|-->|"""|''')?\s*$/.exec(l)).find((m) => m);
  const comment = leadingComment(head);
  const holders = extractCopyrights(comment.length ? comment.join('\n') : '').map((s) => ({ holder: s.holder, years: s.years }));
  if (spdx) return { license: spdx[1]!.replace(/^\(\s*(.*)\s*\)$/, '$1'), header: `SPDX-License-Identifier: ${spdx[1]}`, score: 1, holders };
  const body = comment.join('\n');
  if (body.length < 40 || !LICENSE_WORDS.test(body)) return { holders };
  const d = detectLicense(body);
  if (d.license === 'unknown') return { holders };
  const firstWords = comment.filter((l) => LICENSE_WORDS.test(l))[0] ?? comment[0]!;
  return { license: d.license, header: firstWords.slice(0, 200), score: d.score, holders };
}

/**
 * The leading comment of a file with the comment marks removed: `#`, `//`, `--`, `;` line comments
 * and `/* … *\/`, `"""…"""`, `<!-- … -->` blocks, after a shebang and encoding lines.
 */
function leadingComment(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  if (lines[0]?.startsWith('#!')) i++;
  let block: RegExp | undefined;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const t = raw.trim();
    if (block) {
      const end = block.exec(t);
      out.push(t.replace(block, '').replace(/^\*+\s?/, ''));
      if (end) block = undefined;
      continue;
    }
    if (t === '' || /^['"]use strict['"];?$/.test(t)) {
      if (out.length) out.push('');
      continue;
    }
    const start = /^(\/\*+|"""|'''|<!--)(.*)$/.exec(t);
    if (start) {
      const close = start[1]!.startsWith('/*') ? /\*\/\s*$/ : start[1] === '<!--' ? /-->\s*$/ : new RegExp(`${start[1]}\\s*$`);
      const rest = start[2]!;
      if (close.test(rest)) out.push(rest.replace(close, ''));
      else {
        out.push(rest);
        block = close;
      }
      continue;
    }
    const line = /^(?:\/\/+|#+|--+|;+|%+)\s?(.*)$/.exec(t);
    if (line) {
      out.push(line[1]!);
      continue;
    }
    break; // the first line of code ends the header
  }
  return out;
}
