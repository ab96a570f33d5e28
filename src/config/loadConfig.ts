import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { LineCounter, isNode, isScalar, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './configError.js';
import { checkOutputPath } from './outputPath.js';
import { configSchema, type Config } from './schema.js';
import { sourceSchema } from './sourceSchema.js';

export interface LoadedConfig {
  config: Config;
  /** Path of the config file as given. */
  file: string;
  /** The exact bytes of the config file (hashed into the manifest). */
  raw: string;
  /** Directory that relative paths in the config are resolved against (the working directory). */
  baseDir: string;
  /** Line (1-based) of a field in the config file, for errors found after validation. */
  lineOf: (path: (string | number)[]) => number;
}

/**
 * Reads a YAML mix config and validates it against the schema. Every problem is reported as
 * `file:line field: expected ..., got ...` before any work starts.
 */
export function loadConfig(file: string, opts: { baseDir?: string; checkPaths?: boolean } = {}): LoadedConfig {
  const baseDir = opts.baseDir ?? process.cwd();
  if (!existsSync(file)) throw new ConfigError(`${file}: config file not found`);
  // A folder, FIFO or device is not a config: reading it would fail (EISDIR) or never end.
  if (!statSync(file).isFile()) throw new ConfigError(`${file}:1 expected a YAML config file, got a ${kindOfPath(file)}; give a file such as configs/example.yaml`);
  const raw = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new ConfigError(`${file}:${line} invalid YAML: ${e.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    // Aliases that expand exponentially ("billion laughs") stop here instead of exhausting memory.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new ConfigError(`${file}:${firstAliasLine(doc, lineCounter)} invalid YAML: ${(e as Error).message.split('\n')[0]} (more than ${MAX_ALIAS_COUNT} alias expansions)`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${file}:1 expected a mapping with name, output, policy, sources and mix`);
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(formatIssue(file, doc, lineCounter, data, parsed.error.issues[0]!));
  }
  const config = parsed.data;
  if (opts.checkPaths !== false) checkPaths(file, doc, lineCounter, config, baseDir);
  checkOutputPath(config, baseDir, (path) => `${file}:${lineOf(doc, lineCounter, path)}`);
  return { config, file, raw, baseDir, lineOf: (path) => lineOf(doc, lineCounter, path) };
}

function formatIssue(file: string, doc: Document, lc: LineCounter, data: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const line = lineOf(doc, lc, path);
  const field = path.length ? path.join('.') : '(top level)';
  let message = issue.message;
  if (/^expected /.test(message)) {
    // The schema's own wording (e.g. "expected a number between 0 and 1") says it best.
  } else if (issue.code === 'invalid_type') {
    const expected = (issue as { expected?: string }).expected;
    message = `expected ${expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : expected === 'int' ? 'a whole number' : `a ${expected}`}`;
  } else if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const keyPath = [...path, keys[0]!];
    return `${file}:${lineOf(doc, lc, keyPath)} ${keyPath.join('.')}: unknown field; check its spelling against docs/config.md`;
  } else if (issue.code === 'invalid_union' && path[path.length - 1] === 'kind') {
    message = `expected one of ${sourceKinds().map((k) => JSON.stringify(k)).join(' | ')}`;
  } else if (issue.code === 'invalid_value' || issue.code === 'invalid_union') {
    const values = (issue as { values?: unknown[] }).values;
    if (values) message = `expected one of ${values.map((v) => JSON.stringify(v)).join(' | ')}`;
  } else if (issue.code === 'too_small' && (issue as { origin?: string }).origin === 'array') {
    message = issue.message.startsWith('expected') ? issue.message : `expected at least ${(issue as { minimum: number }).minimum} item(s)`;
  } else if ((issue.code === 'too_small' || issue.code === 'too_big') && ['number', 'int', 'bigint'].includes((issue as { origin?: string }).origin ?? '')) {
    const b = issue as unknown as { minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean };
    const op = issue.code === 'too_small' ? (b.inclusive ? '≥' : '>') : b.inclusive ? '≤' : '<';
    message = `expected a number ${op} ${String(issue.code === 'too_small' ? b.minimum : b.maximum)}`;
  } else if ((issue.code === 'too_small' || issue.code === 'too_big') && (issue as { origin?: string }).origin === 'string') {
    const b = issue as unknown as { minimum?: number; maximum?: number };
    message = issue.code === 'too_small' ? `expected a text of at least ${b.minimum} character(s)` : `expected a text of at most ${b.maximum} characters`;
  } else if (!/^expected/.test(message)) {
    message = `expected ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  }
  const got = valueAt(data, path);
  const gotText = got === undefined ? 'nothing' : describeValue(got, sourceTextAt(doc, path));
  const suffix = issue.code === 'custom' && got !== undefined && typeof got === 'object' ? '' : `, got ${gotText}`;
  return `${file}:${line} ${field}: ${message}${suffix}`;
}

const MAX_ALIAS_COUNT = 1000;

/** What a value looked like in the file: numbers YAML cannot hold (1e400, .inf) are shown as written, not as JSON's null. */
function describeValue(v: unknown, source: string | undefined): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return `${source ?? String(v)} (not a finite number)`;
  if (typeof v === 'string' && v.length > 60) return `${JSON.stringify(v.slice(0, 57))}… (${v.length} characters)`;
  return (JSON.stringify(v) ?? String(v)).slice(0, 60);
}

function sourceTextAt(doc: Document, path: (string | number)[]): string | undefined {
  const node = doc.getIn(path, true);
  if (!isScalar(node)) return undefined;
  const src = (node as { source?: unknown }).source;
  return typeof src === 'string' ? src.slice(0, 40) : undefined;
}

function kindOfPath(file: string): string {
  const st = statSync(file);
  return st.isDirectory() ? 'folder' : st.isFIFO() ? 'named pipe (FIFO)' : st.isCharacterDevice() || st.isBlockDevice() ? 'device' : st.isSocket() ? 'socket' : 'special file';
}

/** Line of the first alias in the document (where an alias bomb starts). */
function firstAliasLine(doc: Document, lc: LineCounter): number {
  let line = 1;
  visit(doc, {
    Alias(_k, node) {
      if (node.range) line = lc.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** The `kind` values the source union accepts, read from the schema itself. */
function sourceKinds(): string[] {
  return sourceSchema.options.map((o) => String((o.shape.kind as unknown as { value: string }).value));
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** Line of the deepest existing YAML node on the path (1-based). */
function lineOf(doc: Document, lc: LineCounter, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}

/** Paths named in the config must exist before any work starts. */
function checkPaths(file: string, doc: Document, lc: LineCounter, config: Config, baseDir: string): void {
  const policyPath = resolvePath(baseDir, config.policy);
  if (!existsSync(policyPath)) {
    throw new ConfigError(`${file}:${lineOf(doc, lc, ['policy'])} policy: file not found: ${config.policy}`);
  }
  if (!statSync(policyPath).isFile()) {
    throw new ConfigError(`${file}:${lineOf(doc, lc, ['policy'])} policy: expected a policy file, got a ${kindOfPath(policyPath)}: ${config.policy} (choose one of licenses/*.yaml)`);
  }
  const optout = config.optout === undefined ? [] : Array.isArray(config.optout) ? config.optout : [config.optout];
  optout.forEach((f, i) => {
    if (!existsSync(resolvePath(baseDir, f))) {
      const path = Array.isArray(config.optout) ? ['optout', i] : ['optout'];
      throw new ConfigError(`${file}:${lineOf(doc, lc, path)} ${path.join('.')}: opt-out list not found: ${f}`);
    }
  });
  config.sources.forEach((s, i) => {
    const p = (s as { path?: string }).path;
    if (p === undefined || /[*?[\]{}]/.test(p)) return;
    const abs = resolvePath(baseDir, p);
    if (!existsSync(abs)) {
      throw new ConfigError(`${file}:${lineOf(doc, lc, ['sources', i, 'path'])} sources.${i}.path: not found: ${p} (source "${s.id}")`);
    }
    // A FIFO or a device (/dev/zero) has no end and no documents: refuse it rather than read nothing silently.
    const st = statSync(abs);
    if (!st.isFile() && !st.isDirectory()) {
      throw new ConfigError(`${file}:${lineOf(doc, lc, ['sources', i, 'path'])} sources.${i}.path: expected a file or a folder, got a ${kindOfPath(abs)}: ${p} (source "${s.id}")`);
    }
  });
}

export function resolvePath(baseDir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(baseDir, p);
}
