/**
 * `curate license detect <file...>` and `curate license check <expression>`: the license tools
 * for legal reviewers and data engineers. `detect` names the SPDX license of LICENSE/COPYING
 * files; `check` shows how a declared license is normalised and what a policy decides.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ConfigError } from '../config/configError.js';
import { DEFAULT_DETECTION_THRESHOLD, detectLicense } from '../license/detectLicenseText.js';
import { evaluateLicense, loadPolicy } from '../license/licensePolicy.js';

const DEFAULT_POLICY = 'licenses/permissive.yaml';

/** The policy path as given, else relative to the curate checkout (so `check` works from any folder). */
function resolvePolicy(p: string): string {
  if (existsSync(p)) return p;
  const fromRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', p);
  return existsSync(fromRepo) ? fromRepo : p;
}

export function registerLicenseCommand(program: Command): void {
  const license = program.command('license').description('license tools: detect the SPDX license of LICENSE files, check an expression against a policy');

  license
    .command('detect')
    .description('name the SPDX license of LICENSE/COPYING files by comparing their text with the SPDX reference texts')
    .argument('<file...>', 'license files to identify (plain text or markdown)')
    .option('--json', 'print one JSON object per file: {"file","license","score"} (plus runnerUp, method, equivalents, and variantOf + difference for a modified license)')
    .option('--threshold <score>', `similarity (0..1) below which the answer is "unknown" (default ${DEFAULT_DETECTION_THRESHOLD})`)
    .addHelpText('after', '\nExit code: 0 when every file was identified, 1 when any is unknown or unreadable, 2 on a usage error.')
    .action((files: string[], opts: { json?: boolean; threshold?: string }) => {
      let threshold = DEFAULT_DETECTION_THRESHOLD;
      if (opts.threshold !== undefined) {
        threshold = Number(opts.threshold);
        if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
          process.stderr.write(`curate license detect: --threshold expects a number between 0 and 1, got "${opts.threshold}"\n`);
          process.exitCode = 2;
          return;
        }
      }
      let failed = false;
      for (const file of files) {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          process.stderr.write(`curate license detect: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path\n`);
          failed = true;
          continue;
        }
        const d = detectLicense(text, { threshold });
        if (d.license === 'unknown') failed = true;
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ file, license: d.license, score: d.score, ...(d.runnerUp ? { runnerUp: d.runnerUp } : {}), ...(d.method ? { method: d.method } : {}), ...(d.equivalents ? { equivalents: d.equivalents } : {}), ...(d.variantOf ? { variantOf: d.variantOf } : {}), ...(d.difference ? { difference: d.difference } : {}) })}\n`);
        } else {
          const extra = d.license === 'unknown' && d.runnerUp ? ` (closest: ${d.runnerUp.license} ${d.runnerUp.score.toFixed(3)})` : '';
          process.stdout.write(`${file}\t${d.license}\t${d.score.toFixed(3)}${extra}\n`);
          // Why a close text is not the license: the passage that differs (SPDX matching guidelines).
          if (d.difference) process.stdout.write(`  ${d.difference}\n`);
        }
      }
      process.exitCode = failed ? 1 : 0;
    });

  license
    .command('check')
    .description('normalise a license expression (or spelling, or Creative Commons URL) and decide it against a policy')
    .argument('<expression>', 'SPDX expression or common spelling, e.g. "MIT OR GPL-3.0", "Apache 2", "https://creativecommons.org/licenses/by-sa/4.0/" (quote it)')
    .option('--policy <file>', `license policy file (default ${DEFAULT_POLICY})`, DEFAULT_POLICY)
    .option('--json', 'print the decision as one JSON object')
    .addHelpText('after', '\nExit code: 0 when the policy allows the license, 1 when it does not, 2 when the policy file is missing or broken.')
    .action((expression: string, opts: { policy: string; json?: boolean }) => {
      let policy;
      try {
        policy = loadPolicy(resolvePolicy(opts.policy));
      } catch (e) {
        if (e instanceof ConfigError) {
          process.stderr.write(`curate license check: ${e.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
      const d = evaluateLicense(policy, expression);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ input: expression, policy: policy.name, ...d })}\n`);
      } else {
        const lines = [
          `input:       ${expression}`,
          `expression:  ${d.expression || '(none)'}`,
          `corrections: ${d.corrections.length ? d.corrections.join('; ') : '(none)'}`,
          `policy:      ${policy.name} (${policy.file})`,
          `decision:    ${d.allowed ? 'allowed' : `denied (${d.reason})`}`,
          `rule:        ${d.rule}`,
          ...(d.chosen ? [`relies on:   ${d.chosen}`] : []),
          `detail:      ${d.detail}`,
          ...(d.obligations.length ? ['obligations:', ...d.obligations.map((o) => `  - ${o}`)] : []),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      process.exitCode = d.allowed ? 0 : 1;
    });
}
