/**
 * Guesses a record's content type when the reader did not declare it: MIME type first, then the
 * key's file extension, then the first bytes (an HTML or LaTeX signature), else plain text.
 */
import type { ContentType } from '../core/doc.js';

const CODE_EXTENSIONS = new Set([
  'py', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'java', 'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'cs', 'go', 'rs', 'rb',
  'php', 'swift', 'kt', 'kts', 'scala', 'sh', 'bash', 'zsh', 'pl', 'pm', 'lua', 'r', 'jl', 'hs', 'ml', 'mli', 'ex', 'exs',
  'erl', 'clj', 'sql', 'dart', 'm', 'mm', 'f90', 'f', 'vb', 'ps1', 'groovy', 'css', 'scss', 'less', 'json', 'yaml', 'yml',
  'toml', 'xml', 'proto', 'cmake', 'mk', 'zig', 'nim', 'v', 'sv', 'vhd', 'asm', 's', 'el', 'lisp', 'scm', 'rkt', 'fs',
]);

/** Content type from a MIME type, or undefined when it says nothing useful. */
export function contentTypeFromMime(mime: string | undefined): ContentType | undefined {
  if (!mime) return undefined;
  const m = mime.split(';')[0].trim().toLowerCase();
  if (m === 'text/html' || m === 'application/xhtml+xml') return 'html';
  if (m === 'text/markdown' || m === 'text/x-markdown') return 'markdown';
  if (m === 'text/x-tex' || m === 'application/x-tex' || m === 'application/x-latex' || m === 'text/x-latex') return 'latex';
  if (m === 'text/plain') return 'text';
  if (m === 'text/x-rst' || m === 'text/prs.fallenstein.rst') return 'rst';
  if (m === 'application/x-ipynb+json') return 'ipynb';
  if (m === 'application/pdf') return 'pdf';
  if (/^(?:text\/x-|application\/(?:javascript|x-sh|x-python|json|typescript))/.test(m)) return 'code';
  return undefined;
}

/** Content type from a file name or URL path, or undefined. */
export function contentTypeFromName(name: string): ContentType | undefined {
  const base = name.toLowerCase().replace(/[?#].*$/, '').replace(/\.gz$/, '');
  const dot = base.lastIndexOf('.');
  if (dot < 0 || dot < base.lastIndexOf('/')) return undefined;
  const ext = base.slice(dot + 1);
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml' || ext === 'shtml') return 'html';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdx' || ext === 'rmd') return 'markdown';
  if (ext === 'tex' || ext === 'ltx' || ext === 'latex') return 'latex';
  if (ext === 'rst' || ext === 'rest' || base.endsWith('.rst.txt')) return 'rst';
  if (ext === 'ipynb') return 'ipynb';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'txt' || ext === 'text') return 'text';
  if (CODE_EXTENSIONS.has(ext)) return 'code';
  return undefined;
}

/** Content type from the first characters of decoded text. */
export function contentTypeFromText(head: string): ContentType {
  const h = head.slice(0, 2048).trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html|<\?xml[^>]*>\s*<(?:!doctype html|html))/.test(h) || /<(?:body|head|div|p)[\s>]/.test(h.slice(0, 1024))) return 'html';
  if (/\\(?:documentclass|begin\{document\}|section\{)/.test(h)) return 'latex';
  return 'text';
}

/** Sniffs a content type: MIME, then name, then content. */
export function sniffContentType(mime: string | undefined, name: string, head: string): ContentType {
  return contentTypeFromMime(mime) ?? contentTypeFromName(name) ?? contentTypeFromText(head);
}
