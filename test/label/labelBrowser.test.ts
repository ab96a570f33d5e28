/**
 * The labelling page as an expert uses it: the real `curate label` process, the page in headless
 * Chromium (Debian's, through playwright-core), ten documents graded by keyboard, then a reload.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainSamples, killed, startLabelServer } from './labelProcess.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// As reportBrowser.test.ts: required in CI (CI=true), skipped with the reason elsewhere when Chromium is absent.
const NO_BROWSER = !existsSync(CHROMIUM) && process.env.CI !== 'true';
if (NO_BROWSER) console.warn(`labelBrowser.test: skipped, no ${CHROMIUM} (install Debian's chromium: sudo apt-get update && sudo apt-get install -y chromium; with CI=true this test is required)`);

describe.skipIf(NO_BROWSER)('labelling page in Chromium', () => {
  let browser: Browser;
  let server: { child: ChildProcess; base: string };

  beforeAll(async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'curate-label-page-')), 'labels.sqlite');
    server = await startLabelServer([domainSamples, '--db', db, '--target', '40']);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await killed(server.child, 'SIGTERM');
  });

  it('labels ten documents by keyboard; after a reload the labels are there and the next document is a new one', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.base}/`);
    // The name is asked once.
    await page.locator('#name-input').fill('tess');
    await page.locator('#name-input').press('Enter');
    const graded: { id: string; grade: number }[] = [];
    for (let i = 0; i < 10; i++) {
      await expect.poll(() => page.locator('#doc-id').textContent(), { timeout: 10_000 }).not.toBe('');
      const id = (await page.locator('#doc-id').textContent())!;
      expect(graded.map((g) => g.id)).not.toContain(id);
      await expect.poll(() => page.locator('#text-box').textContent()).not.toBe('');
      const grade = i % 6;
      if (i === 3) {
        // A note and a domain correction go with the grade.
        await page.locator('#note').fill('fine example');
        await page.locator('#note').press('Escape');
        await page.locator('#domain-fix').selectOption('science');
        await page.locator('body').click({ position: { x: 1, y: 1 } });
      }
      await page.keyboard.press(String(grade));
      graded.push({ id, grade });
      await expect.poll(() => page.locator('#doc-id').textContent(), { timeout: 10_000 }).not.toBe(id);
    }
    await expect.poll(() => page.locator('#progress').textContent()).toBe('labelled 10 / 40');
    const shownBefore = await page.locator('#doc-id').textContent();

    await page.reload();
    // Not asked again: the name was stored.
    await expect.poll(() => page.locator('#doc-id').textContent(), { timeout: 10_000 }).not.toBe('');
    expect(await page.locator('#name-form').isHidden()).toBe(true);
    expect(await page.locator('#who').textContent()).toContain('tess');
    await expect.poll(() => page.locator('#progress').textContent()).toBe('labelled 10 / 40');
    const next = (await page.locator('#doc-id').textContent())!;
    expect(graded.map((g) => g.id)).not.toContain(next);
    expect(shownBefore).not.toBe('');

    const labels = (await (await fetch(`${server.base}/api/labels`)).json()) as { id: string; labeller: string; quality: number; note: string | null; domain: string | null }[];
    expect(labels.map((l) => [l.id, l.quality])).toEqual(graded.map((g) => [g.id, g.grade]));
    expect(labels.every((l) => l.labeller === 'tess')).toBe(true);
    expect(labels[3]).toMatchObject({ note: 'fine example', domain: 'science' });
    // Undo by keyboard removes the last label and shows its document again.
    await page.keyboard.press('u');
    await expect.poll(() => page.locator('#doc-id').textContent()).toBe(graded[9]!.id);
    expect(((await (await fetch(`${server.base}/api/labels`)).json()) as unknown[]).length).toBe(9);
    // Skip shows another document without labelling.
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('#doc-id').textContent()).not.toBe(graded[9]!.id);
    expect(((await (await fetch(`${server.base}/api/labels`)).json()) as unknown[]).length).toBe(9);
    // Everything came from the local server.
    expect(requests.every((u) => u.startsWith(server.base))).toBe(true);
  }, 120_000);
});
