/**
 * MathML → LaTeX for the light tree. A TeX annotation (what KaTeX and MathJax's assistive MathML
 * embed) wins; otherwise presentation MathML is converted element by element. Covers the elements
 * real pages use (fractions, scripts, roots, over/under, tables, fences); unknown ones pass their
 * children through so no text is lost.
 */
import type { HNode } from './htmlTree.js';

const OPERATORS: Record<string, string> = {
  '∑': '\\sum', '∏': '\\prod', '∫': '\\int', '∮': '\\oint', '×': '\\times', '÷': '\\div', '≤': '\\leq',
  '≥': '\\geq', '≠': '\\neq', '±': '\\pm', '∓': '\\mp', '→': '\\to', '←': '\\leftarrow', '⇒': '\\Rightarrow',
  '⇔': '\\Leftrightarrow', '↔': '\\leftrightarrow', '∞': '\\infty', '·': '\\cdot', '⋅': '\\cdot', '−': '-',
  '∈': '\\in', '∉': '\\notin', '⊂': '\\subset', '⊆': '\\subseteq', '∪': '\\cup', '∩': '\\cap', '∀': '\\forall',
  '∃': '\\exists', '∂': '\\partial', '∇': '\\nabla', '≈': '\\approx', '≡': '\\equiv', '∼': '\\sim', '∝': '\\propto',
  '⟨': '\\langle', '⟩': '\\rangle', '…': '\\ldots', '⋯': '\\cdots', '∘': '\\circ', '⊗': '\\otimes', '⊕': '\\oplus',
  '¬': '\\neg', '∧': '\\wedge', '∨': '\\vee', '∅': '\\emptyset', '\u2061': '', '\u2062': '', '\u2063': ',',
};
const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau',
  υ: 'upsilon', φ: 'phi', ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta',
  Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};
const ACCENTS: Record<string, string> = { '^': '\\hat', 'ˆ': '\\hat', '~': '\\tilde', '˜': '\\tilde', '¯': '\\bar', '‾': '\\overline', '→': '\\vec', '˙': '\\dot', '¨': '\\ddot' };

function textOf(n: HNode | string): string {
  if (typeof n === 'string') return n;
  let s = '';
  for (const c of n.children) s += textOf(c);
  return s;
}

function symbols(s: string): string {
  let out = '';
  for (const ch of s.trim()) {
    const op = OPERATORS[ch];
    if (op !== undefined) out += op === '' || op.length === 1 ? op : op + ' ';
    else if (GREEK[ch]) out += '\\' + GREEK[ch] + ' ';
    else out += ch;
  }
  return out.trimEnd();
}

function elements(n: HNode): HNode[] {
  const out: HNode[] = [];
  for (const c of n.children) if (typeof c !== 'string') out.push(c);
  return out;
}

function group(s: string): string {
  return s.length === 1 || /^\\[a-zA-Z]+$/.test(s) ? s : `{${s}}`;
}

function conv(n: HNode | string): string {
  if (typeof n === 'string') return symbols(n);
  const kids = elements(n);
  const arg = (i: number): string => (kids[i] ? conv(kids[i]) : '');
  switch (n.tag) {
    case 'mi':
    case 'mn':
      return symbols(textOf(n));
    case 'mo': {
      const t = textOf(n).trim();
      return symbols(t);
    }
    case 'mtext': {
      const t = textOf(n).trim();
      return t ? `\\text{${t}}` : ' ';
    }
    case 'mspace':
      return ' ';
    case 'mfrac':
      return `\\frac{${arg(0)}}{${arg(1)}}`;
    case 'msqrt':
      return `\\sqrt{${kids.map(conv).join(' ')}}`;
    case 'mroot':
      return `\\sqrt[${arg(1)}]{${arg(0)}}`;
    case 'msup':
      return `${group(arg(0))}^${group(arg(1))}`;
    case 'msub':
      return `${group(arg(0))}_${group(arg(1))}`;
    case 'msubsup':
    case 'munderover':
      return `${group(arg(0))}_${group(arg(1))}^${group(arg(2))}`;
    case 'mover': {
      const acc = ACCENTS[textOf(kids[1] ?? '').trim()];
      return acc ? `${acc}{${arg(0)}}` : `\\overset{${arg(1)}}{${arg(0)}}`;
    }
    case 'munder':
      return `\\underset{${arg(1)}}{${arg(0)}}`;
    case 'mfenced': {
      const attrOpen = '(';
      return `\\left${attrOpen}${kids.map(conv).join(', ')}\\right)`;
    }
    case 'mtable':
      return `\\begin{matrix}${kids.map(conv).join(' \\\\ ')}\\end{matrix}`;
    case 'mtr':
    case 'mlabeledtr':
      return kids.map(conv).join(' & ');
    case 'semantics':
      return kids.length > 0 ? conv(kids[0]) : '';
    case 'annotation':
    case 'annotation-xml':
      return '';
    default: {
      // mrow, mstyle, mpadded, mphantom, menclose, mtd, math and anything unknown: concatenate.
      const parts: string[] = [];
      for (const c of n.children) {
        const s = conv(c);
        if (s) parts.push(s);
      }
      return parts.join(' ').replace(/\s+/g, ' ').trim();
    }
  }
}

/** Finds a TeX annotation anywhere under a `<math>` element. */
function texAnnotation(n: HNode): string | undefined {
  for (const c of n.children) {
    if (typeof c === 'string') continue;
    if (c.tag === 'annotation' && (c.attr.includes('tex') || c.attr.includes('latex'))) return textOf(c).trim();
    const found = texAnnotation(c);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** LaTeX source for a `<math>` element of the light tree. */
export function mathmlToLatex(math: HNode): string {
  const tex = texAnnotation(math);
  if (tex) return tex;
  // `alttext` (Wikipedia, many converters) is LaTeX already.
  const alt = math.attr.slice(math.attr.indexOf('|') + 1).trim();
  if (alt) return alt;
  return conv(math).replace(/\s+/g, ' ').trim();
}
