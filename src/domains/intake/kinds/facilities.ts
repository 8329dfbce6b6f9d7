// 设施信息: the facilities organisations run. Natural key: the operating organisation (by its credit code) and the
// facility's name. Provider users upload only their own organisations' facilities.
import { sql } from 'kysely';
import { FACILITY_TYPES, facilityDomain, type FacilityType } from '../../providers/facility-types.ts';
import { coordinateProblems } from '../../providers/rules.ts';
import {
  countByRegion,
  insideRegions,
  mergeCounts,
  regionInForce,
  repeatedInFile,
  type Check,
} from '../checks.ts';
import type { Column, EnumOption } from '../columns.ts';
import type { IntakeKind } from '../kind.ts';
import { OWNERSHIP_OPTIONS } from './organisations.ts';

const FACILITY_TYPE_LABELS: Record<FacilityType, string> = {
  care_home: '养老机构',
  township_care_home: '敬老院（特困供养机构）',
  community_elderly_centre: '社区养老服务中心（站）',
  day_care_centre: '日间照料中心',
  meal_point: '助餐点（老年食堂）',
  rural_mutual_aid_home: '农村幸福院（互助养老点）',
  medical_care_institution: '医养结合机构',
  childcare_institution: '托育机构',
  kindergarten_toddler_class: '幼儿园托班',
  community_childcare_point: '社区托育点',
  home_childcare_point: '家庭托育点',
};
export const FACILITY_TYPE_OPTIONS: EnumOption[] = FACILITY_TYPES.map((value) => ({
  value,
  label: FACILITY_TYPE_LABELS[value],
}));

const FOUNDING = '1949-10-01';

const columns: Column[] = [
  {
    key: 'organisationUscc',
    header: '运营机构统一社会信用代码',
    type: 'uscc',
    required: true,
    note: '运营机构须已登记（可先导入机构信息）',
  },
  { key: 'name', header: '设施名称', type: 'text', maxLength: 200, required: true },
  { key: 'facilityType', header: '设施类型', type: 'enum', options: FACILITY_TYPE_OPTIONS, required: true },
  { key: 'regionCode', header: '所在区划代码', type: 'regionCode', required: true },
  { key: 'ownership', header: '运营性质', type: 'enum', options: OWNERSHIP_OPTIONS, required: true },
  { key: 'address', header: '地址', type: 'text', maxLength: 300, required: true },
  { key: 'longitude', header: '经度', type: 'decimal', min: -180, max: 180, scale: 6, required: false },
  { key: 'latitude', header: '纬度', type: 'decimal', min: -90, max: 90, scale: 6, required: false },
  { key: 'openedOn', header: '开业日期', type: 'date', required: false },
];

/** Facilities matched by organisation and name; the SQL every check and the apply step share. */
const MATCH = sql`facility f JOIN organisation o ON o.id = f.organisation_id
  JOIN intake_staging s ON o.uscc = s.organisation_uscc AND f.name = s.name`;

export const facilitiesKind: IntakeKind = {
  key: 'facilities',
  title: '设施信息',
  sheetName: '设施信息',
  entity: 'facility',
  permission: 'providers.write',
  providerPermission: 'providers.own',
  principals: ['government', 'system', 'provider'],
  columns,
  instructions: [
    '每行一个设施。同一运营机构下同名的设施按本表更新，其余新增登记。',
    '机构用户只能导入本机构的设施。留空的选填项不会清除系统中已有的信息。',
  ],
  placeOf: (row) => ({
    regionCode: row.regionCode as string,
    domain: facilityDomain(row.facilityType as FacilityType),
  }),
  validate(row, ctx) {
    const problems = coordinateProblems(row.longitude as number | null, row.latitude as number | null).map(
      (problem) => `${problem.message['zh-CN']}`,
    );
    const openedOn = row.openedOn as string | null;
    if (openedOn !== null && (openedOn < FOUNDING || openedOn > ctx.today)) {
      problems.push('「开业日期」不可能：不能早于1949-10-01，也不能晚于今天');
    }
    return problems;
  },
  staging: [
    { name: 'organisation_uscc', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'facility_type', type: 'text' },
    { name: 'region_code', type: 'text' },
    { name: 'ownership', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'longitude', type: 'double precision' },
    { name: 'latitude', type: 'double precision' },
    { name: 'opened_on', type: 'date' },
  ],
  stage: (row) => [
    row.organisationUscc,
    row.name,
    row.facilityType,
    row.regionCode,
    row.ownership,
    row.address,
    row.longitude,
    row.latitude,
    row.openedOn,
  ],
  checks(ctx) {
    const checks: Check[] = [
      regionInForce('region_code', '所在区划代码', ctx.today),
      repeatedInFile(['organisation_uscc', 'name'], '运营机构和设施名称相同'),
      sql`
        SELECT s.row_no, '未找到统一社会信用代码为 ' || s.organisation_uscc || ' 的机构，请先登记该机构'
        FROM intake_staging s WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.uscc = s.organisation_uscc)`,
      sql`
        SELECT s.row_no, '该机构已有多个同名设施，无法确定更新哪一个，请在系统中处理'
        FROM ${MATCH} GROUP BY s.row_no HAVING count(*) > 1`,
    ];
    if (ctx.scope.organisations !== null) {
      checks.push(sql`
        SELECT s.row_no, '只能导入本机构的设施'
        FROM intake_staging s JOIN organisation o ON o.uscc = s.organisation_uscc
        WHERE NOT (o.id = ANY (${ctx.scope.organisations}::bigint[]))`);
    } else {
      checks.push(sql`
        SELECT s.row_no, '该设施已登记在您管辖范围以外的地区，须由该地区办理'
        FROM ${MATCH} WHERE NOT ${insideRegions(sql`f.region_code`, ctx.scope.regions)}`);
    }
    return checks;
  },
  async apply(tx) {
    const next = sql`(s.facility_type, s.region_code, s.ownership, s.address, coalesce(s.longitude, f.longitude),
      coalesce(s.latitude, f.latitude), coalesce(s.opened_on, f.opened_on))`;
    const updated = await countByRegion(sql`
      UPDATE facility f
      SET (facility_type, region_code, ownership, address, longitude, latitude, opened_on) = ${next},
          updated_at = now()
      FROM intake_staging s JOIN organisation o ON o.uscc = s.organisation_uscc
      WHERE f.organisation_id = o.id AND f.name = s.name
        AND (f.facility_type, f.region_code, f.ownership, f.address, f.longitude, f.latitude, f.opened_on)
            IS DISTINCT FROM ${next}
      RETURNING f.region_code`).execute(tx);
    const created = await countByRegion(sql`
      INSERT INTO facility (organisation_id, name, facility_type, region_code, ownership, address, longitude,
                            latitude, opened_on)
      SELECT o.id, s.name, s.facility_type, s.region_code, s.ownership, s.address, s.longitude, s.latitude,
             s.opened_on
      FROM intake_staging s JOIN organisation o ON o.uscc = s.organisation_uscc
      WHERE NOT EXISTS (SELECT 1 FROM facility f WHERE f.organisation_id = o.id AND f.name = s.name)
      RETURNING region_code`).execute(tx);
    return mergeCounts(created.rows, updated.rows);
  },
};
