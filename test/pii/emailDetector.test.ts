import { describe, expect, it } from 'vitest';
import { found } from './piiFixtures.js';

describe('email', () => {
  it.each([
    ['Write to john.smith@gmail.com for details.', 'john.smith@gmail.com'],
    ['Maintainer: Fred L. Drake, Jr. <fdrake@acm.org>', 'fdrake@acm.org'],
    ['mailto:first.last+tag@sub.uni-bonn.de', 'first.last+tag@sub.uni-bonn.de'],
    ["__author__ = 'Bob Ippolito <bob@redivi.com>'", 'bob@redivi.com'],
    ['(o\'brien@mail.ie)', "o'brien@mail.ie"],
    ['the address is ANNA_K@Example-Corp.co.uk.', 'ANNA_K@Example-Corp.co.uk'],
  ])('finds the address in %j', (text, value) => {
    expect(found(text)).toEqual([`email:${value}`]);
  });

  it.each([
    'npm install lodash@4.17.21',
    'import { x } from "@babel/core";',
    '@Override\npublic void run() {}',
    '@dataclass(frozen=True)',
    'ssh git@github.com:nodejs/undici.git',
    'contact jane@example.com or bob@mail.example.org or a@b.test',
    'user@localhost and root@server',
    'icon logo@2x.png and sprite@3x.svg',
    'peer dep react@^18.2.0 and node@>=20',
    'email @ home',
  ])('leaves %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});
