// Prints, from a machine-readable Debian copyright file (DEP-5), the paragraph for `Files: *`
// (copyright holders and license name) and the stand-alone `License:` paragraph holding the full
// text of that license, unchanged. Usage: node debCopyrightLicense.mjs <copyright>
import { readFileSync } from 'node:fs';

const paras = readFileSync(process.argv[2], 'utf8').split(/\n\s*\n/);
const main = paras.find((p) => /^Files: \*(\s|$)/m.test(p));
if (!main) throw new Error(`${process.argv[2]}: no "Files: *" paragraph; is it a DEP-5 copyright file?`);
const name = /^License: *(\S+)/m.exec(main)[1];
const text = paras.find((p) => p.startsWith(`License: ${name}\n`) && !/^Files:/m.test(p));
process.stdout.write([main, text].filter(Boolean).join('\n\n') + '\n');
