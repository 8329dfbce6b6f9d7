import { z } from 'zod';
import { RegionCode } from '../../server/schemas.ts';
import { IsoDate } from '../providers/schemas.ts';

// The answers live in views.ts (zod only) so the console can import their types; the inputs stay here.
export {
  DOMAINS,
  EvaluatedIndicatorView,
  EvaluationView,
  GapsView,
  IndicatorDefinitionView,
  PlanDetailView,
  PlanSummary,
  STATUSES,
  TASK_STATUSES,
} from './views.ts';

export const IndicatorValueInput = z.object({
  regionCode: RegionCode,
  asOf: IsoDate,
  value: z.number().finite().min(-1e12).max(1e12),
  source: z.string().trim().min(1).max(300),
  note: z.string().trim().max(500).optional(),
});

export const IndicatorValueView = z.object({
  id: z.number().int(),
  indicatorKey: z.string(),
  regionCode: z.string(),
  asOf: z.string(),
  value: z.number(),
  source: z.string(),
  note: z.string().nullable(),
  enteredBy: z.number().int().nullable(),
  enteredAt: z.string(),
});
