// Tables of the filing domain (see migrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the domain gains tables
export interface FilingTables {}
