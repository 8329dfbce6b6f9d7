// Tables of the intake domain (see migrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the domain gains tables
export interface IntakeTables {}
