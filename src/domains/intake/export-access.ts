// Who may export: government users by region (each route checks its region), provider users only the organisations
// whose role lets them export (a provider_staff role of another organisation reads but does not export).
import { rolePermissions, type Principal, type RouteAccess } from '../../server/access.ts';
import { forbidden } from '../../server/errors.ts';

export const GOVERNMENT_EXPORT: { access: RouteAccess } = {
  access: { principals: ['government', 'system'], permission: 'export.run' },
};

export const PROVIDER_EXPORT: { access: RouteAccess } = {
  access: { principals: ['provider'], permission: 'export.run' },
};

/** The organisations a provider principal may export, or 403 when none. */
export function exportingOrganisations(principal: Principal): number[] {
  const ids = principal.roles.flatMap((role) =>
    role.organisationId !== null && rolePermissions(role).includes('export.run') ? [role.organisationId] : [],
  );
  if (ids.length === 0) throw forbidden();
  return [...new Set(ids)];
}
