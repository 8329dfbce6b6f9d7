// Who may export: whoever may read the list (export-lists.ts). Each export route declares the list's read permission
// and then limits itself as the list does: government users by region (each route checks its region) and domain,
// provider users to the organisations whose role grants that permission.
import {
  organisationsHolding,
  type Permission,
  type Principal,
  type RouteAccess,
} from '../../server/access.ts';
import { forbidden } from '../../server/errors.ts';
import { EXPORT_PERMISSIONS, type ExportList, type ExportSide } from './export-lists.ts';

// The table is import-free for the console; here its entries are held to the server's permissions.
const PERMISSIONS_OF: { [S in ExportSide]: Record<ExportList<S>, Permission> } = EXPORT_PERMISSIONS;

const PRINCIPALS = {
  government: ['government', 'system'],
  provider: ['provider'],
} as const;

/** The route access of an export: the principal types of its side and the permission of the list it exports. */
export function exportAccess<S extends ExportSide>(side: S, list: ExportList<S>): { access: RouteAccess } {
  const permissions: Record<string, Permission> = PERMISSIONS_OF[side];
  return { access: { principals: PRINCIPALS[side], permission: permissions[list as string] } };
}

/** The organisations a provider principal may export a list of (its roles granting the list's permission), or 403. */
export function exportingOrganisations(principal: Principal, list: ExportList<'provider'>): number[] {
  const ids = organisationsHolding(principal, PERMISSIONS_OF.provider[list]);
  if (ids.length === 0) throw forbidden();
  return ids;
}
