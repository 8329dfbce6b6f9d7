// Kinds whose rows name a facility by its operating organisation's credit code and its name (capacity, staff): how
// a staged row finds its facility, and the checks that it exists, is unambiguous and lies in the uploader's scope.
import { sql, type RawBuilder } from 'kysely';
import { insideRegions, type Check } from '../checks.ts';
import type { EnumOption } from '../columns.ts';
import type { IntakeScope } from '../kind.ts';

export const YES_NO_OPTIONS: EnumOption[] = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

/** Joins organisation `o` and facility `f` to the staged row `alias` (columns organisation_uscc, facility_name). */
export function facilityOf(alias: string): RawBuilder<unknown> {
  const row = sql.table(alias);
  return sql`JOIN organisation o ON o.uscc = ${row}.organisation_uscc
    JOIN facility f ON f.organisation_id = o.id AND f.name = ${row}.facility_name`;
}

/** Whether facility `f` lies where the uploader writes: a department's domain and subtree, or own organisations. */
export function facilityWritable(scope: IntakeScope): RawBuilder<boolean> {
  if (scope.organisations !== null) {
    return sql<boolean>`(f.organisation_id = ANY (${scope.organisations}::bigint[]))`;
  }
  if (scope.domains === undefined) return insideRegions(sql`f.region_code`, scope.regions);
  if (scope.domains === null) return sql<boolean>`true`;
  const domains = scope.domains.map((entry) => entry.domain);
  const prefixes = scope.domains.map((entry) => `${entry.regionCode}%`);
  return sql<boolean>`EXISTS (SELECT 1 FROM unnest(${domains}::text[], ${prefixes}::text[]) AS d(domain, pattern)
    WHERE f.domain = d.domain AND f.region_code LIKE d.pattern)`;
}

/** Rows naming no facility, several, or one outside the uploader's scope (rows without a facility name pass). */
export function facilityInScope(scope: IntakeScope, ownOnly: string): Check[] {
  return [
    sql`
      SELECT s.row_no, '未找到统一社会信用代码为 ' || s.organisation_uscc || ' 的机构名下名为「' || s.facility_name
                       || '」的设施，请先登记该设施'
      FROM intake_staging s
      WHERE s.facility_name IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM organisation o JOIN facility f ON f.organisation_id = o.id
        WHERE o.uscc = s.organisation_uscc AND f.name = s.facility_name)`,
    sql`
      SELECT s.row_no, '该机构已有多个同名设施，无法确定是哪一个，请在系统中处理'
      FROM intake_staging s ${facilityOf('s')} GROUP BY s.row_no HAVING count(*) > 1`,
    sql`
      SELECT s.row_no, ${scope.organisations !== null ? ownOnly : '该设施不在您管辖的地区或服务领域内，须由其主管部门办理'}
      FROM intake_staging s ${facilityOf('s')}
      WHERE NOT ${facilityWritable(scope)}`,
  ];
}
