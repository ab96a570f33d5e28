/**
 * Debian machine-readable copyright files (DEP-5), and LICENSE files written in that format:
 * `Files:` / `Copyright:` / `License:` stanzas. Only the license bodies are license text; the
 * copyright holder lists and comments around them would drown the match.
 */

/** True when the text is laid out as DEP-5 stanzas. */
export function isDebianCopyright(text: string): boolean {
  return /^License:[ \t]*\S/m.test(text) && /^(Files|Copyright|Format|Upstream-Name):/m.test(text);
}

/** The license bodies (continuation lines of `License:` fields, " ." as blank line), in order. */
export function debianLicenseBodies(text: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = para.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^License:[ \t]*(.*)$/.exec(lines[i]!);
      if (!m) continue;
      const body: string[] = [];
      for (let j = i + 1; j < lines.length && /^[ \t]/.test(lines[j]!); j++) {
        const l = lines[j]!.replace(/^[ \t]/, '');
        body.push(l.trim() === '.' ? '' : l);
      }
      if (body.some((l) => l.trim() !== '')) out.push({ name: m[1]!.trim(), body: body.join('\n') });
    }
  }
  return out;
}
