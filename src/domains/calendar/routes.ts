import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { calendarDays } from './queries.ts';
import { dateOfDayNumber, dayNumber, isWeekend, isWorkingDay, workingCalendar } from './working-days.ts';

const ADMINS = ['government', 'system'] as const;
const Kind = z.enum(['holiday', 'workday_swap']);
const Day = z.object({ date: z.string(), kind: Kind, name: z.string() });
const DayInput = z.object({
  date: z.iso.date(),
  kind: Kind,
  name: z.string().trim().min(1).max(50),
});

export function calendarRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/calendar',
    {
      config: {
        access: {
          public: true,
          reason: 'the official holiday arrangement is public; deadlines shown to anyone are counted on it',
        },
      },
      schema: {
        tags: ['calendar'],
        summary: "A year's holidays and worked weekends (调休), and its count of working days",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: {
          200: z.object({
            year: z.number().int(),
            days: z.array(Day),
            workingDays: z.number().int(),
            published: z.boolean().describe('false: no arrangement recorded, only weekends are known'),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { year } = request.query;
      const days = await calendarDays(deps.db, year);
      const calendar = workingCalendar(days);
      let workingDays = 0;
      for (let day = dayNumber(`${year}-01-01`); day <= dayNumber(`${year}-12-31`); day++) {
        if (isWorkingDay(dateOfDayNumber(day), calendar)) workingDays += 1;
      }
      return { year, days, workingDays, published: days.length > 0 };
    },
  );

  api.post(
    '/calendar/days',
    {
      config: { access: { principals: ADMINS, permission: 'calendar.manage' } },
      schema: {
        tags: ['calendar'],
        summary: 'Record a holiday or a worked weekend day (when the State Council publishes or amends one)',
        body: DayInput,
        response: { 201: Day, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (input.kind === 'workday_swap' && !isWeekend(input.date)) {
        throw invalidInput([
          fieldError(
            'body.kind',
            '调休上班日只能是周六或周日',
            'Only a Saturday or Sunday can be made a working day',
          ),
        ]);
      }
      const day = await inTransaction(deps.db, async (tx) => {
        const existing = await tx
          .selectFrom('calendar_day')
          .select('date')
          .where('date', '=', input.date)
          .executeTakeFirst();
        if (existing) {
          throw new AppError(409, 'calendar_day_exists', {
            'zh-CN': '该日期已在日历中，请先删除再添加',
            'en-US': 'This date is already in the calendar; remove it first',
          });
        }
        const row = await tx
          .insertInto('calendar_day')
          .values(input)
          .returning(['date', 'kind', 'name'])
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'calendar_day',
          entityId: row.date,
          detail: { kind: row.kind },
        });
        return row;
      });
      return reply.status(201).send(day);
    },
  );

  api.delete(
    '/calendar/days/:date',
    {
      config: { access: { principals: ADMINS, permission: 'calendar.manage' } },
      schema: {
        tags: ['calendar'],
        summary: 'Remove a day from the holiday calendar (it becomes an ordinary weekday or weekend again)',
        params: z.object({ date: z.iso.date() }),
        response: { 200: Day, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await tx
          .deleteFrom('calendar_day')
          .where('date', '=', request.params.date)
          .returning(['date', 'kind', 'name'])
          .executeTakeFirst();
        if (!row) throw notFound('Calendar day', '日历日期');
        await recordAudit(tx, actorOf(request), {
          action: 'delete',
          entity: 'calendar_day',
          entityId: row.date,
          detail: { kind: row.kind },
        });
        return row;
      }),
  );
}
