import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { compileModel, validateModelFile, type CompiledModel, type QualityModelFile } from './qualityModel.js';

export interface LoadedModel {
  path: string;
  sha256: string;
  file: QualityModelFile;
  compiled: CompiledModel;
}

/** Reads, checks and compiles a model file; errors name the file and what to do. */
export function readModelFile(path: string): LoadedModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`quality model ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)}); train one with \`curate train-quality\``);
  }
  let file: QualityModelFile;
  try {
    file = validateModelFile(JSON.parse(bytes.toString('utf8')));
  } catch (e) {
    throw new Error(`quality model ${path}: ${e instanceof SyntaxError ? `not JSON (${e.message})` : (e as Error).message}`);
  }
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), file, compiled: compileModel(file) };
}

const cache = new Map<string, LoadedModel>();

/**
 * The model for `path`, read once per thread (each worker keeps its own). The sha256 taken when
 * the run started must match: a model file replaced mid-run would make shards inconsistent.
 */
export function modelOnce(path: string, sha256: string): CompiledModel {
  const key = `${path}\0${sha256}`;
  let m = cache.get(key);
  if (!m) {
    m = readModelFile(path);
    if (m.sha256 !== sha256) throw new Error(`quality model ${path} changed since the run started (sha256 ${m.sha256.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…); run again`);
    cache.set(key, m);
  }
  return m.compiled;
}
