import type { AppDeps } from '../../server/app.ts';
import type { TypedApi } from '../../server/typed.ts';
import { capacityRoutes } from './capacity-routes.ts';
import { facilityRoutes } from './facility-routes.ts';
import { organisationHistoryRoutes } from './organisation-history-routes.ts';
import { organisationRoutes } from './organisation-routes.ts';

/** Organisations, facilities and capacity history: government routes under /api, provider ones under /api/provider. */
export function providerRoutes(api: TypedApi, deps: AppDeps): void {
  organisationRoutes(api, deps);
  organisationHistoryRoutes(api, deps);
  facilityRoutes(api, deps);
  capacityRoutes(api, deps);
}
