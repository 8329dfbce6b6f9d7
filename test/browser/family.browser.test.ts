/**
 * Browser test of the family page on a phone (Chromium via playwright-core, 390×844): a family member sees
 * themselves and the relative who consented, in large text (body text at least 16px), and with the browser's
 * default font size raised the page still fits the screen without horizontal scrolling or clipped text.
 *
 * Runs against `browserTarget()` (a fresh test server with the demo city, or LAOYOU_BASE_URL). Screenshots: test-results/family-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, logIn, PHONE, SCREENSHOT_DIR } from '../helpers/browser-session.ts';

/** The demo city's family: 刘晓梅 (family.demo) and her father 刘建国, who consented that she may act for him. */
const SELF = '刘晓梅';
const FATHER = '刘建国';

/** The smallest computed font size among the elements of the page that hold text themselves. */
async function smallestTextSize(page: Page): Promise<{ size: number; text: string }> {
  return page.getByTestId('family-page').evaluate((root) => {
    let smallest = { size: Infinity, text: '' };
    for (const element of [root, ...root.querySelectorAll('*')]) {
      const ownText = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent?.trim() ?? '')
        .join('');
      if (!ownText) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < smallest.size) smallest = { size, text: ownText };
    }
    return smallest;
  });
}

/** Whether anything scrolls sideways or has text cut off inside the family page. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth)
      problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    const root = document.querySelector('[data-testid="family-page"]');
    if (!root) return ['no family page'];
    const viewport = doc.clientWidth;
    for (const element of [root, ...root.querySelectorAll('*')]) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > viewport + 1) {
        problems.push(
          `${element.tagName}.${element.className} ends at ${Math.round(box.right)} > ${viewport}`,
        );
      }
      const style = getComputedStyle(element);
      const clips =
        style.overflow !== 'visible' || style.overflowY !== 'visible' || style.overflowX !== 'visible';
      if (clips && element.textContent?.trim()) {
        if (
          element.scrollHeight > element.clientHeight + 1 ||
          element.scrollWidth > element.clientWidth + 1
        ) {
          problems.push(`${element.tagName}.${element.className} clips its text`);
        }
      }
    }
    return problems;
  });
}

const suite = browserSuite();

describe('family page on a phone', () => {
  test('family.demo lands on their family page, not the government overview, and can log out', async () => {
    const { context, page, pageErrors } = await suite.newPage({ phone: true });
    try {
      await logIn(page, 'family.demo');
      await page.getByTestId('family-page').waitFor();
      assert.equal(new URL(page.url()).pathname, '/family');
      // The header fits the phone: log-out is on the screen and nothing scrolls sideways.
      const logout = page.getByTestId('logout');
      const box = await logout.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `log-out is on screen (${box?.x})`);
      assert.deepEqual(await layoutProblems(page), []);
      await page.screenshot({ path: `${SCREENSHOT_DIR}family-390-header.png` });
      await logout.click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.goto('/family');
      await page.waitForURL((url) => url.pathname === '/login');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  test('family.demo sees themselves and their father in large text that fits the screen', async () => {
    const { context, page, pageErrors } = await suite.newPage({ phone: true });
    try {
      await logIn(page, 'family.demo');
      await page.goto('/family');
      const self = page.getByTestId('family-self');
      await self.waitFor();
      assert.match(await self.innerText(), new RegExp(SELF));
      // The ID number only ever appears masked, as the server sends it.
      const idNumber = (await self.getByTestId('family-id-number').locator('.family-id').innerText()).trim();
      assert.match(idNumber, /^\d{6}\*{8}\d{3}[\dX]$/);

      const relative = page.getByTestId('family-relative').filter({ hasText: FATHER });
      await relative.waitFor();
      const card = await relative.innerText();
      assert.match(card, /父亲/);
      assert.match(card, /空巢/);
      assert.match(card, /中度失能/);

      // Large text: nothing on the page is set below 16px; the names are larger still.
      const smallest = await smallestTextSize(page);
      assert.ok(smallest.size >= 16, `all text ≥ 16px, but "${smallest.text}" is ${smallest.size}px`);
      const nameSize = await relative
        .locator('.family-name')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(nameSize >= 22, `names are large (${nameSize}px)`);
      // Big touch target.
      const button = relative.getByRole('button');
      const box = await button.boundingBox();
      assert.ok(box && box.height >= 44, `the button is a big touch target (${box?.height}px)`);
      assert.deepEqual(await layoutProblems(page), []);
      await page.screenshot({ path: `${SCREENSHOT_DIR}family-390.png`, fullPage: true });

      // The relative's own page, with the support they receive.
      await button.click();
      await page.getByTestId('family-relative-page').waitFor();
      await page.getByTestId('family-conditions').getByText('残疾 · 3级').waitFor();
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
      await page.screenshot({ path: `${SCREENSHOT_DIR}family-390-relative.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('with the browser font size raised the family page grows and still fits without sideways scrolling', async () => {
    const { context, page, pageErrors } = await suite.newPage({ phone: true });
    try {
      await logIn(page, 'family.demo');
      // What a user does in the browser's settings (Font size: Very large): the default 16px becomes 24px.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
      await page.goto('/family');
      await page.getByTestId('family-relative').first().waitFor();
      const rootSize = await page.evaluate(() =>
        parseFloat(getComputedStyle(document.documentElement).fontSize),
      );
      assert.equal(rootSize, 24, 'the raised default font size applies');
      const smallest = await smallestTextSize(page);
      assert.ok(
        smallest.size >= 24,
        `the text grew with the setting, but "${smallest.text}" is ${smallest.size}px`,
      );
      assert.deepEqual(await layoutProblems(page), []);
      // Viewport shots: a full-page capture resizes the viewport, which resets the emulated font setting.
      await page.screenshot({ path: `${SCREENSHOT_DIR}family-390-large-font.png` });
      await page.getByTestId('family-relative').first().getByRole('button').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}family-390-large-font-relative.png` });
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
});
