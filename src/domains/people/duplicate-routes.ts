import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { assertInScope } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { auditPersonReads } from './audit.ts';
import { idNumberHash, requireValidIdNumber } from './id-number-field.ts';
import { personColumns, subtree, type PersonRow } from './queries.ts';
import { IsoDate, Person, personView } from './schemas.ts';
import { requireRegion, visibleTo } from './scope.ts';

const GOVERNMENT = ['government', 'system'] as const;
const Reason = z.enum(['id_number', 'name_birth_date_address']);

export function duplicateRoutes(api: TypedApi, deps: AppDeps): void {
  const view = (row: PersonRow) => personView(deps.keys, row);

  api.post(
    '/people/duplicates/check',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['people'],
        summary:
          'Before registering someone: persons already recorded with the same ID number, or the same name, birth ' +
          'date and address (compared ignoring spacing, punctuation, full-width digits and a leading province/city)',
        body: z.object({
          regionCode: RegionCode,
          name: z.string().trim().min(1).max(100),
          birthDate: IsoDate,
          address: z.string().trim().max(300).optional(),
          idNumber: z.string().trim().max(32).optional(),
        }),
        response: {
          200: z.object({
            matches: z.array(z.object({ person: Person, reasons: z.array(Reason) })),
            /** Matches recorded outside your scope: their existence only, so that you can ask before registering. */
            outsideScope: z.number().int(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const input = request.body;
      const principal = request.principal!;
      const hash = input.idNumber
        ? idNumberHash(deps.keys, requireValidIdNumber(input.idNumber, 'body.idNumber', deps.clock()).value)
        : null;
      return inTransaction(deps.db, async (tx) => {
        await requireRegion(tx, principal, input.regionCode, 'body.regionCode', 'people.read');
        const sameKey = sql<boolean>`(person.name = ${input.name} AND person.birth_date = ${input.birthDate}
          AND person.address_key = person_address_key(${input.address ?? null}::text))`;
        const rows = await tx
          .selectFrom('person')
          .select([
            ...personColumns,
            sql<boolean>`coalesce(person.id_number_hash = ${hash}, false)`.as('same_id_number'),
            sql<boolean>`coalesce(${sameKey}, false)`.as('same_key'),
          ])
          .where((eb) =>
            eb.or([...(hash ? [eb('person.id_number_hash', '=', hash)] : []), eb(sameKey, '=', true)]),
          )
          .orderBy('person.id')
          .limit(50)
          .execute();
        const visible = visibleTo(principal, 'people.read');
        const shown = rows.filter((row) => visible(row.region_code));
        await auditPersonReads(tx, actorOf(request), shown, { duplicateCheck: true });
        return {
          matches: shown.map((row) => ({
            person: view(row),
            reasons: [
              ...(row.same_id_number ? (['id_number'] as const) : []),
              ...(row.same_key ? (['name_birth_date_address'] as const) : []),
            ],
          })),
          outsideScope: rows.length - shown.length,
        };
      });
    },
  );

  api.get(
    '/people/duplicates',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['people'],
        summary:
          'Likely duplicate pairs in a region subtree: two records with the same name, birth date and normalised ' +
          'address (one ID number can be recorded only once)',
        querystring: z.object({
          region: RegionCode,
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: {
          200: z.object({
            pairs: z.array(z.object({ first: Person, second: Person, reasons: z.array(Reason) })),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region, limit, offset } = request.query;
      assertInScope(request.principal!, 'people.read', region);
      return inTransaction(deps.db, async (tx) => {
        const pairs = await tx
          .selectFrom('person as a')
          .innerJoin('person as b', (join) =>
            join
              .onRef('b.name', '=', 'a.name')
              .onRef('b.birth_date', '=', 'a.birth_date')
              .onRef('b.address_key', '=', 'a.address_key')
              .onRef('b.id', '>', 'a.id'),
          )
          .select(['a.id as first', 'b.id as second'])
          .where('a.region_code', 'like', subtree(region))
          .where('b.region_code', 'like', subtree(region))
          .where('a.address_key', 'is not', null)
          .orderBy('a.id', 'desc')
          .orderBy('b.id')
          .limit(limit)
          .offset(offset)
          .execute();
        const ids = [...new Set(pairs.flatMap((p) => [p.first, p.second]))];
        const persons =
          ids.length === 0
            ? []
            : await tx.selectFrom('person').select(personColumns).where('person.id', 'in', ids).execute();
        const byId = new Map(persons.map((p) => [p.id, p]));
        if (ids.length > 0) {
          await recordAudit(tx, actorOf(request), {
            action: 'read',
            entity: 'person',
            regionCode: region,
            detail: { duplicates: true, personIds: ids },
          });
        }
        return {
          pairs: pairs.map((p) => ({
            first: view(byId.get(p.first)!),
            second: view(byId.get(p.second)!),
            reasons: ['name_birth_date_address' as const],
          })),
        };
      });
    },
  );
}
