/**
 * Our detector must give exactly eld's answer: compared with eld.detect itself (the previous
 * identifyLanguage, kept here as the reference) on adversarial strings written for this test, a
 * seeded fuzz, every BMP character, and — when present beside the repo — the shared sample corpus,
 * the local eval sets (.bench/annotate-eval) and the 500 web pages of ../shared/eval as text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { eld } from 'eld/small';
import { describe, expect, it } from 'vitest';
import { eldSmallModel, eldSmallNgramFile, evaluateEldNgramFile } from '../../src/annotate/eldSmallModel.js';
import { identifyLanguage, languageScore, type LanguageGuess } from '../../src/annotate/languageId.js';
import { findNgram, parseEldNgramSource, SLOT, tableBytes, tableFromEldData } from '../../src/annotate/ngramLanguageTable.js';

const repoRoot = resolve(import.meta.dirname, '../..');

/** A page as text, cheaply (scripts/buildDomainEval's htmlText costs ~30 ms a page). */
function pageText(html: string): string {
  return html
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** identifyLanguage as it was, on eld.detect: the reference. */
function eldIdentify(text: string, prefixChars: number): LanguageGuess {
  const sample = text.length > prefixChars ? text.slice(0, prefixChars) : text;
  const r = eld.detect(sample);
  if (!r.language) return { lang: 'und', score: 0, scores: {} };
  const reliable = r.isReliable();
  const scores: Record<string, number> = {};
  let k = 0;
  const raw = r.getScores();
  for (const lang in raw) {
    const s = languageScore(raw[lang], reliable);
    if (s > 0) scores[lang] = Math.round(s * 10000) / 10000;
    if (++k === 5) break;
  }
  return { lang: r.language, score: scores[r.language] ?? 0, scores };
}

/** Texts whose answers differ from eld's (JSON compares key order too), at several prefixes. */
function differences(texts: string[], prefixes = [300, 1000, 5000]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    for (const p of prefixes) {
      const a = JSON.stringify(identifyLanguage(t, p));
      const b = JSON.stringify(eldIdentify(t, p));
      if (a !== b) out.push(`${JSON.stringify(t.slice(0, 60))} @${p}: ours ${a} eld ${b}`);
    }
  }
  return out;
}

// Written for this test (no licence restrictions); the non-English lines are common phrases.
const ADVERSARIAL = [
  '',
  ' ',
  '\n\t  \r\n',
  '1234567890 3.14159 42',
  '!!! ??? ... --- *** ### @@@ %%% (((',
  "'''",
  "don't won't it's rock 'n' roll ``quoted'' ’tis o’clock l'homme dell'anno",
  "a ' b '' c .' d '. e ' 'f g' h'",
  'The quick brown fox jumps over the lazy dog.',
  'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG',
  'Der schnelle braune Fuchs springt über den faulen Hund. Straße, Größe, Übermut.',
  "Le vif renard brun saute par-dessus le chien paresseux. C'est l'été à Noël.",
  'El rápido zorro marrón salta sobre el perro perezoso. ¿Qué tal? ¡Año nuevo!',
  'Быстрая коричневая лиса прыгает через ленивую собаку.',
  'Γρήγορη καφέ αλεπού πηδά πάνω από τον τεμπέλη σκύλο. ΟΔΟΣ ΣΟΦΟΣ ΣΣ Σ.',
  'İstanbul İZMİR IĞDIR ılık işık',
  '敏捷的棕色狐狸跳过了懒狗。这是一个测试。',
  '素早い茶色の狐がのろまな犬を飛び越える。カタカナとひらがな。',
  '빠른 갈색 여우가 게으른 개를 뛰어넘는다.',
  'الثعلب البني السريع يقفز فوق الكلب الكسول.',
  'השועל החום המהיר קופץ מעל הכלב העצלן.',
  'آیا این یک آزمایش است؟ بله، این یک آزمایش است.',
  'तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर कूदती है।',
  'สุนัขจิ้งจอกสีน้ำตาลกระโดดข้ามสุนัขขี้เกียจ',
  'Con cáo nâu nhanh nhẹn nhảy qua con chó lười.',
  '😀😃😄 🎉🎉 👍🏽 family: 👨‍👩‍👧‍👦',
  '𝐓𝐡𝐞 𝐪𝐮𝐢𝐜𝐤 𝐛𝐫𝐨𝐰𝐧 𝐟𝐨𝐱 𝔤𝔬𝔱𝔥𝔦𝔠',
  '\ud800 lone \udc00 surrogates \ud83d',
  'abc\ud83d',
  '\udc00\ud800\ud800\udc00',
  'https://example.com/a/b?c=d http://www.test.org/x www.site.com mail@example.com',
  'x'.repeat(71) + ' ' + 'y'.repeat(72) + ' ' + 'z'.repeat(200),
  'é'.repeat(36) + ' ' + 'ж'.repeat(40) + ' ' + 'a'.repeat(66) + 'ç',
  'a b c d e f g h i j k l m n o p q r s t u v w x y z',
  'ab cd ef gh ij kl mn op qr st uv wx yz abc abcd abcde',
  'K Å ǅ ǈ ǋ ǲ ẞ ß ﬀ ﬁ ŉ ΐ',
  'Ⅻ ⅻ ① ② ㊀',
  '\u0000\u0001\u0007 nul and bell',
  'word\u00a0nbsp\u2009thin\u3000ideographic\u200bzwsp\ufeffbom',
  'mixed English and Deutsch und français et español y русский и 中文',
  'function foo(bar) { return bar.map((x) => x * 2); } // code, not prose',
  '<html><body><p>Hello <b>world</b></p></body></html>',
];

describe('identifyLanguage equals eld', () => {
  it('on adversarial strings', () => {
    expect(differences(ADVERSARIAL)).toEqual([]);
  });

  it('on long and huge strings (eld reads the first 1000 units)', () => {
    const en = ADVERSARIAL[8];
    const texts = [en.repeat(30), 'ö'.repeat(2000), 'a '.repeat(600), ' '.repeat(999) + 'hello world', 'é'.repeat(999) + '\ud83d\ude00'];
    expect(differences(texts, [300, 999, 1000, 1001, 100_000])).toEqual([]);
    const tenMB = 'Ceci est une phrase française assez ordinaire. '.repeat(220_000);
    expect(tenMB.length).toBeGreaterThan(10_000_000);
    expect(differences([tenMB], [Infinity])).toEqual([]);
  });

  it('on every BMP character (in runs of 97 code units, alone and between letters)', () => {
    const texts: string[] = [];
    for (let c = 0; c < 0x10000; c += 97) {
      let run = '';
      for (let k = c; k < Math.min(c + 97, 0x10000); k++) run += String.fromCharCode(k);
      texts.push(run, run.split('').join('a'), run.split('').join(' '));
    }
    expect(differences(texts, [1000])).toEqual([]);
  });

  it('on a seeded fuzz of letters, apostrophes, separators and surrogates', () => {
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pool = [..."abcxyzABCΣσςİıéüßжЖ中文あア한ا א ’'`.,-!? \t\n0123456789😀", '\ud800', '\udc00', '\u0307'];
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let t = '';
      const n = Math.floor(rnd() * 60);
      for (let k = 0; k < n; k++) t += pool[Math.floor(rnd() * pool.length)];
      texts.push(t);
    }
    expect(differences(texts, [1000])).toEqual([]);
  });

  // Read when the file loads so the test is skipped (with the reason printed), never passed on nothing.
  const texts: string[] = [];
  const jsonl = (f: string) => {
    if (!existsSync(f)) return;
    for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) texts.push((JSON.parse(l) as { text: string }).text);
  };
  jsonl(resolve(repoRoot, '../shared/samples/domains/samples.jsonl'));
  for (const f of ['domains', 'lang', 'textbook']) jsonl(resolve(repoRoot, `.bench/annotate-eval/${f}.jsonl`));
  const web = resolve(repoRoot, '../shared/eval/extraction/trafilatura/html');
  if (existsSync(web)) {
    for (const f of readdirSync(web).sort()) {
      const html = gunzipSync(readFileSync(join(web, f))).toString('utf8');
      texts.push(pageText(html), html); // the raw page too: markup is adversarial input
    }
  }
  if (texts.length === 0) console.warn('languageId.test.ts: real-text equivalence skipped: neither ../shared/samples, ../shared/eval nor .bench/annotate-eval is present (the generated-text tests still run)');
  it.skipIf(texts.length === 0)('on the shared samples, the local eval sets and the shared web pages (when present)', () => {
    expect(texts.length).toBeGreaterThan(0);
    expect(differences(texts, [300, 5000])).toEqual([]);
  });
});

describe('the compact table', () => {
  it('holds exactly eld small table, parsed without evaluating it', () => {
    const src = readFileSync(eldSmallNgramFile, 'utf8');
    const data = evaluateEldNgramFile(src);
    const parsed = parseEldNgramSource(src);
    const reference = tableFromEldData(data);
    expect(parsed.languages).toEqual(Object.values(data.languages));
    expect(parsed.ngrams).toBe(Object.keys(data.ngrams).length);
    expect(parsed.entries.length).toBe(reference.entries.length);
    // Same n-grams, same (language, score) lists, looked up through the hash.
    const entriesAt = (t: typeof parsed, o: number) => Array.from(t.entries.subarray(t.slots[o + 2] >>> 8, (t.slots[o + 2] >>> 8) + (t.slots[o + 2] & 0xff)));
    let compared = 0;
    for (let o = 0; o < reference.slots.length; o += SLOT) {
      if (reference.slots[o] === 0 && reference.slots[o + 1] === 0) continue;
      const p = findNgram(parsed, reference.slots[o], reference.slots[o + 1]);
      expect(p).toBeGreaterThanOrEqual(0);
      const a = entriesAt(parsed, p);
      const b = entriesAt(reference, o);
      if (a.join() !== b.join()) expect(a).toEqual(b);
      compared++;
    }
    expect(compared).toBe(parsed.ngrams);
  });

  it('rejects a file it does not understand instead of misreading it', () => {
    expect(() => parseEldNgramSource("export const ngramsData = {languages:{0:'en'},ngrams:{'abc':{0:1},'toolong':{0:2}}}")).toThrow(/at most 6/);
    expect(() => parseEldNgramSource("export const ngramsData = {languages:{0:'en'},ngrams:{'ab':{0:1},'cd':{0;1}}}")).toThrow(/expected ":"/);
    expect(() => parseEldNgramSource("export const ngramsData = {languages:{0:'en'},ngrams:{'ab':[0,1]}}")).toThrow(/eld/);
    expect(() => parseEldNgramSource("export const ngramsData = {languages:{0:'en'},ngrams:{'ab':{0:1},'ab':{0:2}}}")).toThrow(/twice/);
  });

  it('is small', () => {
    expect(tableBytes(eldSmallModel().table)).toBeLessThan(8e6);
  });
});

describe('identifyLanguage', () => {
  it('names the language of plain text and gives "und" for no letters', () => {
    expect(identifyLanguage(ADVERSARIAL[10], 1000).lang).toBe('de');
    expect(identifyLanguage(ADVERSARIAL[13], 1000).lang).toBe('ru');
    expect(identifyLanguage('1234 !!! ...', 1000)).toEqual({ lang: 'und', score: 0, scores: {} });
    expect(identifyLanguage('', 1000)).toEqual({ lang: 'und', score: 0, scores: {} });
  });
});
