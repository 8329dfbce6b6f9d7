/**
 * What every browser test needs once Chromium is running (see ./browser.ts): a page in a fresh context, signing in
 * through the login form, signing in over the API for set-up, and picking antd Select options.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Download, Page } from 'playwright-core';
import { keyedRows, readWorkbook } from '../../src/domains/intake/intake-test-support.ts';
import { browserTarget, launchBrowser } from './browser.ts';

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'laoyou2026';
/** Government pages are made for this screen. */
export const DESKTOP = { width: 1366, height: 768 };
/** Family and worker pages are made for a phone. */
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

export interface PageSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page's scripts, for the test to assert there were none. */
  pageErrors: string[];
}

export interface NewPageOptions {
  viewport?: { width: number; height: number };
  locale?: 'zh-CN' | 'en-US';
  /** A touch phone at twice the pixel density, as the phone pages are used. */
  phone?: boolean;
  acceptDownloads?: boolean;
  /** Also store the locale where the web app keeps the user's choice, so it wins over its own default. */
  storeLocale?: boolean;
  timeoutMs?: number;
  /** Anything else the context needs (time zone, geolocation …). */
  context?: BrowserContextOptions;
}

/** A page in a context of its own (no shared cookies), pointed at baseUrl, recording page errors. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  options: NewPageOptions = {},
): Promise<PageSession> {
  const locale = options.locale ?? 'zh-CN';
  const context = await browser.newContext({
    viewport: options.viewport ?? (options.phone ? PHONE : DESKTOP),
    ...(options.phone && { deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
    locale,
    baseURL: baseUrl,
    ...(options.acceptDownloads && { acceptDownloads: true }),
    ...options.context,
  });
  context.setDefaultTimeout(options.timeoutMs ?? 30_000);
  if (options.storeLocale) {
    // As source text: this module is also compiled without the DOM library, where `window` is unknown.
    await context.addInitScript({
      content: `window.localStorage.setItem('laoyou.locale', ${JSON.stringify(locale)});`,
    });
  }
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

/** Where a browser suite points: a base URL and how to stop what was started for it. */
export interface SuiteTarget {
  baseUrl: string;
  close(): Promise<void>;
}

export interface BrowserSuite<T extends SuiteTarget = SuiteTarget> {
  /** The target's base URL without a trailing slash (set once the suite's `before` has run). */
  readonly baseUrl: string;
  readonly browser: Browser;
  /** What `start` returned, e.g. the TestServer with its database. */
  readonly target: T;
  /** A page of its own on this suite's browser and target (see newPage). */
  newPage(options?: NewPageOptions): Promise<PageSession>;
}

export interface BrowserSuiteOptions<T extends SuiteTarget> {
  /** Starts the target; by default `browserTarget()` (LAOYOU_BASE_URL, or a fresh test server with the demo city). */
  start?: () => Promise<T>;
  /** The file's own set-up once the target is up, before Chromium launches (accounts, seeded records …). */
  setUp?: (suite: BrowserSuite<T>) => Promise<void>;
}

/**
 * Registers the `before` and `after` every browser test file needs: makes the screenshot folder, starts the target,
 * runs the file's own set-up, launches Chromium; afterwards closes Chromium, then the target. Call it at the top level
 * of the file (or of a describe) and read the handles from what it returns inside the tests.
 */
export function browserSuite<T extends SuiteTarget = SuiteTarget>(
  options: BrowserSuiteOptions<T> = {},
): BrowserSuite<T> {
  let target: T | undefined;
  let browser: Browser | undefined;
  const ready = <V>(value: V | undefined, what: string): V => {
    if (value === undefined) throw new Error(`the browser suite's ${what} is read before its set-up ran`);
    return value;
  };
  const suite: BrowserSuite<T> = {
    get baseUrl() {
      return ready(target, 'target').baseUrl.replace(/\/$/, '');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get target() {
      return ready(target, 'target');
    },
    newPage: (pageOptions) => newPage(suite.browser, suite.baseUrl, pageOptions),
  };
  before(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    target = await (options.start ?? (browserTarget as () => Promise<T>))();
    await options.setUp?.(suite);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await target?.close();
  });
  return suite;
}

/** Fills and submits the login form already on the page, waiting for nothing (the test checks what follows). */
export async function submitLogIn(
  page: Page,
  username: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export interface LogInOptions {
  password?: string;
  /** Where the page must arrive after signing in; by default anywhere but /login. */
  landsOn?: (url: URL) => boolean;
}

/** Opens /login, signs in and waits until the app has moved on. */
export async function logIn(page: Page, username: string, options: LogInOptions = {}): Promise<void> {
  await page.goto('/login');
  await submitLogIn(page, username, options.password);
  await page.waitForURL(options.landsOn ?? ((url) => url.pathname !== '/login'));
}

/** Signing in lands on the home page (for tests that go on from there). */
export const HOME = (url: URL): boolean => url.pathname === '/';

// The JSON bodies are whatever the route answers; tests read them as they need.
export type ApiBody = any;
export interface ApiReply {
  status: number;
  body: ApiBody;
}
export type ApiSend = (method: string, path: string, body?: unknown) => Promise<ApiReply>;

/** JSON calls with one user's session cookie, for set-up and checks that are not the behaviour under test. */
export interface ApiSession {
  /** Any reply: the test decides what its status means. */
  send: ApiSend;
  /** The reply of a call that must succeed (2xx); anything else fails the test with the status and text. */
  request: ApiSend;
  /** The body of a call that must succeed. */
  call: (method: string, path: string, body?: unknown) => Promise<ApiBody>;
  /** The body of a GET that must succeed. */
  get: (path: string) => Promise<ApiBody>;
}

/** Signs in over the API (the login must succeed) and keeps the session cookie. */
export async function apiSession(
  baseUrl: string,
  username: string,
  password: string = DEMO_PASSWORD,
): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const exchange = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { response, text: await response.text() };
  };
  const parse = (text: string): ApiBody => (text ? JSON.parse(text) : null);
  const request: ApiSend = async (method, path, body) => {
    const { response, text } = await exchange(method, path, body);
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return { status: response.status, body: parse(text) };
  };
  return {
    send: async (method, path, body) => {
      const { response, text } = await exchange(method, path, body);
      return { status: response.status, body: parse(text) };
    },
    request,
    call: async (method, path, body) => (await request(method, path, body)).body,
    get: async (path) => (await request('GET', path)).body,
  };
}

/** Picks an option of the antd Select with this test id by the option's label (its title). */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(label, { exact: true })
    .click();
}

/** A downloaded workbook's first sheet (the download must have succeeded) as rows keyed by the header row. */
export async function downloadedSheet(download: Download): Promise<Record<string, unknown>[]> {
  assert.equal(await download.failure(), null);
  const workbook = await readWorkbook(await readFile((await download.path())!));
  return keyedRows(workbook.worksheets[0]);
}
