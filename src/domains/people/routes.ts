import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { assertInScope, regionScope, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { maskIdNumber } from '../../shared/id-number.ts';
import { recordAudit } from '../audit/record.ts';
import { findRegion } from '../regions/queries.ts';
import { idNumberHash, openIdNumber, requireValidIdNumber, sealIdNumber } from './id-number-field.ts';

const GOVERNMENT = ['government', 'system'] as const;
const IsoDate = z.iso.date();

const PersonInput = z.object({
  regionCode: RegionCode,
  name: z.string().trim().min(1).max(100),
  sex: z.enum(['male', 'female']).optional(),
  birthDate: IsoDate.optional(),
  idNumber: z.string().trim().max(32).optional(),
  address: z.string().trim().max(300).optional(),
});
const PersonPatch = PersonInput.omit({ idNumber: true }).partial();

const Person = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  idNumberMasked: z.string().nullable(),
  address: z.string().nullable(),
});
type PersonView = z.infer<typeof Person>;
const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

const personColumns = [
  'id',
  'region_code',
  'name',
  'sex',
  'birth_date',
  'id_number_cipher',
  'id_number_key_id',
  'address',
] as const;

export function peopleRoutes(api: TypedApi, deps: AppDeps): void {
  type Row = {
    id: number;
    region_code: string;
    name: string;
    sex: 'male' | 'female';
    birth_date: string;
    id_number_cipher: Buffer | null;
    id_number_key_id: string | null;
    address: string | null;
  };
  const view = (row: Row): PersonView => {
    const idNumber = openIdNumber(deps.keys, row.id_number_cipher, row.id_number_key_id);
    return {
      id: row.id,
      regionCode: row.region_code,
      name: row.name,
      sex: row.sex,
      birthDate: row.birth_date,
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      address: row.address,
    };
  };

  /** A person the principal may act on, or 404: out-of-scope records are indistinguishable from absent ones. */
  async function personInScope(
    tx: Tx,
    principal: Principal,
    id: number,
    permission: 'people.read' | 'people.write' | 'people.read_id_number',
  ) {
    const row = await tx.selectFrom('person').select(personColumns).where('id', '=', id).executeTakeFirst();
    const scope = regionScope(principal, permission);
    if (!row || (scope !== null && !scope.some((prefix) => row.region_code.startsWith(prefix)))) {
      throw notFound('Person', '人员');
    }
    return row;
  }

  async function requireRegion(tx: Tx, principal: Principal, code: string, path: string) {
    const region = await findRegion(tx, code);
    if (!region) throw invalidInput([fieldError(path, '行政区划代码不存在', 'No region has this code')]);
    assertInScope(principal, 'people.write', code);
    return region;
  }

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
      const created = await inTransaction(deps.db, async (tx) => {
        await requireRegion(tx, principal, input.regionCode, 'body.regionCode');
        let sex = input.sex;
        let birthDate = input.birthDate;
        let sealed = {};
        if (input.idNumber) {
          const parsed = requireValidIdNumber(input.idNumber, 'body.idNumber', deps.clock());
          const problems = [];
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
        const missing = [];
        if (!sex)
          missing.push(
            fieldError('body.sex', '请填写性别（或身份证号码）', 'Sex is required without an ID number'),
          );
        if (!birthDate) {
          missing.push(
            fieldError(
              'body.birthDate',
              '请填写出生日期（或身份证号码）',
              'Birth date is required without an ID number',
            ),
          );
        }
        if (missing.length > 0) throw invalidInput(missing);
        const row = await tx
          .insertInto('person')
          .values({
            region_code: input.regionCode,
            name: input.name,
            sex: sex!,
            birth_date: birthDate!,
            address: input.address ?? null,
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
        summary: 'Persons in a region subtree, newest first, with masked ID numbers',
        querystring: z.object({
          region: RegionCode,
          name: z.string().trim().min(1).max(100).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ people: z.array(Person), total: z.number().int() }), ...ErrorResponses },
      },
    },
    async (request) => {
      const { region, name, page, pageSize } = request.query;
      const principal = request.principal!;
      assertInScope(principal, 'people.read', region);
      return inTransaction(deps.db, async (tx) => {
        let query = tx.selectFrom('person').where('region_code', 'like', `${region}%`);
        if (name) query = query.where('name', 'like', `%${name.replace(/[\\%_]/g, '\\$&')}%`);
        const rows = await query
          .select(personColumns)
          .orderBy('id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
        const { total } = await query
          .select(sql<number>`count(*)::int`.as('total'))
          .executeTakeFirstOrThrow();
        if (rows.length > 0) {
          await recordAudit(tx, actorOf(request), {
            action: 'read',
            entity: 'person',
            regionCode: region,
            detail: { list: true, personIds: rows.map((row) => row.id) },
          });
        }
        return { people: rows.map(view), total };
      });
    },
  );

  api.get(
    '/people/:id',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['people'],
        summary: 'One person, ID number masked',
        params: IdParams,
        response: { 200: Person, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await personInScope(tx, request.principal!, request.params.id, 'people.read');
        await recordAudit(tx, actorOf(request), {
          action: 'read',
          entity: 'person',
          entityId: row.id,
          regionCode: row.region_code,
        });
        return view(row);
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
        summary: "Change a person's name, sex, birth date, address or region",
        params: IdParams,
        body: PersonPatch,
        response: { 200: Person, ...ErrorResponses },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const patch = request.body;
      return inTransaction(deps.db, async (tx) => {
        const current = await personInScope(tx, principal, request.params.id, 'people.write');
        if (patch.regionCode) await requireRegion(tx, principal, patch.regionCode, 'body.regionCode');
        const changes = {
          ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.sex !== undefined && { sex: patch.sex }),
          ...(patch.birthDate !== undefined && { birth_date: patch.birthDate }),
          ...(patch.address !== undefined && { address: patch.address }),
        };
        if (Object.keys(changes).length === 0) return view(current);
        const row = await tx
          .updateTable('person')
          .set({ ...changes, updated_at: deps.clock() })
          .where('region_code', '=', current.region_code)
          .where('id', '=', current.id)
          .returning(personColumns)
          .executeTakeFirstOrThrow();
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
}
