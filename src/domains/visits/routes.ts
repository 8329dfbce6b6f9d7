import type { AppDeps } from '../../server/app.ts';
import type { TypedApi } from '../../server/typed.ts';
import { flagReasonRoutes } from './flag-reason-routes.ts';
import { rateRoutes } from './rate-routes.ts';
import { recordRoutes } from './record-routes.ts';
import { rosterRoutes } from './roster-routes.ts';
import { schedulerRoutes } from './scheduler-routes.ts';
import { taskRoutes } from './task-routes.ts';

/** Caring visits (探访关爱): roster, tasks, records, the monthly rate and its alerts, all under /api/visits. */
export function visitRoutes(api: TypedApi, deps: AppDeps): void {
  rosterRoutes(api, deps);
  taskRoutes(api, deps);
  recordRoutes(api, deps);
  flagReasonRoutes(api, deps);
  rateRoutes(api, deps);
  schedulerRoutes(api, deps);
}
