// Excel export of the household list: the list's filters and scope (householdPageQuery), the same fields the list
// shows (no member names), streamed page by page and audited with its row count.
import { z } from 'zod';
import { assertInScope } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { householdPageQuery, type HouseholdListFilter } from '../people/household-queries.ts';
import { chinaDate } from '../people/rules.ts';
import { IsoDate } from '../people/schemas.ts';
import { exportAccess } from './export-access.ts';
import { pageByPage, sendXlsx } from './export.ts';

const PAGE = 2000;

export function householdExportRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/export/households.xlsx',
    {
      config: exportAccess('government', 'households'),
      schema: {
        tags: ['export'],
        summary: 'The household list (same filters as GET /api/households, all pages) as xlsx',
        querystring: z.object({
          region: RegionCode,
          on: IsoDate.optional(),
          elderAndYoungChild: z.enum(['true', 'false']).optional(),
        }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { region, on, elderAndYoungChild } = request.query;
      assertInScope(request.principal!, 'people.read', region);
      const filter: HouseholdListFilter = {
        region,
        on: on ?? chinaDate(deps.clock()),
        elderAndYoungChild: elderAndYoungChild === 'true',
      };
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: '家庭户',
        fileName: `家庭户名单-${region}.xlsx`,
        columns: [
          { key: 'id', header: '系统编号' },
          { key: 'regionCode', header: '户所在区划代码' },
          { key: 'address', header: '户地址', width: 40 },
          { key: 'members', header: `成员数（${filter.on}）` },
          { key: 'elders', header: '60岁及以上老年人' },
          { key: 'children', header: '3岁以下婴幼儿' },
          { key: 'both', header: '一老一小同住' },
        ],
        async fill(tx, add) {
          await pageByPage(
            PAGE,
            (after: number | undefined) =>
              householdPageQuery(tx, { ...filter, after })
                .limit(PAGE)
                .execute(),
            (row) => row.id,
            (rows) => {
              for (const row of rows) {
                add({
                  id: row.id,
                  regionCode: row.region_code,
                  address: row.address,
                  members: row.member_count,
                  elders: row.elder_count,
                  children: row.young_child_count,
                  both: row.elder_count > 0 && row.young_child_count > 0 ? '是' : '否',
                });
              }
            },
          );
          return {
            entity: 'household',
            regionCode: region,
            detail: { on: filter.on, elderAndYoungChild: filter.elderAndYoungChild },
          };
        },
      });
    },
  );
}
