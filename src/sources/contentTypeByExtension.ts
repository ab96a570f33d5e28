import type { ContentType } from '../core/doc.js';

/** Programming language by file extension (lowercase, with the dot). */
const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.py': 'python', '.pyi': 'python', '.pyx': 'python',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescript',
  '.pl': 'perl', '.pm': 'perl', '.t': 'perl',
  '.c': 'c', '.h': 'c',
  '.cc': 'cpp', '.cpp': 'cpp', '.cxx': 'cpp', '.c++': 'cpp', '.hh': 'cpp', '.hpp': 'cpp', '.hxx': 'cpp', '.ipp': 'cpp',
  '.java': 'java', '.kt': 'kotlin', '.kts': 'kotlin', '.scala': 'scala', '.groovy': 'groovy',
  '.go': 'go', '.rs': 'rust', '.rb': 'ruby', '.php': 'php', '.swift': 'swift',
  '.m': 'objective-c', '.mm': 'objective-cpp', '.cs': 'csharp', '.fs': 'fsharp', '.vb': 'visual-basic',
  '.sh': 'shell', '.bash': 'shell', '.zsh': 'shell', '.ksh': 'shell', '.fish': 'fish', '.ps1': 'powershell',
  '.lua': 'lua', '.r': 'r', '.jl': 'julia', '.hs': 'haskell', '.ml': 'ocaml', '.mli': 'ocaml',
  '.ex': 'elixir', '.exs': 'elixir', '.erl': 'erlang', '.clj': 'clojure', '.lisp': 'lisp', '.el': 'emacs-lisp',
  '.scm': 'scheme', '.dart': 'dart', '.zig': 'zig', '.nim': 'nim', '.f90': 'fortran', '.f': 'fortran',
  '.sql': 'sql', '.css': 'css', '.scss': 'scss', '.less': 'less', '.vue': 'vue', '.svelte': 'svelte',
  '.asm': 'assembly', '.s': 'assembly', '.cmake': 'cmake', '.mk': 'makefile', '.proto': 'protobuf',
  '.tcl': 'tcl', '.awk': 'awk', '.sed': 'sed', '.vim': 'vim', '.pas': 'pascal', '.d': 'd', '.v': 'verilog', '.vhd': 'vhdl',
};

/** Extension-less file names that are code. */
const LANGUAGE_BY_NAME: Record<string, string> = {
  makefile: 'makefile', gnumakefile: 'makefile', dockerfile: 'dockerfile', cmakelists: 'cmake', rakefile: 'ruby', gemfile: 'ruby',
};

const CONTENT_TYPE_BY_EXTENSION: Record<string, ContentType> = {
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.md': 'markdown', '.markdown': 'markdown', '.rst': 'rst', '.rest': 'rst',
  '.tex': 'latex', '.ltx': 'latex',
  '.ipynb': 'ipynb', '.pdf': 'pdf',
};

export interface FileKind {
  contentType: ContentType;
  programmingLanguage?: string;
}

/** What a file holds, judged by its name only (pure; the annotate stage looks at content). */
export function fileKind(relPath: string): FileKind {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : '';
  // Sphinx ships its reStructuredText sources as `_sources/<page>.rst.txt`.
  if (/\.rst\.txt$/i.test(base)) return { contentType: 'rst' };
  if (/\.md\.txt$/i.test(base)) return { contentType: 'markdown' };
  const ct = CONTENT_TYPE_BY_EXTENSION[ext];
  if (ct) return { contentType: ct };
  const lang = LANGUAGE_BY_EXTENSION[ext] ?? (dot <= 0 ? LANGUAGE_BY_NAME[base.toLowerCase()] : undefined) ?? (base === 'CMakeLists.txt' ? 'cmake' : undefined);
  if (lang) return { contentType: 'code', programmingLanguage: lang };
  return { contentType: 'text' };
}
