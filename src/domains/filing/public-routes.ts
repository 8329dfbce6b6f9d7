// The public register (no login): filed providers with what the rules make public, and the published notices of
// refusal and non-compliance. Never personal data: no legal representative, no staff, no residents.
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../server/app.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { FACILITY_TYPES, OWNERSHIPS } from '../providers/facility-types.ts';
import { escapeLike } from './reach.ts';
import { Domain } from './views.ts';

const Range = z.object({ min: z.number(), max: z.number() });

const PublicProvider = z.object({
  filingNumber: z.string(),
  filedOn: z.string(),
  updatedOn: z.string(),
  domain: Domain,
  facilityId: z.number().int(),
  type: z.enum(FACILITY_TYPES),
  name: z.string(),
  address: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  ownership: z.enum(OWNERSHIPS).nullable(),
  beds: z.object({ total: z.number().int(), nursingType: z.number().int() }).nullable(),
  places: z
    .object({
      infant: z.number().int(),
      youngToddler: z.number().int(),
      olderToddler: z.number().int(),
      mixed: z.number().int(),
      total: z.number().int(),
    })
    .nullable(),
  services: z.array(z.string()),
  inclusive: z.boolean().nullable(),
  fees: z.record(z.string(), Range),
  grade: z.number().int().nullable().describe('star level 1–5 from grading, when graded'),
});

const PublicNotice = z.object({
  filingId: z.number().int(),
  on: z.string(),
  action: z.enum(['reject', 'notify_non_compliance']),
  domain: Domain,
  type: z.enum(FACILITY_TYPES),
  name: z.string(),
  regionCode: z.string(),
  reasons: z.string(),
});

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const int = (value: unknown) => (typeof value === 'number' ? value : 0);

function ranges(fields: Json): Record<string, { min: number; max: number }> {
  const out: Record<string, { min: number; max: number }> = {};
  const add = (key: string, value: unknown) => {
    const range = object(value);
    if (typeof range.min === 'number' && typeof range.max === 'number')
      out[key] = { min: range.min, max: range.max };
  };
  const fees = object(fields.fees);
  for (const key of ['bed', 'nursing', 'meals', 'deposit']) add(key, fees[key]);
  add('monthly', fields.monthlyFee);
  return out;
}

const PUBLIC_REGISTER = {
  public: true,
  reason: 'filings, their numbers and refusals are disclosed to the public by law (备案信息向社会公开)',
} as const;

export function publicFilingRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/public/counties',
    {
      config: {
        access: {
          public: true,
          reason: 'the names and codes of administrative divisions are public (行政区划代码为公开信息)',
        },
      },
      schema: {
        tags: ['filing'],
        summary:
          "The counties and districts the deployment serves, in force today: the public register's filter",
        response: {
          200: z.object({ counties: z.array(z.object({ code: z.string(), name: z.string() })) }),
          ...ErrorResponses,
        },
      },
    },
    async () => {
      // No served regions means the deployment serves the whole country.
      const served = deps.servedRegions;
      let query = deps.db
        .selectFrom('region')
        .select(['code', 'name'])
        .where('level', '=', 'county')
        .where('valid_to', 'is', null);
      if (served.length > 0) {
        query = query.where((eb) =>
          eb.or([
            ...served.map((prefix) => eb('code', 'like', `${escapeLike(prefix)}%`)),
            // A deployment serving one township still filters by the county around it.
            ...served.filter((code) => code.length > 6).map((code) => eb('code', '=', code.slice(0, 6))),
          ]),
        );
      }
      return { counties: await query.orderBy('code').execute() };
    },
  );

  api.get(
    '/public/filings',
    {
      config: {
        access: PUBLIC_REGISTER,
      },
      schema: {
        tags: ['filing'],
        summary:
          'Public register of filed care homes and childcare providers, and published non-compliance notices',
        querystring: z.object({
          region: RegionCode.optional(),
          type: z.enum(FACILITY_TYPES).optional(),
          q: z.string().trim().min(1).max(50).optional(),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            providers: z.array(PublicProvider),
            total: z.number().int(),
            notices: z.array(PublicNotice).describe('the 50 most recent matching notices'),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region, type, q, page, pageSize } = request.query;
      const today = chinaDate(deps.clock());
      const pattern = q ? `%${escapeLike(q)}%` : null;

      let providers = deps.db
        .selectFrom('filing_record as fr')
        .innerJoin('facility as f', 'f.id', 'fr.facility_id')
        .innerJoin('region as r', 'r.code', 'f.region_code')
        .where('fr.deregistered_on', 'is', null);
      if (region) providers = providers.where('f.region_code', 'like', `${escapeLike(region)}%`);
      if (type) providers = providers.where('f.facility_type', '=', type);
      if (pattern) {
        providers = providers.where((eb) =>
          eb.or([
            eb('f.name', 'ilike', pattern),
            eb(sql<string>`fr.fields->>'name'`, 'ilike', pattern),
            eb(sql<string>`fr.fields->>'address'`, 'ilike', pattern),
          ]),
        );
      }
      const rows = await providers
        .select((eb) => [
          'fr.filing_number',
          'fr.filed_on',
          'fr.updated_on',
          'fr.domain',
          'fr.fields',
          'f.id as facility_id',
          'f.facility_type',
          'f.name',
          'f.address',
          'f.region_code',
          'f.ownership',
          'r.name as region_name',
          eb
            .selectFrom('facility_capacity as c')
            .select('c.grade')
            .whereRef('c.facility_id', '=', 'f.id')
            .where(sql<boolean>`c.valid_during @> ${today}::date`)
            .limit(1)
            .as('grade'),
        ])
        .orderBy('fr.filed_on', 'desc')
        .orderBy('fr.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const { total } = await providers
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();

      let notices = deps.db
        .selectFrom('filing_event as e')
        .innerJoin('filing as fl', 'fl.id', 'e.filing_id')
        .innerJoin('facility as f', 'f.id', 'fl.facility_id')
        .where('e.published', '=', true);
      if (region) notices = notices.where('f.region_code', 'like', `${escapeLike(region)}%`);
      if (type) notices = notices.where('f.facility_type', '=', type);
      if (pattern) notices = notices.where('f.name', 'ilike', pattern);
      const noticeRows = await notices
        .select([
          'fl.id',
          'e.at',
          'e.action',
          'e.reasons',
          'fl.domain',
          'f.facility_type',
          'f.name',
          'f.region_code',
        ])
        .orderBy('e.at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(50)
        .execute();

      return {
        providers: rows.map((row) => {
          const fields = object(row.fields);
          const beds = object(fields.beds);
          const places = object(fields.places);
          const elderly = row.domain === 'elderly_care';
          const placeCounts = {
            infant: int(places.infant),
            youngToddler: int(places.youngToddler),
            olderToddler: int(places.olderToddler),
            mixed: int(places.mixed),
          };
          return {
            filingNumber: row.filing_number,
            filedOn: row.filed_on,
            updatedOn: row.updated_on,
            domain: row.domain,
            facilityId: row.facility_id,
            type: row.facility_type,
            name: typeof fields.name === 'string' ? fields.name : row.name,
            address: typeof fields.address === 'string' ? fields.address : row.address,
            regionCode: row.region_code,
            regionName: row.region_name,
            ownership: OWNERSHIPS.find((value) => value === fields.ownership) ?? row.ownership,
            beds: elderly ? { total: int(beds.total), nursingType: int(beds.nursingType) } : null,
            places: elderly
              ? null
              : {
                  ...placeCounts,
                  total:
                    placeCounts.infant +
                    placeCounts.youngToddler +
                    placeCounts.olderToddler +
                    placeCounts.mixed,
                },
            services: Array.isArray(fields.services) ? fields.services.map(String) : [],
            inclusive: typeof fields.inclusive === 'boolean' ? fields.inclusive : null,
            fees: ranges(fields),
            grade: row.grade ?? (typeof fields.starLevel === 'number' ? fields.starLevel : null),
          };
        }),
        total: Number(total),
        notices: noticeRows.map((row) => ({
          filingId: row.id,
          on: chinaDate(row.at),
          action: row.action as 'reject' | 'notify_non_compliance',
          domain: row.domain,
          type: row.facility_type,
          name: row.name,
          regionCode: row.region_code,
          reasons: row.reasons ?? '',
        })),
      };
    },
  );
}
