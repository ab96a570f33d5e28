import { describe, expect, it } from 'vitest';
import { countSpans, stripRepeatedSpans } from '../../src/dedup/spanDedup.js';

const opts = { unit: 'line' as const, min_docs: 3, min_chars: 10 };

describe('span dedup (two passes over one source)', () => {
  const pages = [1, 2, 3, 4].map((i) => `Skip to main content\nArticle ${i} talks about topic number ${'x'.repeat(i)} in depth.\n© 2024 Example Corp. All rights reserved.\nMenu`);

  it('strips lines seen in at least min_docs documents, after normalisation', () => {
    const counter = countSpans([...pages.slice(0, 3), pages[3].replace('2024', '2025').toUpperCase()], opts);
    const r = stripRepeatedSpans(pages[0], counter, opts);
    expect(r.text).toBe('Article 1 talks about topic number x in depth.\nMenu');
    expect(r.removedSpans).toBe(2);
    expect(r.removedChars).toBe('Skip to main content'.length + '© 2024 Example Corp. All rights reserved.'.length);
  });

  it('keeps short lines and spans below the document count', () => {
    const counter = countSpans(pages.slice(0, 2), opts);
    expect(stripRepeatedSpans(pages[0], counter, opts).text).toBe(pages[0]);
    expect(counter.repeated()).toBe(0);
  });

  it('counts a span once per document, however often it repeats inside it', () => {
    const counter = countSpans(['same line repeated here\nsame line repeated here\nsame line repeated here'], { ...opts, min_docs: 2 });
    expect(counter.repeated()).toBe(0);
  });

  it('works on paragraphs', () => {
    const p = { unit: 'paragraph' as const, min_docs: 2, min_chars: 10 };
    const docs = ['Intro one is unique.\n\nShared footer paragraph\nwith two lines.', 'Another intro, unique too.\n\nShared footer paragraph\nwith two lines.'];
    const counter = countSpans(docs, p);
    expect(stripRepeatedSpans(docs[1], counter, p).text).toBe('Another intro, unique too.');
  });
});
