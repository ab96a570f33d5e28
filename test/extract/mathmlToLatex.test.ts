import { describe, expect, it } from 'vitest';
import { buildTree, type HNode } from '../../src/extract/htmlTree.js';
import { mathmlToLatex } from '../../src/extract/mathmlToLatex.js';

function math(html: string): HNode {
  const stack: HNode[] = [buildTree(html).root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.tag === 'math') return n;
    for (const c of n.children) if (typeof c !== 'string') stack.push(c);
  }
  throw new Error('no <math>');
}

describe('mathmlToLatex', () => {
  it('prefers a TeX annotation, then alttext', () => {
    expect(mathmlToLatex(math('<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x_{1}</annotation></semantics></math>'))).toBe('x_{1}');
    expect(mathmlToLatex(math('<math alttext="{\\displaystyle a^2}"><msup><mi>a</mi><mn>2</mn></msup></math>'))).toBe('{\\displaystyle a^2}');
  });
  it('converts scripts, roots, fractions, greek letters and operators', () => {
    expect(mathmlToLatex(math('<math><msubsup><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></msubsup><msup><mi>α</mi><mi>i</mi></msup></math>'))).toBe('\\sum_{i = 1}^n \\alpha^i');
    expect(mathmlToLatex(math('<math><mroot><mi>x</mi><mn>3</mn></mroot><mo>×</mo><mover><mi>v</mi><mo>→</mo></mover></math>'))).toBe('\\sqrt[3]{x} \\times \\vec{v}');
  });
  it('converts tables to matrices', () => {
    expect(mathmlToLatex(math('<math><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable></math>'))).toBe('\\begin{matrix}1 & 0 \\\\ 0 & 1\\end{matrix}');
  });
});
