/**
 * Browser tests of the web console (Chromium via playwright-core, 1366×768).
 *
 * Runs against `startTestServer()` (API + built web bundle + demo city), or against an already running
 * instance when LAOYOU_BASE_URL is set (e.g. `LAOYOU_BASE_URL=http://127.0.0.1:5173`).
 * Screenshots go to test-results/console-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, SCREENSHOT_DIR, submitLogIn } from '../helpers/browser-session.ts';

const CJK = /[\u4e00-\u9fff]/;

async function switchLanguage(page: Page, locale: 'zh-CN' | 'en-US'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-option-${locale}`).click();
  // Let the dropdown finish closing so screenshots show the page, not the menu.
  await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').waitFor({ state: 'detached' });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}console-${name}.png` });
}

async function levelCount(page: Page, level: string): Promise<number> {
  const value = await page.getByTestId(`level-count-${level}`).getAttribute('data-count');
  assert.ok(value !== null, `level-count-${level} has a data-count`);
  return Number(value);
}

async function waitForRegion(page: Page, code: string): Promise<void> {
  await page.locator(`[data-testid="region-home"][data-region-code="${code}"]`).waitFor();
  await page.locator('[data-testid="region-home"][aria-busy="false"]').waitFor();
}

const suite = browserSuite();

describe('web console', () => {
  test('officer logs in, browses the region tree, switches language and logs out', async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      // Unauthenticated visit lands on the login page.
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/login');
      await assert.doesNotReject(page.getByTestId('login-title').waitFor());
      assert.equal(await page.getByTestId('login-title').innerText(), 'laoyou 老幼 · 一老一小');
      await page.getByTestId('language-switch').waitFor();
      await screenshot(page, 'login-zh');

      await submitLogIn(page, 'city.civil');
      await page.waitForURL((url) => url.pathname === '/');

      // Region tree starts at the scope root (淮北市) with its counties loaded.
      const tree = page.getByTestId('region-tree');
      await tree.getByText('淮北市', { exact: true }).waitFor();
      await tree.getByText('相山区', { exact: true }).waitFor();

      // Home page for the first root.
      await waitForRegion(page, '3406');
      assert.equal(await page.getByTestId('region-title').innerText(), '淮北市');
      assert.ok((await levelCount(page, 'county')) >= 4, '淮北市 has at least 4 counties');
      assert.ok((await levelCount(page, 'township')) > 0, 'township count > 0');
      assert.ok((await levelCount(page, 'village')) > 0, 'village count > 0');
      assert.match(await page.getByTestId('level-count-township').innerText(), /乡镇街道/);
      assert.match(await page.getByTestId('level-count-village').innerText(), /村社区/);
      const children = page.getByTestId('region-children');
      for (const county of ['杜集区', '相山区', '烈山区', '濉溪县']) {
        await children.getByText(county, { exact: true }).waitFor();
      }

      // Header: product name, display name, scope (role + region + domain), language switch, logout.
      const scope = await page.getByTestId('user-scope').innerText();
      assert.match(scope, /淮北市/);
      assert.match(scope, /养老/);
      await page.getByTestId('logout').waitFor();
      await screenshot(page, 'home-zh');

      // Click 相山区 in the tree: page switches to it, URL reflects it.
      await tree.getByText('相山区', { exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('region') === '340603');
      await waitForRegion(page, '340603');
      assert.equal(await page.getByTestId('region-title').innerText(), '相山区');
      assert.match(await page.getByTestId('region-breadcrumb').innerText(), /淮北市/);
      assert.ok((await levelCount(page, 'township')) > 0, '相山区 has townships');
      assert.ok((await levelCount(page, 'village')) > 0, '相山区 has villages');
      assert.equal(await levelCount(page, 'county'), 0);
      // Its townships are loaded into the tree on selection.
      await page.locator('[data-testid="region-tree"] .ant-tree-treenode-selected').waitFor();
      await screenshot(page, 'county-zh');

      // Switch to English.
      await switchLanguage(page, 'en-US');
      await page.getByTestId('level-count-township').getByText('Townships').waitFor();
      assert.match(await page.getByTestId('level-count-village').innerText(), /Villages\/communities/);
      assert.match(await page.getByTestId('user-scope').innerText(), /Elderly care/);
      assert.match(await page.getByTestId('logout').innerText(), /Log out/);
      assert.match(await page.getByTestId('language-switch').innerText(), /English/);
      assert.equal(await page.evaluate("localStorage.getItem('laoyou.locale')"), 'en-US');

      // English survives a reload, and so does the selected region.
      await page.reload();
      await waitForRegion(page, '340603');
      await page.getByTestId('level-count-township').getByText('Townships').waitFor();
      assert.match(await page.getByTestId('level-count-county').innerText(), /Counties/);
      assert.match(await page.getByTestId('language-switch').innerText(), /English/);
      await screenshot(page, 'county-en');

      // Back to the city in English via the breadcrumb.
      await page.getByTestId('region-breadcrumb').getByText('淮北市', { exact: true }).click();
      await waitForRegion(page, '3406');
      await screenshot(page, 'home-en');

      // Log out: back on the (English) login page, and the console is no longer reachable.
      await page.getByTestId('logout').click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByTestId('login-submit').getByText('Sign in').waitFor();
      await screenshot(page, 'login-en');
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/login');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } catch (error) {
      await screenshot(page, 'failure-officer').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  test('wrong password shows the localised server error', async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      await page.goto('/login');
      await submitLogIn(page, 'city.civil', 'definitely-wrong');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      assert.equal(await error.getAttribute('data-error-code'), 'invalid_credentials');
      const zh = (await error.innerText()).trim();
      assert.ok(zh.length > 0 && CJK.test(zh), `Chinese error message, got "${zh}"`);
      assert.equal(new URL(page.url()).pathname, '/login');
      await screenshot(page, 'login-error-zh');

      // The same error re-renders in English after switching language.
      await switchLanguage(page, 'en-US');
      await page.getByTestId('login-submit').getByText('Sign in').waitFor();
      const en = (await error.innerText()).trim();
      assert.ok(en.length > 0 && !CJK.test(en) && en !== zh, `English error message, got "${en}"`);
      await screenshot(page, 'login-error-en');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } catch (error) {
      await screenshot(page, 'failure-login-error').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
});
