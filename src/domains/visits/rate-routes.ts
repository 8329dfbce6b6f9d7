import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { regionScope, type Principal } from '../../server/access.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { auditPersonReads } from '../people/audit.ts';
import { chinaDate } from '../people/dates.ts';
import { findRegion } from '../regions/queries.ts';
import { ratesOfSubtree } from './rate.ts';
import { listPrefixes, visitReach, type VisitPermission } from './reach.ts';
import { GOVERNMENT } from './roster-routes.ts';
import { daysLeftInMonth, monthOf, unvisitedAlertDue } from './rules.ts';
import { Alerts, AlertsQuery, Rate, RateQuery, UnvisitedList, UnvisitedQuery } from './schemas.ts';
import { settingsFor } from './settings.ts';
import { listUnvisited, type UnvisitedRow } from './unvisited.ts';

/** The region asked for, or the caller's own; it must exist and lie in the caller's scope. */
async function regionFor(deps: AppDeps, principal: Principal, permission: VisitPermission, code?: string) {
  const scope = regionScope(principal, permission);
  const chosen = code ?? scope?.[0] ?? deps.servedRegions[0];
  if (!chosen) throw notFound('Region', '行政区划');
  if (scope !== null && !scope.some((prefix) => chosen.startsWith(prefix))) throw forbidden();
  const region = await findRegion(deps.db, chosen);
  if (!region) throw notFound('Region', '行政区划');
  return region;
}

function unvisitedItem(row: UnvisitedRow) {
  return {
    personId: row.person_id,
    regionCode: row.region_code,
    name: row.name,
    address: row.address,
    tier: row.tier,
    workerAccountId: row.worker_account_id,
    workerName: row.worker_name,
    lastVisitOn: row.last_visit_on,
  };
}

/** Communities (the lowest level with targets) are where the district looks for shortfalls. */
const COMMUNITY_CODE_LENGTH = 12;

export function rateRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());

  api.get(
    '/visits/rate',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.rate' } },
      schema: {
        tags: ['visits'],
        summary:
          'Monthly visit rate (月探访率) of a region and its child regions: targets with at least one verified ' +
          'visit in the month ÷ targets on the roster that month (default: this month)',
        querystring: RateQuery,
        response: { 200: Rate, ...ErrorResponses },
      },
    },
    async (request) => {
      const region = await regionFor(deps, request.principal!, 'visits.rate', request.query.regionCode);
      const month = request.query.month ?? monthOf(today());
      const { regions, rates } = await ratesOfSubtree(deps.db, region.code, month);
      const own = rates.get(region.code)!;
      // Codes nest 2, 4, 6, 9, 12 digits: the children are the next length down.
      const childLength = region.code.length < 6 ? region.code.length + 2 : region.code.length + 3;
      const children = regions
        .filter((child) => child.code.length === childLength)
        .map((child) => ({ regionCode: child.code, name: child.name, ...rates.get(child.code)! }))
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
      return { regionCode: region.code, name: region.name, month, ...own, children };
    },
  );

  api.get(
    '/visits/rate/:regionCode/unvisited',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.read' } },
      schema: {
        tags: ['visits'],
        summary:
          'The drill-down behind the rate: targets on the roster in the month without a verified visit, high-risk ' +
          'first (audited per person shown)',
        params: z.object({ regionCode: RegionCode }),
        querystring: UnvisitedQuery,
        response: { 200: UnvisitedList, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.read');
      listPrefixes(reach, request.params.regionCode);
      const month = request.query.month ?? monthOf(today());
      return inTransaction(deps.db, async (tx) => {
        const rows = await listUnvisited(
          tx,
          request.params.regionCode,
          month,
          request.query,
          reach.ownAccountId,
        );
        await auditPersonReads(
          tx,
          actorOf(request),
          rows.map((row) => ({ id: row.person_id, region_code: row.region_code })),
          { view: 'visits.unvisited', month },
        );
        return {
          regionCode: request.params.regionCode,
          month,
          items: rows.map(unvisitedItem),
          total: rows[0]?.total ?? 0,
        };
      });
    },
  );

  api.get(
    '/visits/alerts',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.read' } },
      schema: {
        tags: ['visits'],
        summary:
          'This month’s alerts: targets not yet visited once 7 days or fewer remain (the city setting), and ' +
          'communities under the target rate',
        querystring: AlertsQuery,
        response: { 200: Alerts, ...ErrorResponses },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const region = await regionFor(deps, principal, 'visits.read', request.query.regionCode);
      const reach = visitReach(principal, 'visits.read');
      const now = today();
      const month = monthOf(now);
      return inTransaction(deps.db, async (tx) => {
        const settings = await settingsFor(tx, region.code, now);
        const rows = unvisitedAlertDue(now, settings)
          ? await listUnvisited(tx, region.code, month, { page: 1, pageSize: 200 }, reach.ownAccountId)
          : [];
        await auditPersonReads(
          tx,
          actorOf(request),
          rows.map((row) => ({ id: row.person_id, region_code: row.region_code })),
          { view: 'visits.alerts', month },
        );
        // A worker's alerts are its own targets; rates of whole communities are the supervisors' concern.
        const { regions, rates } =
          reach.ownAccountId === null
            ? await ratesOfSubtree(tx, region.code, month)
            : { regions: [], rates: new Map() };
        const belowTarget = regions
          .filter((r) => r.code.length === COMMUNITY_CODE_LENGTH)
          .map((r) => ({ regionCode: r.code, name: r.name, ...rates.get(r.code)! }))
          .filter((r) => r.targets > 0 && r.rate !== null && r.rate < settings.targetRate)
          .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))
          .slice(0, 200);
        return {
          month,
          daysLeft: daysLeftInMonth(now),
          targetRate: settings.targetRate,
          unvisited: rows.map(unvisitedItem),
          belowTarget,
        };
      });
    },
  );
}
