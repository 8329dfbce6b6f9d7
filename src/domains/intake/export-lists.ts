// Who may export which list: whoever may read the list (issue 3: every list a user can see exports to Excel), so each
// export needs the permission of the list it exports, on the side (government or provider) the list is on. The
// routes declare their access from this table (export-access.ts) and the console shows its Export buttons by it
// (web/src), so it imports nothing: the permissions are checked against the server's list in export-access.ts.
export const EXPORT_PERMISSIONS = {
  government: {
    people: 'people.read',
    households: 'people.read',
    population: 'population.read',
    organisations: 'providers.read',
    facilities: 'providers.read',
    /** A facility's capacity history, and every facility's capacity on a date. */
    capacity: 'providers.read',
    staff: 'staff.read',
    filings: 'filing.review',
  },
  provider: {
    facilities: 'providers.own',
    capacity: 'providers.own',
    staff: 'providers.own',
    filings: 'filing.submit',
  },
} as const;

export type ExportSide = keyof typeof EXPORT_PERMISSIONS;
export type ExportList<S extends ExportSide> = keyof (typeof EXPORT_PERMISSIONS)[S];

/**
 * Whether a principal holding these permissions (as GET /api/me lists them) may export the list; the route still
 * limits the rows to the caller's region, domain or organisations, as the list does.
 */
export function mayExport<S extends ExportSide>(
  permissions: readonly string[],
  side: S,
  list: ExportList<S>,
): boolean {
  const table: Record<string, string> = EXPORT_PERMISSIONS[side];
  return permissions.includes(table[list as string]);
}
