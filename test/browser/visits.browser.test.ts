/**
 * Browser test of caring visits (探访关爱), as a new community worker and their supervisor would use them:
 * - xiangshan.worker logs in on a phone (390×844), lands on this week's visits, and records one with the checklist;
 * - with the network cut it records another, sees it waiting to upload, and when the network returns the visit is
 *   sent exactly once (one record on the server; the same clientId again is the same record);
 * - the offline visit was far from the elder's home, which the phone could not know: the server flags it, and the
 *   worker gives the reason afterwards from the list of visits that need one;
 * - xiangshan.civil (1366×768) sees that reason when verifying, verifies both, and the month's rate counts them.
 *
 * Runs against `startTestServer()` (API + built web bundle + demo city), or LAOYOU_BASE_URL.
 * Screenshots: test-results/visits-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  apiSession,
  browserSuite,
  logIn,
  type PageSession,
  SCREENSHOT_DIR,
} from '../helpers/browser-session.ts';

const CHECKLIST = ['health', 'mentalState', 'utilitiesSafety', 'hygiene', 'livingEnvironment'];

/**
 * A worker's phone or an officer's desk, in China time (Asia/Shanghai). The worker allows the
 * location once asked: a door visit carries it (the server keeps only the distance).
 */
function visitsPage(phone: boolean): Promise<PageSession> {
  return suite.newPage({
    phone,
    timeoutMs: 60_000,
    context: {
      timezoneId: 'Asia/Shanghai',
      ...(phone && { permissions: ['geolocation'], geolocation: { latitude: 33.9559, longitude: 116.7983 } }),
    },
  });
}

/** Taps a big segmented button (the radio input inside is hidden; the label is what a finger touches). */
async function choose(page: Page, testId: string): Promise<void> {
  await page.locator('label', { has: page.getByTestId(testId) }).click();
}

/** Opens a task's form from the list, starts the visit and fills the checklist (one concern, the rest ok). */
async function recordVisit(page: Page, taskId: number, mode: 'door' | 'phone'): Promise<void> {
  await page.getByTestId(`visits-open-${taskId}`).click();
  await page.getByTestId('visits-form-page').waitFor();
  await page.getByTestId('visits-start').click();
  await choose(page, `visits-mode-${mode}`);
  for (const item of CHECKLIST) {
    await choose(page, `visits-check-${item}-${item === 'hygiene' ? 'concern' : 'ok'}`);
  }
  await page.getByTestId('visits-notes').fill('老人精神不错，卫生间较乱，已提醒家属。');
}

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const suite = browserSuite();

describe('caring visits: worker on a phone, supervisor in the console', () => {
  test('a worker records a visit online and one offline (sent once), the supervisor verifies, the rate moves', async () => {
    const worker = (await apiSession(suite.baseUrl, 'xiangshan.worker')).request;
    const civil = (await apiSession(suite.baseUrl, 'xiangshan.civil')).request;
    const month = new Date().toISOString().slice(0, 7);

    // Two open tasks whose elders have no verified visit this month, so that each verification counts.
    const me = (await worker('GET', '/api/auth/me')).body;
    const account = me.account ?? me;
    const community = account.roles.find((role: any) => role.role === 'community_worker')
      ?.regionCode as string;
    assert.ok(community, 'the demo worker serves one community');
    const unvisited = new Set<number>(
      (
        await civil('GET', `/api/visits/rate/${community}/unvisited?month=${month}&pageSize=200`)
      ).body.items.map((item: any) => item.personId),
    );
    const openTasks = async () => {
      const items = (await worker('GET', '/api/visits/tasks/mine')).body.items as any[];
      const seen = new Set<number>();
      return items.filter(
        (task) =>
          task.status !== 'done' &&
          unvisited.has(task.personId) &&
          !seen.has(task.personId) &&
          seen.add(task.personId),
      );
    };
    let chosen = await openTasks();
    if (chosen.length < 2) {
      // The demo's week may hold fewer such visits (late on a Sunday, say): a major change a day ago gives an extra
      // visit, already overdue, which the worker's list always shows.
      const roster = (await civil('GET', `/api/visits/roster?regionCode=${community}&pageSize=200`)).body
        .items as any[];
      const spare = roster.filter(
        (target) =>
          target.workerAccountId === account.id &&
          unvisited.has(target.personId) &&
          !chosen.some((task) => task.personId === target.personId),
      );
      for (const target of spare.slice(0, 2 - chosen.length)) {
        const occurredAt = new Date(Date.now() - 25 * 3600_000).toISOString();
        await civil('POST', '/api/visits/events', { personId: target.personId, kind: 'alarm', occurredAt });
      }
      chosen = await openTasks();
    }
    assert.ok(chosen.length >= 2, `two open tasks of unvisited elders (got ${chosen.length})`);
    const [online, offline] = chosen;
    const rateBefore = (await civil('GET', `/api/visits/rate?regionCode=${community}&month=${month}`)).body;
    const recordsOf = async (personId: number) =>
      (
        (await civil('GET', `/api/visits/records?regionCode=${community}&pageSize=200`)).body.items as any[]
      ).filter((record) => record.personId === personId);
    const before = {
      online: (await recordsOf(online.personId)).length,
      offline: (await recordsOf(offline.personId)).length,
    };

    const { context, page, pageErrors } = await visitsPage(true);
    try {
      // Lands on this week's visits, overdue first, and the page fits the phone.
      await logIn(page, 'xiangshan.worker');
      await page.getByTestId('visits-worker-page').waitFor();
      assert.equal(new URL(page.url()).pathname, '/my-visits');
      await page.getByTestId(`visits-task-${online.id}`).waitFor();
      const statuses = await page
        .locator('[data-testid^="visits-task-"][data-status]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
      const firstNotOverdue = statuses.findIndex((status) => status !== 'overdue');
      assert.ok(
        firstNotOverdue === -1 || statuses.slice(firstNotOverdue).every((status) => status !== 'overdue'),
        `overdue tasks come first: ${statuses.join(',')}`,
      );
      assert.equal(await sideways(page), 0, 'nothing scrolls sideways on the phone');
      await page.screenshot({ path: `${SCREENSHOT_DIR}visits-390-week.png`, fullPage: true });

      // Every visit the phone gets an answer for, by clientId: a second delivery would show here.
      const delivered: string[] = [];
      page.on('response', (response) => {
        const request = response.request();
        if (request.method() === 'POST' && new URL(response.url()).pathname === '/api/visits/records') {
          delivered.push((request.postDataJSON() as { clientId: string }).clientId);
        }
      });

      // 1. Online: a door visit with the checklist.
      await recordVisit(page, online.id, 'door');
      assert.equal(await sideways(page), 0, 'the form fits the phone');
      await page.screenshot({ path: `${SCREENSHOT_DIR}visits-390-form.png`, fullPage: true });
      await page.getByTestId('visits-submit').click();
      // Far from the home's known point, or no point known: the server flags it and the worker is told so.
      const flagged = page.getByTestId('visits-flags');
      await page.getByTestId('visits-worker-page').or(flagged).waitFor();
      if (await flagged.isVisible()) {
        await page.screenshot({ path: `${SCREENSHOT_DIR}visits-390-flagged.png`, fullPage: true });
        await page.getByTestId('visits-flags-later').click();
        await page.getByTestId('visits-worker-page').waitFor();
      }
      const sentOnline = await recordsOf(online.personId);
      assert.equal(sentOnline.length, before.online + 1, 'the online visit reached the server');
      const onlineRecord = sentOnline.find((record) => record.status === 'pending');
      assert.ok(onlineRecord, 'pending review');
      assert.equal(onlineRecord.checklist.hygiene, 'concern');
      assert.equal(onlineRecord.mode, 'door');

      // 2. Offline: the visit is kept on the phone and shown as waiting; nothing reaches the server. The elder's
      // home is known to be some 4 km from where the worker stands, so the server will flag it.
      await civil('PUT', `/api/visits/roster/${offline.personId}`, {
        homeLocation: { lat: 33.9919, lng: 116.7983 },
      });
      await context.setOffline(true);
      await recordVisit(page, offline.id, 'door');
      await page.getByTestId('visits-submit').click();
      await page.getByTestId('visits-waiting').waitFor();
      await page.getByTestId(`visits-task-${offline.id}`).getByTestId('visits-task-waiting').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}visits-390-waiting.png`, fullPage: true });
      assert.equal((await recordsOf(offline.personId)).length, before.offline, 'nothing sent while offline');
      const clientId = await page.evaluate(() => {
        const key = Object.keys(localStorage).find((name) => name.startsWith('laoyou.visits.outbox.'));
        return key ? (JSON.parse(localStorage.getItem(key)!)[0].input.clientId as string) : null;
      });
      assert.ok(clientId, 'the waiting visit keeps its clientId on the phone');

      // 3. Back online: sent by itself, exactly once, and the waiting list empties.
      await context.setOffline(false);
      await page.getByTestId('visits-waiting').waitFor({ state: 'detached' });
      // A reload (the retry on the next load) must not send it again.
      await Promise.all([
        page.waitForResponse((response) => response.url().includes('/api/visits/tasks/mine')),
        page.reload(),
      ]);
      await page.getByTestId('visits-worker-page').waitFor();
      assert.equal(await page.getByTestId('visits-waiting').count(), 0, 'nothing waits after the reload');
      assert.deepEqual(
        delivered.filter((id) => id === clientId),
        [clientId],
        'the phone delivered the offline visit in exactly one answered request',
      );
      const sentOffline = await recordsOf(offline.personId);
      assert.equal(sentOffline.length, before.offline + 1, 'the offline visit arrived exactly once');
      const offlineRecord = sentOffline.find((record) => record.clientId === clientId);
      assert.ok(offlineRecord, 'under the clientId made when its form opened');
      // The same clientId again (a retry after a lost answer) is the same record.
      const replay = await worker('POST', '/api/visits/records', {
        clientId,
        taskId: offline.id,
        personId: offline.personId,
        mode: 'door',
        startedAt: offlineRecord.startedAt,
        endedAt: offlineRecord.endedAt,
        checklist: offlineRecord.checklist,
        risks: [],
        referrals: [],
      });
      assert.equal(replay.status, 200);
      assert.equal(replay.body.id, offlineRecord.id);
      assert.equal((await recordsOf(offline.personId)).length, before.offline + 1);

      // 3b. The server flagged the offline visit far from the home, with no reason: the phone asks for it.
      // (An overdue task also makes it off schedule: the phone then asks for both reasons.)
      assert.ok(offlineRecord.flags.some((flag: any) => flag.code === 'far_from_home'));
      assert.ok(offlineRecord.flags.every((flag: any) => flag.reasonCode === null));
      const offSchedule = offlineRecord.flags.some((flag: any) => flag.code !== 'far_from_home');
      const awaiting = page.getByTestId(`visits-awaiting-${offlineRecord.id}`);
      await awaiting.waitFor();
      await page.getByTestId(`visits-answer-${offlineRecord.id}`).click();
      await awaiting.getByTestId('visits-reason-off-site').click();
      await page.locator('.ant-select-item-option', { hasText: '老人住院' }).click();
      if (offSchedule) {
        await awaiting.getByTestId('visits-reason-off-schedule').click();
        await page.locator('.ant-select-item-option', { hasText: '老人外出' }).click();
      }
      await awaiting.getByTestId('visits-reason-note').fill('老人在市人民医院住院，在病房探访');
      assert.equal(await sideways(page), 0, 'the reason form fits the phone');
      await page.screenshot({ path: `${SCREENSHOT_DIR}visits-390-reason.png`, fullPage: true });
      await awaiting.getByTestId('visits-reason-submit').click();
      await awaiting.waitFor({ state: 'detached' });
      const explained = (await civil('GET', `/api/visits/records/${offlineRecord.id}`)).body;
      assert.deepEqual(
        explained.flags.find((flag: any) => flag.code === 'far_from_home'),
        {
          code: 'far_from_home',
          reasonCode: 'in_hospital',
          reasonNote: '老人在市人民医院住院，在病房探访',
          reasonGivenAt: explained.flags[0].reasonGivenAt,
        },
      );
      assert.ok(
        explained.flags.every((flag: any) => flag.reasonCode !== null),
        'every flag has its reason',
      );
      assert.deepEqual(pageErrors, [], 'no uncaught errors on the phone');

      // 4. The supervisor verifies both; only verified visits count in the month's rate.
      const desk = await visitsPage(false);
      try {
        await logIn(desk.page, 'xiangshan.civil');
        await desk.page.goto(`/visits?region=${community}`);
        await desk.page.getByTestId('visits-review-page').waitFor();
        const rateUnverified = (await civil('GET', `/api/visits/rate?regionCode=${community}&month=${month}`))
          .body;
        assert.equal(rateUnverified.visited, rateBefore.visited, 'pending visits do not count');
        // The reason given afterwards is in front of the supervisor before verifying.
        await desk.page
          .locator('tr', { has: desk.page.getByTestId(`visits-verify-${offlineRecord.id}`) })
          .getByRole('button', { name: offline.personName })
          .click();
        const detail = desk.page.getByTestId('visits-record-detail');
        await detail.getByTestId('visits-flag-later').first().waitFor();
        assert.match(await detail.getByTestId('visits-flag-far_from_home').innerText(), /老人住院/);
        assert.match(
          await detail.getByTestId('visits-flag-later').first().innerText(),
          /事后补充于 .*老人在市人民医院住院，在病房探访/,
        );
        await detail.getByTestId('visits-flag-far_from_home').scrollIntoViewIfNeeded();
        await desk.page.screenshot({ path: `${SCREENSHOT_DIR}visits-1366-reason.png` });
        await desk.page.keyboard.press('Escape');
        await detail.waitFor({ state: 'detached' });
        for (const record of [onlineRecord, offlineRecord]) {
          await desk.page.getByTestId(`visits-verify-${record.id}`).click();
          await desk.page.getByTestId(`visits-verify-${record.id}`).waitFor({ state: 'detached' });
        }
        await desk.page.screenshot({ path: `${SCREENSHOT_DIR}visits-1366-review.png` });
        const rateAfter = (await civil('GET', `/api/visits/rate?regionCode=${community}&month=${month}`))
          .body;
        assert.equal(rateAfter.visited, rateBefore.visited + 2, 'both verified visits count');
        assert.ok(
          rateAfter.rate > (rateBefore.rate ?? 0),
          `the rate moved: ${rateBefore.rate} → ${rateAfter.rate}`,
        );

        await desk.page.getByTestId('visits-tabs').getByText('月探访率').click();
        const shown = desk.page.getByTestId('visits-rate-value');
        await shown.waitFor();
        assert.equal(
          Number(await shown.getAttribute('data-visited')),
          rateAfter.visited,
          'the page shows it',
        );
        await desk.page.getByTestId('visits-unvisited-table').waitFor();
        await desk.page.screenshot({ path: `${SCREENSHOT_DIR}visits-1366-rate.png`, fullPage: true });
        // The roster with tiers and workers, and the tasks, in the same console.
        await desk.page.getByTestId('visits-tabs').getByText('探访对象').click();
        await desk.page.getByTestId('visits-roster-page').locator('.ant-table-row').first().waitFor();
        await desk.page.screenshot({ path: `${SCREENSHOT_DIR}visits-1366-roster.png` });
        await desk.page.getByTestId('visits-tabs').getByText('探访任务').click();
        await desk.page.getByTestId('visits-tasks-page').waitFor();
        await desk.page.screenshot({ path: `${SCREENSHOT_DIR}visits-1366-tasks.png` });
        assert.deepEqual(desk.pageErrors, [], 'no uncaught errors in the console');
      } finally {
        await desk.context.close();
      }
    } finally {
      await context.close();
    }
  });
});
