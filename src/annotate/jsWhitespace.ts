/**
 * Whether a UTF-16 unit is whitespace as `String.prototype.trim`, `split(/\s+/)` and regex `\s`
 * see it (WhiteSpace and LineTerminator of ECMAScript): lets char-code loops reproduce what the
 * string methods and regexes they replace would answer.
 */
export function isJsWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
