import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/annotate/annotateDoc.js';
import { identifyLanguage } from '../../src/annotate/languageId.js';
import { qualityPreset } from '../../src/config/qualitySchema.js';
import { PROSE, PYTHON } from './fixtures.js';

const curate = qualityPreset('curate', { tokenizer: 'approx' });
const fineweb = qualityPreset('fineweb', { tokenizer: 'approx' });

const SCIENCE = `The posterior distribution combines the prior with the likelihood of the observations. For a Gaussian likelihood with known variance and a Gaussian prior on the mean, the posterior is again Gaussian, and its mean is a weighted average of the prior mean and the sample mean.

We estimate the regression coefficients by ordinary least squares (OLS). The estimator is unbiased when the residuals have zero mean, and its covariance matrix is the residual variance times the inverse of the design matrix product. Heteroskedasticity makes the usual standard errors wrong, so robust estimators are used instead (White, 1980).

The eigenvalues of the covariance matrix give the variance along each principal component. Numerical integration of the probability density, for example with Gaussian quadrature, converges quickly for smooth integrands.`;

const GERMAN = `Der Wasserkreislauf beschreibt, wie sich das Wasser zwischen den Ozeanen, der Luft und dem Land bewegt. Wenn die Sonne die Oberfläche des Meeres erwärmt, verdunstet ein Teil des Wassers und steigt als Dampf auf. Beim Aufsteigen kühlt der Dampf ab und bildet Wolken, aus denen später Regen oder Schnee fällt. Ein Teil des Wassers fließt in Flüsse, ein anderer versickert im Boden und wird zu Grundwasser, das viele Städte mit Trinkwasser versorgt.`;

describe('annotate', () => {
  it('labels prose, science and code from content', () => {
    expect(annotate({ text: PROSE, contentType: 'text' }, curate).domain).toBe('prose');
    expect(annotate({ text: SCIENCE, contentType: 'text' }, curate).domain).toBe('science');
    expect(annotate({ text: PYTHON, contentType: 'code', programmingLanguage: 'python' }, curate).domain).toBe('code');
  });

  it('uses the source hint as a prior, never as the answer', () => {
    const proseHinted = annotate({ text: PROSE, contentType: 'text', domainHint: 'code' }, curate);
    expect(proseHinted.domain).toBe('prose');
  });

  it('reports language, tokens and a textbook score with per-point signals', () => {
    const a = annotate({ text: PROSE, contentType: 'text' }, curate);
    expect(a.lang).toBe('en');
    expect(a.langScore).toBeGreaterThan(0.65);
    expect(a.tokens).toBe(Math.ceil(Buffer.byteLength(PROSE) / 4));
    expect(a.quality).toBeGreaterThanOrEqual(3);
    const points = ['explains', 'examples', 'structure', 'style', 'clean'].map((p) => a.signals[`edu.point.${p}`]);
    expect(points.reduce((s, v) => s + v, 0)).toBe(a.quality);
    expect(a.rejection).toBeUndefined();
  });

  it('a navigation-only page scores low', () => {
    const nav = ['Home', 'Products', 'Shop', 'Cart', 'Login', 'Sign up', 'Contact', 'Privacy policy', 'Terms of use', '© 2024 All rights reserved'].map((l) => `${l}\n`).join('').repeat(6);
    expect(annotate({ text: nav, contentType: 'html' }, curate).quality).toBeLessThanOrEqual(1);
  });

  it('prose rules never reject source code; code rules do not touch prose', () => {
    const a = annotate({ text: PYTHON, contentType: 'code', programmingLanguage: 'python' }, fineweb);
    expect(a.rejection?.reason ?? '').not.toMatch(/gopher|c4|fineweb|lang\./);
    expect(a.text).toBe(PYTHON);
    const p = annotate({ text: PROSE, contentType: 'text' }, fineweb);
    expect(p.rejection?.reason ?? '').not.toMatch(/quality\.code/);
  });

  it('the language filter is off in curate and rejects non-English in fineweb', () => {
    expect(annotate({ text: GERMAN, contentType: 'text' }, curate).rejection).toBeUndefined();
    const a = annotate({ text: GERMAN, contentType: 'text' }, fineweb);
    expect(a.lang).toBe('de');
    expect(a.rejection?.reason).toBe('lang.below_threshold');
  });

  it('is deterministic', () => {
    const a = annotate({ text: SCIENCE, contentType: 'text' }, curate);
    const b = annotate({ text: SCIENCE, contentType: 'text' }, curate);
    expect(b).toEqual(a);
  });

  it('identifies languages with a 0..1 score', () => {
    const g = identifyLanguage(GERMAN, 2000);
    expect(g.lang).toBe('de');
    expect(g.score).toBeGreaterThan(0.65);
    expect(identifyLanguage('', 2000).lang).toBe('und');
  });

  it('a textbook-like threshold rejects with a named reason', () => {
    const cfg = qualityPreset('curate', { tokenizer: 'approx', textbook: { min_score: 5 } });
    const nav = 'Home\nShop\nCart\n'.repeat(30);
    expect(annotate({ text: nav, contentType: 'html' }, cfg).rejection?.reason).toMatch(/^quality\./);
  });
});
