// Deadline rules as data: anyone may read which deadlines apply; administrators add a region's override or a new
// national rule, which closes the rule it succeeds.
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, invalidInput } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { findRegion } from '../regions/queries.ts';
import { DEADLINE_STEPS } from './deadlines.ts';
import { Domain } from './views.ts';

const Rule = z.object({
  id: z.number().int(),
  regionCode: z.string().nullable().describe('null: the national default'),
  domain: Domain,
  step: z.enum(DEADLINE_STEPS),
  workingDays: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable().describe('exclusive; null while in force'),
  basis: z.string(),
});

const ruleColumns = [
  'id',
  'region_code',
  'domain',
  'step',
  'working_days',
  'valid_from',
  'valid_to',
  'basis',
] as const;
type RuleRow = {
  id: number;
  region_code: string | null;
  domain: z.infer<typeof Domain>;
  step: (typeof DEADLINE_STEPS)[number];
  working_days: number;
  valid_from: string;
  valid_to: string | null;
  basis: string;
};
const view = (row: RuleRow): z.infer<typeof Rule> => ({
  id: row.id,
  regionCode: row.region_code,
  domain: row.domain,
  step: row.step,
  workingDays: row.working_days,
  validFrom: row.valid_from,
  validTo: row.valid_to,
  basis: row.basis,
});

export function deadlineRuleRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/filing-deadline-rules',
    {
      config: {
        access: {
          public: true,
          reason: 'legal deadlines are public law; providers and the public may check them',
        },
      },
      schema: {
        tags: ['filing'],
        summary: 'The deadline rules of filing: national defaults and regional overrides with their validity',
        response: { 200: z.object({ rules: z.array(Rule) }), ...ErrorResponses },
      },
    },
    async () => {
      const rows = await deps.db
        .selectFrom('filing_deadline_rule')
        .select(ruleColumns)
        .orderBy('domain')
        .orderBy('step')
        .orderBy('valid_from')
        .orderBy('id')
        .execute();
      return { rules: rows.map(view) };
    },
  );

  api.post(
    '/filing-deadline-rules',
    {
      config: { access: { principals: ['government', 'system'], permission: 'calendar.manage' } },
      schema: {
        tags: ['filing'],
        summary:
          'Add a deadline rule from a date on; the open rule it succeeds (same region, domain, step) is closed',
        body: z.object({
          regionCode: RegionCode.nullable(),
          domain: Domain,
          step: z.enum(DEADLINE_STEPS),
          workingDays: z.number().int().min(1).max(250),
          validFrom: z.iso.date(),
          validTo: z.iso.date().nullable().default(null),
          basis: z.string().trim().min(1).max(300),
        }),
        response: { 201: Rule, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (input.validTo !== null && input.validTo <= input.validFrom) {
        throw invalidInput([
          fieldError('body.validTo', '结束日期须晚于开始日期', 'validTo must be after validFrom'),
        ]);
      }
      const created = await inTransaction(deps.db, async (tx) => {
        if (input.regionCode !== null && !(await findRegion(tx, input.regionCode))) {
          throw invalidInput([
            fieldError('body.regionCode', '行政区划代码不存在', 'No region has this code'),
          ]);
        }
        const sameScope = await tx
          .selectFrom('filing_deadline_rule')
          .select(ruleColumns)
          .where('domain', '=', input.domain)
          .where('step', '=', input.step)
          .where((eb) =>
            input.regionCode === null
              ? eb('region_code', 'is', null)
              : eb('region_code', '=', input.regionCode),
          )
          .forUpdate()
          .execute();
        const overlaps = (row: RuleRow) =>
          (row.valid_to === null || row.valid_to > input.validFrom) &&
          (input.validTo === null || row.valid_from < input.validTo);
        for (const row of sameScope.filter(overlaps)) {
          // The rule in force when the new one starts ends where it begins; anything else would be rewriting history.
          if (row.valid_to === null && row.valid_from < input.validFrom) {
            await tx
              .updateTable('filing_deadline_rule')
              .set({ valid_to: input.validFrom })
              .where('id', '=', row.id)
              .execute();
            await recordAudit(tx, actorOf(request), {
              action: 'update',
              entity: 'filing_deadline_rule',
              entityId: row.id,
              regionCode: row.region_code,
              detail: { validTo: input.validFrom },
            });
            continue;
          }
          throw new AppError(409, 'deadline_rule_overlap', {
            'zh-CN': `与已有规则（${row.valid_from} 起）的有效期重叠`,
            'en-US': `The period overlaps the rule valid from ${row.valid_from}`,
          });
        }
        const row = await tx
          .insertInto('filing_deadline_rule')
          .values({
            region_code: input.regionCode,
            domain: input.domain,
            step: input.step,
            working_days: input.workingDays,
            valid_from: input.validFrom,
            valid_to: input.validTo,
            basis: input.basis,
          })
          .returning(ruleColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'filing_deadline_rule',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { domain: row.domain, step: row.step, workingDays: row.working_days },
        });
        return row;
      });
      return reply.status(201).send(view(created));
    },
  );
}
