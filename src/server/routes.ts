import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountRoutes } from '../domains/accounts/routes.ts';
import { auditRoutes } from '../domains/audit/routes.ts';
import { calendarRoutes } from '../domains/calendar/routes.ts';
import { healthRoutes } from '../domains/health/routes.ts';
import { peopleRoutes } from '../domains/people/routes.ts';
import { regionRoutes } from '../domains/regions/routes.ts';
import { filingRoutes } from '../domains/filing/routes.ts';
import { forecastRoutes } from '../domains/forecast/routes.ts';
import { intakeRoutes } from '../domains/intake/routes.ts';
import { planRoutes } from '../domains/plan/routes.ts';
import { populationRoutes } from '../domains/population/routes.ts';
import { providerRoutes } from '../domains/providers/routes.ts';
import { staffRoutes } from '../domains/staff/routes.ts';
import { visitRoutes } from '../domains/visits/routes.ts';
import type { AppDeps } from './app.ts';

/** Every domain's routes, mounted under /api. */
export async function registerRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = api.withTypeProvider<ZodTypeProvider>();
  healthRoutes(typed, deps);
  accountRoutes(typed, deps);
  regionRoutes(typed, deps);
  peopleRoutes(typed, deps);
  auditRoutes(typed, deps);
  populationRoutes(typed, deps);
  forecastRoutes(typed, deps);
  providerRoutes(typed, deps);
  staffRoutes(typed, deps);
  calendarRoutes(typed, deps);
  filingRoutes(typed, deps);
  intakeRoutes(typed, deps);
  planRoutes(typed, deps);
  visitRoutes(typed, deps);
}
