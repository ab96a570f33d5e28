import { describe, expect, it } from 'vitest';
import { ibanValid } from '../../src/pii/ibanChecksum.js';
import { luhnValid } from '../../src/pii/luhn.js';
import { found } from './piiFixtures.js';

describe('phone (libphonenumber-js validation)', () => {
  it.each([
    ['Call (415) 555-0132 today', '(415) 555-0132'],
    ['London office: +44 20 7946 0958.', '+44 20 7946 0958'],
    ['ring 020 7946 0958 after six', '020 7946 0958'],
    ['Berlin +49 30 901820', '+49 30 901820'],
    ['Paris +33 1 42 68 53 00', '+33 1 42 68 53 00'],
    ['US 415.555.0132 or 1-415-555-0132', '415.555.0132'],
    ['phone: 4155550132', '4155550132'],
    ['Hotline +49-2262-1520, open daily', '+49-2262-1520'],
    ['leave a message on 01626 263456 after hours', '01626 263456'],
  ])('finds the number in %j', (text, value) => {
    expect(found(text, ['phone'])[0]).toBe(`phone:${value}`);
  });

  it.each([
    'released on 2023-10-05 and 05/10/2023, 15.03.2024',
    'ISBN 978-3-16-148410-0 and 0-306-40615-2',
    'version 10.0.19041.1 and 3.11.2',
    'pages 1200-1350, years 1990–2000',
    'order 4155550132 shipped',
    'coords (86.77852168, -31.57496415)',
    'path M5 14 7.01 14 9.5 11.99',
    "Time('2006-01-15 21:24:37.5')",
    'timestamp 1699999999999 ms',
    'the 555 0132 line',
  ])('leaves %j', (text) => {
    expect(found(text, ['phone'])).toEqual([]);
  });
});

describe('payment_card (Luhn and issuer prefix)', () => {
  it.each([
    ['card 4111 1111 1111 1111 expires', '4111 1111 1111 1111'],
    ['MC 5500-0055-5555-5559', '5500-0055-5555-5559'],
    ['Amex 3782 822463 10005', '3782 822463 10005'],
    ['paid with 6011000990139424.', '6011000990139424'],
  ])('finds the number in %j', (text, value) => {
    expect(found(text, ['payment_card'])).toEqual([`payment_card:${value}`]);
  });

  it.each(['id 4111 1111 1111 1112', 'order 1234567812345678', 'ts 1700000000000000000', 'card 9111 1111 1111 1115'])('leaves %j', (text) => {
    expect(found(text, ['payment_card'])).toEqual([]);
  });

  it('Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('iban (ISO 13616 checksum)', () => {
  it.each([
    ['pay to DE89 3704 0044 0532 0130 00 please', 'DE89 3704 0044 0532 0130 00'],
    ['IBAN GB82WEST12345698765432.', 'GB82WEST12345698765432'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR14 2004 1010 0505 0001 3M02 606'],
  ])('finds the IBAN in %j', (text, value) => {
    expect(found(text, ['iban'])).toEqual([`iban:${value}`]);
  });

  it.each(['bad DE89 3704 0044 0532 0130 01', 'GB82WEST12345698765433', 'DE89 3704 0044', 'XX89370400440532013000'])('leaves %j', (text) => {
    expect(found(text, ['iban'])).toEqual([]);
  });

  it('checksum', () => {
    expect(ibanValid('NL91ABNA0417164300')).toBe(true);
    expect(ibanValid('NL91ABNA0417164301')).toBe(false);
  });
});
