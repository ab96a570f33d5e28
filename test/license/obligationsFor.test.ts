import { describe, expect, it } from 'vitest';
import { obligationsFor } from '../../src/license/obligationsFor.js';

const notice = ['keep the copyright notice and license text with redistributed copies', "BSD-3-Clause: do not use the copyright holders' names to endorse derived products"];

describe('obligationsFor', () => {
  it('keeps general obligations and those naming a license of the expression', () => {
    expect(obligationsFor('MIT', notice)).toEqual([notice[0]]);
    expect(obligationsFor('BSD-3-Clause', notice)).toEqual(notice);
    expect(obligationsFor('(MIT AND BSD-3-Clause)', notice)).toEqual(notice);
    expect(obligationsFor('MIT OR Apache-2.0', ['Apache-2.0: include the NOTICE file', 'attribute'])).toEqual(['Apache-2.0: include the NOTICE file', 'attribute']);
  });
});
