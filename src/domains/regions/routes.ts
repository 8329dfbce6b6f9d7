import { z } from 'zod';
import { regionScope, inScope, type Principal } from '../../server/access.ts';
import type { AppDeps } from '../../server/app.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { ancestorsOf, childrenOf, descendantCounts, findRegion, regionsWithChildCounts } from './queries.ts';
import { rootsOf } from './scope.ts';

const Level = z.enum(['province', 'city', 'county', 'township', 'village']);
const RegionNode = z.object({
  code: z.string(),
  name: z.string(),
  level: Level,
  townshipType: z.enum(['street', 'town', 'township', 'other']).nullable(),
  childCount: z.number().int(),
});
const Counts = z.object({
  city: z.number().int(),
  county: z.number().int(),
  township: z.number().int(),
  village: z.number().int(),
});
const CodeParams = z.object({ code: RegionCode });
const ANY = ['government', 'provider', 'family', 'system'] as const;

/** Government staff see their own subtree; everyone else may browse what the deployment serves. */
function readableRoots(principal: Principal, deps: AppDeps): string[] | null {
  return principal.principalType === 'government'
    ? regionScope(principal, 'regions.read')
    : deps.servedRegions;
}

export function regionRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/regions/roots',
    {
      config: { access: { principals: ANY, permission: 'regions.read' } },
      schema: {
        tags: ['regions'],
        summary: "The top regions of the caller's scope",
        response: { 200: z.object({ regions: z.array(RegionNode) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const roots = readableRoots(request.principal!, deps) ?? deps.servedRegions;
      return { regions: await regionsWithChildCounts(deps.db, rootsOf(roots)) };
    },
  );

  api.get(
    '/regions/:code/children',
    {
      config: { access: { principals: ANY, permission: 'regions.read' } },
      schema: {
        tags: ['regions'],
        summary: 'The direct children of a region',
        params: CodeParams,
        response: { 200: z.object({ regions: z.array(RegionNode) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const region = await findRegion(deps.db, request.params.code);
      if (!region) throw notFound('Region', '行政区划');
      if (!inScope(readableRoots(request.principal!, deps), region.code)) throw forbidden();
      return { regions: await childrenOf(deps.db, region.code) };
    },
  );

  api.get(
    '/regions/:code/summary',
    {
      config: { access: { principals: ANY, permission: 'regions.read' } },
      schema: {
        tags: ['regions'],
        summary: 'A region, its ancestors, its descendants counted per level and its children',
        params: CodeParams,
        response: {
          200: z.object({
            region: z.object({
              code: z.string(),
              name: z.string(),
              level: Level,
              validFrom: z.string(),
              validTo: z.string().nullable(),
              path: z.array(z.object({ code: z.string(), name: z.string(), level: Level })),
            }),
            countsByLevel: Counts,
            children: z.array(
              RegionNode.extend({
                countsByLevel: Counts.omit({ city: true }),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const region = await findRegion(deps.db, request.params.code);
      if (!region) throw notFound('Region', '行政区划');
      if (!inScope(readableRoots(request.principal!, deps), region.code)) throw forbidden();
      const children = await childrenOf(deps.db, region.code);
      const childPaths = children.map((child) => `${region.path}.${child.code}`);
      const counts = await descendantCounts(deps.db, [region.path, ...childPaths]);
      const own = counts.get(region.path)!;
      return {
        region: {
          code: region.code,
          name: region.name,
          level: region.level,
          validFrom: region.valid_from,
          validTo: region.valid_to,
          path: await ancestorsOf(deps.db, region.path),
        },
        countsByLevel: { city: own.city, county: own.county, township: own.township, village: own.village },
        children: children.map((child, index) => {
          const c = counts.get(childPaths[index])!;
          return { ...child, countsByLevel: { county: c.county, township: c.township, village: c.village } };
        }),
      };
    },
  );
}
