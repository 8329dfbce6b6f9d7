import type { AppDeps } from '../../server/app.ts';
import type { TypedApi } from '../../server/typed.ts';
import { providerFilingRoutes } from './provider-routes.ts';
import { publicFilingRoutes } from './public-routes.ts';
import { reviewFilingRoutes } from './review-routes.ts';
import { deadlineRuleRoutes } from './rule-routes.ts';

export function filingRoutes(api: TypedApi, deps: AppDeps): void {
  providerFilingRoutes(api, deps);
  reviewFilingRoutes(api, deps);
  publicFilingRoutes(api, deps);
  deadlineRuleRoutes(api, deps);
}
