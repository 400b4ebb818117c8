import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (installed by `npm test`); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.RUNQ_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', '..', '.runq', 'test', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: npm test installs Debian's chromium package`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Saves a full-page screenshot under .runq/test/screenshots (kept as a test artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Types into a CodeMirror editor (`#editor`: the code) as a user would: select everything, then type over it. */
export async function typeCode(page: Page, code: string, editor = '#editor'): Promise<void> {
  await page.click(`${editor} .cm-content`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** The text a CodeMirror editor holds (its lines joined by newlines). */
export function editorText(page: Page, editor = '#editor'): Promise<string> {
  return page.$$eval(`${editor} .cm-line`, (lines) => lines.map((l) => l.textContent ?? '').join('\n'));
}
