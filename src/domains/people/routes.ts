import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { assertInScope } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, invalidInput, notFound, type FieldError } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { auditPersonReads } from './audit.ts';
import { conditionRoutes } from './condition-routes.ts';
import { duplicateRoutes } from './duplicate-routes.ts';
import { familyRoutes } from './family-routes.ts';
import { householdRoutes } from './household-routes.ts';
import { idNumberHash, openIdNumber, requireValidIdNumber, sealIdNumber } from './id-number-field.ts';
import { decodeCursor, encodeCursor, listPeople, personColumns } from './queries.ts';
import { relationshipRoutes } from './relationship-routes.ts';
import { personChanges } from './history.ts';
import { recordFieldChanges } from '../audit/field-history.ts';
import { personHistoryRoutes } from './history-routes.ts';
import { capabilityProblems, chinaDate } from './rules.ts';
import {
  CapabilityLevel,
  ConditionKind,
  IdParams,
  IsoDate,
  LivingSituation,
  Person,
  personInput,
  personPatch,
  personView,
} from './schemas.ts';
import { loadPersonDetail, PersonDetail } from './person-detail.ts';
import { personInScope, requireRegion } from './scope.ts';
import type { Tx } from '../../db/database.ts';

export const GOVERNMENT = ['government', 'system'] as const;

const Age = z.coerce.number().int().min(0).max(150);
const ListQuery = z.object({
  region: RegionCode,
  name: z.string().trim().min(1).max(100).optional(),
  condition: ConditionKind.optional(),
  on: IsoDate.optional(),
  livingSituation: LivingSituation.optional(),
  capabilityLevel: z.coerce.number().pipe(CapabilityLevel).optional(),
  ageFrom: Age.optional(),
  ageTo: Age.optional(),
  /** The `nextAfter` of the previous page. */
  after: z
    .string()
    .regex(/^\d{2,12}:\d{1,16}$/, 'a cursor as answered in nextAfter')
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A registered-place code must name a known region; the registered place may lie outside the caller's scope. */
async function registeredRegionProblems(tx: Tx, code: string | null | undefined): Promise<FieldError[]> {
  if (!code) return [];
  const found = await tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst();
  return found
    ? []
    : [fieldError('body.registeredRegionCode', '户籍地行政区划代码不存在', 'No region has this code')];
}

export function peopleRoutes(api: TypedApi, deps: AppDeps): void {
  const view = (row: Parameters<typeof personView>[1]) => personView(deps.keys, row);
  const PersonInput = personInput(deps.clock);
  const PersonPatch = personPatch(deps.clock);

  api.post(
    '/people',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['people'],
        summary:
          'Register a person (elder, child, guardian); the ID number is validated, encrypted and masked',
        body: PersonInput,
        response: { 201: Person, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const principal = request.principal!;
      const today = chinaDate(deps.clock());
      const created = await inTransaction(deps.db, async (tx) => {
        await requireRegion(tx, principal, input.regionCode, 'body.regionCode');
        let sex = input.sex;
        let birthDate = input.birthDate;
        let sealed = {};
        const problems = [
          ...capabilityProblems(input, today),
          ...(await registeredRegionProblems(tx, input.registeredRegionCode)),
        ];
        if (input.idNumber) {
          const parsed = requireValidIdNumber(input.idNumber, 'body.idNumber', deps.clock());
          if (sex && sex !== parsed.sex) {
            problems.push(fieldError('body.sex', '性别与身份证号码不符', 'Sex does not match the ID number'));
          }
          if (birthDate && birthDate !== parsed.birthDate) {
            problems.push(
              fieldError(
                'body.birthDate',
                '出生日期与身份证号码不符',
                'Birth date does not match the ID number',
              ),
            );
          }
          if (problems.length > 0) throw invalidInput(problems);
          const duplicate = await tx
            .selectFrom('person')
            .select('id')
            .where('id_number_hash', '=', idNumberHash(deps.keys, parsed.value))
            .executeTakeFirst();
          if (duplicate) {
            throw new AppError(409, 'duplicate_person', {
              'zh-CN': '该身份证号码已登记',
              'en-US': 'A person with this ID number is already registered',
            });
          }
          sex = parsed.sex;
          birthDate = parsed.birthDate;
          sealed = sealIdNumber(deps.keys, parsed.value);
        }
        if (!sex)
          problems.push(
            fieldError('body.sex', '请填写性别（或身份证号码）', 'Sex is required without an ID number'),
          );
        if (!birthDate) {
          problems.push(
            fieldError(
              'body.birthDate',
              '请填写出生日期（或身份证号码）',
              'Birth date is required without an ID number',
            ),
          );
        }
        if (problems.length > 0) throw invalidInput(problems);
        const row = await tx
          .insertInto('person')
          .values({
            region_code: input.regionCode,
            name: input.name,
            sex: sex!,
            birth_date: birthDate!,
            address: input.address ?? null,
            registered_region_code: input.registeredRegionCode ?? null,
            living_situation: input.livingSituation ?? null,
            capability_level: input.capabilityLevel ?? null,
            capability_assessed_on: input.capabilityAssessedOn ?? null,
            ...sealed,
          })
          .returning(personColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'person',
          entityId: row.id,
          regionCode: row.region_code,
          detail: {
            fields: Object.keys(input)
              .filter((key) => key !== 'idNumber')
              .concat(input.idNumber ? ['idNumber'] : []),
          },
        });
        return row;
      });
      return reply.status(201).send(view(created));
    },
  );

  api.get(
    '/people',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['people'],
        summary:
          'Persons in a region subtree, by region code then registration order, filtered by live condition, ' +
          'living situation, age band (completed years on `on`, default today), capability level or name; page by ' +
          '`after` (keyset, stays fast at any depth) or `page`',
        querystring: ListQuery,
        response: {
          200: z.object({
            people: z.array(Person),
            /** Exact up to 1,000; above that `totalIsExact` is false and total is a lower bound (show "1,000+"). */
            total: z.number().int(),
            totalIsExact: z.boolean(),
            /** Pass as `after` for the next page; null on the last page. */
            nextAfter: z.string().nullable(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region, page, pageSize, on, after, ...filters } = request.query;
      const principal = request.principal!;
      if (filters.ageFrom !== undefined && filters.ageTo !== undefined && filters.ageFrom > filters.ageTo) {
        throw invalidInput([
          fieldError('querystring.ageTo', '年龄上限不能小于下限', 'ageTo cannot be below ageFrom'),
        ]);
      }
      assertInScope(principal, 'people.read', region);
      return inTransaction(deps.db, async (tx) => {
        const result = await listPeople(
          tx,
          {
            region,
            on: on ?? chinaDate(deps.clock()),
            ...filters,
            after: after ? decodeCursor(after)! : undefined,
          },
          { limit: pageSize, offset: after === undefined ? (page - 1) * pageSize : 0 },
        );
        if (result.rows.length > 0) {
          await recordAudit(tx, actorOf(request), {
            action: 'read',
            entity: 'person',
            regionCode: region,
            detail: { list: true, personIds: result.rows.map((row) => row.id) },
          });
        }
        return {
          people: result.rows.map(view),
          total: result.total,
          totalIsExact: result.totalIsExact,
          nextAfter:
            result.rows.length === pageSize ? encodeCursor(result.rows[result.rows.length - 1]) : null,
        };
      });
    },
  );

  api.get(
    '/people/:id',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['people'],
        summary:
          'One person (ID number masked) with conditions and their history, households, relationships and consents',
        params: IdParams,
        response: { 200: PersonDetail, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const row = await personInScope(tx, principal, request.params.id, 'people.read');
        const { detail, shown } = await loadPersonDetail(
          tx,
          deps.keys,
          principal,
          row,
          chinaDate(deps.clock()),
        );
        await auditPersonReads(tx, actorOf(request), shown);
        return detail;
      }),
  );

  api.get(
    '/people/:id/id-number',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read_id_number' } },
      schema: {
        tags: ['people'],
        summary: 'The full ID number of a person (audited separately)',
        params: IdParams,
        response: { 200: z.object({ idNumber: z.string().nullable() }), ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await personInScope(tx, request.principal!, request.params.id, 'people.read_id_number');
        await recordAudit(tx, actorOf(request), {
          action: 'read',
          entity: 'person',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { fields: ['idNumber'] },
        });
        return { idNumber: openIdNumber(deps.keys, row.id_number_cipher, row.id_number_key_id) };
      }),
  );

  api.patch(
    '/people/:id',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['people'],
        summary:
          "Change a person's name, sex, birth date, address, region, registered place, living situation or " +
          'capability level (with its assessment date); null clears an optional field',
        params: IdParams,
        body: PersonPatch,
        response: { 200: Person, ...ErrorResponses },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const patch = request.body;
      const today = chinaDate(deps.clock());
      return inTransaction(deps.db, async (tx) => {
        const current = await personInScope(tx, principal, request.params.id, 'people.write');
        if (patch.regionCode) await requireRegion(tx, principal, patch.regionCode, 'body.regionCode');
        const problems = [
          ...capabilityProblems(patch, today),
          ...(await registeredRegionProblems(tx, patch.registeredRegionCode)),
        ];
        if (problems.length > 0) throw invalidInput(problems);
        const changes = {
          ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.sex !== undefined && { sex: patch.sex }),
          ...(patch.birthDate !== undefined && { birth_date: patch.birthDate }),
          ...(patch.address !== undefined && { address: patch.address }),
          ...(patch.registeredRegionCode !== undefined && {
            registered_region_code: patch.registeredRegionCode,
          }),
          ...(patch.livingSituation !== undefined && { living_situation: patch.livingSituation }),
          ...(patch.capabilityLevel !== undefined && { capability_level: patch.capabilityLevel }),
          ...(patch.capabilityAssessedOn !== undefined && {
            capability_assessed_on: patch.capabilityAssessedOn,
          }),
        };
        if (Object.keys(changes).length === 0) return view(current);
        const row = await tx
          .updateTable('person')
          .set({ ...changes, updated_at: deps.clock() })
          .where('region_code', '=', current.region_code)
          .where('id', '=', current.id)
          .returning(personColumns)
          .executeTakeFirstOrThrow();
        await recordFieldChanges(
          tx,
          actorOf(request),
          'person_change',
          row,
          deps.clock(),
          personChanges(current, row),
        );
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'person',
          entityId: row.id,
          regionCode: row.region_code,
          detail: {
            fields: Object.keys(patch),
            ...(patch.regionCode && { fromRegion: current.region_code }),
          },
        });
        return view(row);
      });
    },
  );

  api.post(
    '/people/find-by-id-number',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['people'],
        summary: 'Find a person by ID number (sent in the body, never in a URL)',
        body: z.object({ idNumber: z.string().trim().max(32) }),
        response: { 200: Person, ...ErrorResponses },
      },
    },
    async (request) => {
      const parsed = requireValidIdNumber(request.body.idNumber, 'body.idNumber', deps.clock());
      return inTransaction(deps.db, async (tx) => {
        const match = await tx
          .selectFrom('person')
          .select('id')
          .where('id_number_hash', '=', idNumberHash(deps.keys, parsed.value))
          .executeTakeFirst();
        if (!match) throw notFound('Person', '人员');
        const row = await personInScope(tx, request.principal!, match.id, 'people.read');
        await recordAudit(tx, actorOf(request), {
          action: 'read',
          entity: 'person',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { foundBy: 'idNumber' },
        });
        return view(row);
      });
    },
  );

  conditionRoutes(api, deps);
  householdRoutes(api, deps);
  relationshipRoutes(api, deps);
  familyRoutes(api, deps);
  duplicateRoutes(api, deps);
  personHistoryRoutes(api, deps);
}
