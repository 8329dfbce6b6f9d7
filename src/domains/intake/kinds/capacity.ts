// 床位托位: a facility's capacity, status and grade from a date on, as periods of its capacity history
// (migrations/0009). Natural key: the facility (operating organisation's credit code and facility name) and the date
// the figures start. A row is the whole period: a new start closes the facility's open period the day before and
// runs until the next recorded start; a start already recorded corrects that period in place.
import { sql } from 'kysely';
import {
  MEDICAL_INTEGRATIONS,
  OPERATING_STATUSES,
  type MedicalIntegration,
  type OperatingStatus,
} from '../../providers/facility-types.ts';
import { countByRegion, mergeCounts, repeatedInFile, type Check } from '../checks.ts';
import type { Column, EnumOption } from '../columns.ts';
import type { IntakeKind, RowValues } from '../kind.ts';
import { facilityInScope, facilityOf, YES_NO_OPTIONS } from './facility-match.ts';

const STATUS_LABELS: Record<OperatingStatus, string> = {
  preparing: '筹建中',
  operating: '运营中',
  suspended: '暂停运营',
  closed: '已关闭',
};
const MEDICAL_LABELS: Record<MedicalIntegration, string> = {
  none: '无',
  signed_agreement: '签约医疗机构',
  nursing_station: '内设护理站',
  internal_clinic: '内设医务室/诊所',
  hospital: '内设医院',
};
const GRADE_OPTIONS: EnumOption[] = [1, 2, 3, 4, 5].map((grade) => ({
  value: String(grade),
  label: `${grade}级`,
}));

const FOUNDING = '1949-10-01';

const count = (key: string, header: string, max: number, note?: string): Column => ({
  key,
  header,
  type: 'int',
  min: 0,
  max,
  required: false,
  ...(note !== undefined && { note }),
});

const BEDS = [
  count('bedsTotal', '床位总数', 100_000, '养老服务设施填写；托育服务设施留空'),
  count('bedsNursing', '护理型床位', 100_000, '包含在床位总数内'),
  count('bedsDementia', '认知障碍照护床位', 100_000, '包含在床位总数内'),
  count('bedsInclusive', '普惠性床位', 100_000, '包含在床位总数内'),
];
const PLACES = [
  count('placesInfant', '乳儿班托位', 10_000, '6–12个月；托育服务设施填写，养老服务设施留空'),
  count('placesYoungToddler', '托小班托位', 10_000, '12–24个月'),
  count('placesOlderToddler', '托大班托位', 10_000, '24–36个月'),
  count('placesMixed', '混龄班托位', 10_000, '18个月以上混龄'),
  count('placesInclusive', '普惠性托位', 10_000, '包含在以上各班托位之和内'),
];

const columns: Column[] = [
  {
    key: 'organisationUscc',
    header: '运营机构统一社会信用代码',
    type: 'uscc',
    required: true,
    note: '设施须已登记（可先导入机构信息、设施信息）',
  },
  { key: 'facilityName', header: '设施名称', type: 'text', maxLength: 200, required: true },
  {
    key: 'validFrom',
    header: '起始日期',
    type: 'date',
    required: true,
    note: '本行数据自该日起适用；该设施此前的记录在前一天结束',
  },
  {
    key: 'operatingStatus',
    header: '运营状态',
    type: 'enum',
    options: OPERATING_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
    required: true,
  },
  ...BEDS,
  ...PLACES,
  {
    key: 'inclusive',
    header: '普惠性',
    type: 'enum',
    options: YES_NO_OPTIONS,
    required: false,
    note: '是否为普惠性机构；留空按“否”',
  },
  {
    key: 'floorArea',
    header: '建筑面积（平方米）',
    type: 'decimal',
    min: 0.1,
    max: 1_000_000,
    scale: 1,
    required: false,
  },
  { key: 'grade', header: '等级', type: 'enum', options: GRADE_OPTIONS, required: false },
  {
    key: 'medicalIntegration',
    header: '医养结合',
    type: 'enum',
    options: MEDICAL_INTEGRATIONS.map((value) => ({ value, label: MEDICAL_LABELS[value] })),
    required: false,
    note: '留空按“无”',
  },
  { key: 'note', header: '备注', type: 'text', maxLength: 500, required: false },
];

const figure = (row: RowValues, key: string) => (row[key] as number | null) ?? 0;

/** Reasons a capacity row contradicts itself, whatever facility it names; pure. */
export function capacityRowProblems(row: RowValues, today: string): string[] {
  const problems: string[] = [];
  const validFrom = row.validFrom as string;
  if (validFrom < FOUNDING || validFrom > today) {
    problems.push('「起始日期」不可能：不能早于1949-10-01，也不能晚于今天');
  }
  const total = figure(row, 'bedsTotal');
  for (const column of BEDS.slice(1)) {
    if (figure(row, column.key) > total) problems.push(`「${column.header}」不能多于「床位总数」`);
  }
  const places = PLACES.slice(0, 4).reduce((sum, column) => sum + figure(row, column.key), 0);
  if (figure(row, 'placesInclusive') > places) problems.push('「普惠性托位」不能多于各班托位之和');
  if (BEDS.some((column) => figure(row, column.key) > 0) && places > 0) {
    problems.push('同一设施不能同时登记养老床位和托位');
  }
  return problems;
}

const FIGURES = [
  'operating_status',
  'beds_total',
  'beds_nursing',
  'beds_dementia',
  'beds_inclusive',
  'places_infant',
  'places_young_toddler',
  'places_older_toddler',
  'places_mixed',
  'places_inclusive',
  'inclusive',
  'floor_area',
  'grade',
  'medical_integration',
  'note',
] as const;

/** The staged rows with the facility each names (every row names exactly one once the checks pass). */
const ROWS = sql`(SELECT s.*, f.id AS facility_id, f.region_code AS facility_region
  FROM intake_staging s ${facilityOf('s')})`;

export const capacityKind: IntakeKind = {
  key: 'capacity',
  title: '床位托位信息',
  sheetName: '床位托位',
  entity: 'facility_capacity',
  permission: 'providers.write',
  providerPermission: 'providers.own',
  principals: ['government', 'system', 'provider'],
  columns,
  instructions: [
    '每行是一个设施自「起始日期」起的床位、托位、运营状态和等级。系统按日期保存历史：新的起始日期使该设施此前仍在适用的记录在前一天结束；与已登记记录起始日期相同的行视为更正该记录。',
    '一行即一个时段的完整数据：留空的数量按0计，普惠性留空按“否”，建筑面积和等级留空即未评定。',
    '可以在一个文件中填写同一设施不同起始日期的多行（如历年数据）；起始日期不能落在已结束的历史时段中间。',
    '养老服务设施只填床位，托育服务设施只填托位。机构用户只能导入本机构设施的数据。',
  ],
  // The facility's place is known only from the database: the checks compare it with the uploader's scope.
  placeOf: () => null,
  validate: (row, ctx) => capacityRowProblems(row, ctx.today),
  staging: [
    { name: 'organisation_uscc', type: 'text' },
    { name: 'facility_name', type: 'text' },
    { name: 'valid_from', type: 'date' },
    { name: 'operating_status', type: 'text' },
    { name: 'beds_total', type: 'integer' },
    { name: 'beds_nursing', type: 'integer' },
    { name: 'beds_dementia', type: 'integer' },
    { name: 'beds_inclusive', type: 'integer' },
    { name: 'places_infant', type: 'integer' },
    { name: 'places_young_toddler', type: 'integer' },
    { name: 'places_older_toddler', type: 'integer' },
    { name: 'places_mixed', type: 'integer' },
    { name: 'places_inclusive', type: 'integer' },
    { name: 'inclusive', type: 'boolean' },
    { name: 'floor_area', type: 'numeric(10, 1)' },
    { name: 'grade', type: 'smallint' },
    { name: 'medical_integration', type: 'text' },
    { name: 'note', type: 'text' },
  ],
  stage: (row) => [
    row.organisationUscc,
    row.facilityName,
    row.validFrom,
    row.operatingStatus,
    ...[...BEDS, ...PLACES].map((column) => figure(row, column.key)),
    row.inclusive === 'yes',
    row.floorArea,
    row.grade === null ? null : Number(row.grade),
    row.medicalIntegration ?? 'none',
    row.note,
  ],
  checks(ctx) {
    const checks: Check[] = [
      repeatedInFile(['organisation_uscc', 'facility_name', 'valid_from'], '同一设施、同一起始日期'),
      ...facilityInScope(ctx.scope, '只能导入本机构设施的床位托位'),
      sql`
        SELECT r.row_no, CASE WHEN f.domain = 'elderly_care' THEN '养老服务设施不登记托位'
                              ELSE '托育服务设施不登记养老床位' END
        FROM intake_staging r ${facilityOf('r')}
        WHERE (f.domain = 'elderly_care' AND r.places_infant + r.places_young_toddler + r.places_older_toddler
                                               + r.places_mixed + r.places_inclusive > 0)
           OR (f.domain = 'childcare' AND r.beds_total + r.beds_nursing + r.beds_dementia + r.beds_inclusive > 0)`,
      // A start inside a period that has already ended would split history recorded after it.
      sql`
        SELECT r.row_no, '「起始日期」落在该设施已结束的时段（' || lower(c.valid_during) || '至'
                         || (upper(c.valid_during) - 1) || '）之内，不能插入；请在系统中更正该时段'
        FROM ${ROWS} r JOIN facility_capacity c ON c.facility_id = r.facility_id
        WHERE NOT upper_inf(c.valid_during)
          AND lower(c.valid_during) < r.valid_from AND upper(c.valid_during) > r.valid_from`,
    ];
    return checks;
  },
  async apply(tx, ctx) {
    const figures = sql.join(FIGURES.map((name) => sql.ref(`c.${name}`)));
    const stated = sql.join(FIGURES.map((name) => sql.ref(`r.${name}`)));
    const targets = sql.join(FIGURES.map((name) => sql.ref(name)));
    const corrected = await countByRegion(sql`
      UPDATE facility_capacity c SET (${targets}) = (${stated}), recorded_by = ${ctx.accountId}, recorded_at = now()
      FROM ${ROWS} r
      WHERE c.facility_id = r.facility_id AND lower(c.valid_during) = r.valid_from
        AND (${figures}) IS DISTINCT FROM (${stated})
      RETURNING c.region_code`).execute(tx);
    // A still-open period ends where the first new start after it begins.
    await sql`
      UPDATE facility_capacity c SET valid_during = daterange(lower(c.valid_during), n.first_start)
      FROM (SELECT c2.id, min(r.valid_from) AS first_start
            FROM facility_capacity c2 JOIN ${ROWS} r ON r.facility_id = c2.facility_id
            WHERE upper_inf(c2.valid_during) AND r.valid_from > lower(c2.valid_during)
            GROUP BY c2.id) n
      WHERE c.id = n.id`.execute(tx);
    const created = await countByRegion(sql`
      INSERT INTO facility_capacity (region_code, facility_id, valid_during, ${targets}, recorded_by)
      SELECT r.facility_region, r.facility_id,
             daterange(r.valid_from, least(
               (SELECT min(lower(c.valid_during)) FROM facility_capacity c
                WHERE c.facility_id = r.facility_id AND lower(c.valid_during) > r.valid_from),
               (SELECT min(o.valid_from) FROM ${ROWS} o
                WHERE o.facility_id = r.facility_id AND o.valid_from > r.valid_from))),
             ${stated}, ${ctx.accountId}
      FROM ${ROWS} r
      WHERE NOT EXISTS (SELECT 1 FROM facility_capacity c
                        WHERE c.facility_id = r.facility_id AND lower(c.valid_during) = r.valid_from)
      ORDER BY r.facility_id, r.valid_from
      RETURNING region_code`).execute(tx);
    return mergeCounts(created.rows, corrected.rows);
  },
};
