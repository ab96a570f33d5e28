import type { Manifest } from '../license/manifest.js';

/**
 * A run whose shards are empty is an error (exit 1), not a success: a corpus with no document is
 * never what was asked for, and a script chaining `curate run && upload` must stop. Everything is
 * still written (stats.json, manifest, report) so the reasons can be read.
 */
export function failOnEmptyOutput(command: string, manifest: Manifest): void {
  if (manifest.totals.rows > 0) return;
  const reasons = Object.entries(manifest.excluded.documents_by_reason)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  const excluded = manifest.excluded.sources.map((s) => s.id).join(', ');
  process.stderr.write(
    `curate ${command}: error: no document reached the shards (${manifest.shards.length} shard(s), 0 rows)${reasons ? `; top reject reasons: ${reasons}` : ''}${excluded ? `; sources excluded by license: ${excluded}` : ''}; see stats.json and report.html\n`,
  );
  process.exitCode = 1;
}
