// Excel exports of the lists users see, with the lists' own filters and scope; ID numbers are masked unless the
// caller holds people.read_id_number there and asks for them (full=true); every export is audited with its row count.
import { z } from 'zod';
import { assertInScope } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { maskIdNumber } from '../../shared/id-number.ts';
import { openIdNumber } from '../people/id-number-field.ts';
import { peoplePageQuery, type PeopleCursor, type PeopleListFilter } from '../people/queries.ts';
import { chinaDate } from '../people/rules.ts';
import { CapabilityLevel, ConditionKind, IsoDate, LivingSituation } from '../people/schemas.ts';
import { figuresOfRegions, liveChildren } from '../population/queries.ts';
import { POPULATION_BASES } from '../population/tables.ts';
import { findRegion } from '../regions/queries.ts';
import { exportAccess } from './export-access.ts';
import { capacityExportRoutes } from './export-capacity.ts';
import { filingExportRoutes } from './export-filings.ts';
import { householdExportRoutes } from './export-households.ts';
import { providerExportRoutes } from './export-providers.ts';
import { staffExportRoutes } from './export-staff.ts';
import { columnsOf, labeller, pageByPage, sendXlsx } from './export.ts';
import { peopleKind } from './kinds/people.ts';
import { populationKind } from './kinds/population.ts';

const PAGE = 2000;
const Age = z.coerce.number().int().min(0).max(150);

export function exportRoutes(api: TypedApi, deps: AppDeps): void {
  const peopleLabel = labeller(peopleKind.columns);
  const populationLabel = labeller(populationKind.columns);
  providerExportRoutes(api, deps);
  staffExportRoutes(api, deps);
  capacityExportRoutes(api, deps);
  householdExportRoutes(api, deps);
  filingExportRoutes(api, deps);

  api.get(
    '/export/people.xlsx',
    {
      config: exportAccess('government', 'people'),
      schema: {
        tags: ['export'],
        summary:
          'The people list (same filters as GET /api/people, all pages) as xlsx; ID numbers masked unless ' +
          'full=true and the caller holds people.read_id_number in the region',
        querystring: z.object({
          region: RegionCode,
          name: z.string().trim().min(1).max(100).optional(),
          condition: ConditionKind.optional(),
          on: IsoDate.optional(),
          livingSituation: LivingSituation.optional(),
          capabilityLevel: z.coerce.number().pipe(CapabilityLevel).optional(),
          ageFrom: Age.optional(),
          ageTo: Age.optional(),
          full: z.enum(['true', 'false']).default('false'),
        }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { region, full, on, ...filters } = request.query;
      const principal = request.principal!;
      if (filters.ageFrom !== undefined && filters.ageTo !== undefined && filters.ageFrom > filters.ageTo) {
        throw invalidInput([
          fieldError('querystring.ageTo', '年龄上限不能小于下限', 'ageTo cannot be below ageFrom'),
        ]);
      }
      assertInScope(principal, 'people.read', region);
      const showIds = full === 'true';
      if (showIds) assertInScope(principal, 'people.read_id_number', region);
      const filter: PeopleListFilter = { region, on: on ?? chinaDate(deps.clock()), ...filters };
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: peopleKind.sheetName,
        fileName: `人员名单-${region}.xlsx`,
        columns: [{ key: 'id', header: '系统编号' }, ...columnsOf(peopleKind.columns)],
        async fill(tx, add) {
          await pageByPage(
            PAGE,
            (after: PeopleCursor | undefined) =>
              peoplePageQuery(tx, { ...filter, after }, { limit: PAGE }).execute(),
            (row) => ({ regionCode: row.region_code, id: row.id }),
            (rows) => {
              for (const row of rows) {
                const idNumber = openIdNumber(deps.keys, row.id_number_cipher, row.id_number_key_id);
                add({
                  id: row.id,
                  name: row.name,
                  idNumber: idNumber === null ? null : showIds ? idNumber : maskIdNumber(idNumber),
                  sex: peopleLabel('sex', row.sex),
                  birthDate: row.birth_date,
                  regionCode: row.region_code,
                  registeredRegionCode: row.registered_region_code,
                  address: row.address,
                  livingSituation: peopleLabel('livingSituation', row.living_situation),
                  capabilityLevel: peopleLabel('capabilityLevel', row.capability_level),
                  capabilityAssessedOn: row.capability_assessed_on,
                });
              }
            },
          );
          return {
            entity: 'person',
            regionCode: region,
            // Which filters were used, never their values: a name filter is personal data.
            detail: { full: showIds, filters: Object.keys(filters), on: filter.on },
          };
        },
      });
    },
  );

  api.get(
    '/export/population-figures.xlsx',
    {
      config: exportAccess('government', 'population'),
      schema: {
        tags: ['export'],
        summary: "A region's population figures (optionally with its children's), as xlsx",
        querystring: z.object({
          region: RegionCode,
          year: z.coerce.number().int().min(1949).max(2100).optional(),
          basis: z.enum(POPULATION_BASES).optional(),
          children: z.enum(['true', 'false']).optional(),
        }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { region, year, basis, children } = request.query;
      assertInScope(request.principal!, 'population.read', region);
      if (!(await findRegion(deps.db, region))) throw notFound('Region', '行政区划');
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: populationKind.sheetName,
        fileName: `人口统计-${region}.xlsx`,
        columns: columnsOf(populationKind.columns),
        async fill(tx, add) {
          const codes =
            children === 'true' ? [region, ...(await liveChildren(tx, [region])).get(region)!] : [region];
          for (const figure of await figuresOfRegions(tx, codes, { year, basis })) {
            add({
              regionCode: figure.regionCode,
              year: figure.year,
              basis: populationLabel('basis', figure.basis),
              sex: populationLabel('sex', figure.sex),
              ageFrom: figure.ageFrom,
              ageTo: figure.ageTo,
              count: figure.count,
              source: populationLabel('source', figure.source),
              note: figure.note,
            });
          }
          return { entity: 'population_figure', regionCode: region, detail: { year, basis, children } };
        },
      });
    },
  );
}
