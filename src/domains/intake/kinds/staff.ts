// 从业人员: providers' staff, with a qualification and the background checks the childcare standards require
// (migrations/0010). Natural key: the organisation (by its credit code) and the member's ID number (by its keyed
// hash); a certificate by its type and number, a check by its kind and date. Provider users upload only their own
// organisations' staff.
import { sql } from 'kysely';
import {
  CERTIFICATE_TYPES,
  CHECK_RESULTS,
  STAFF_ROLES,
  type CertificateType,
  type StaffRole,
} from '../../staff/staff-types.ts';
import type { FacilityDomain } from '../../providers/facility-types.ts';
import { fieldChangeRows } from '../../audit/field-history.ts';
import { STAFF_COLUMNS } from '../../staff/history.ts';
import { repeatedInFile, type Check } from '../checks.ts';
import type { Column, EnumOption } from '../columns.ts';
import type { IntakeKind, RegionCounts, RowValues } from '../kind.ts';
import { facilityInScope, facilityOf, facilityWritable } from './facility-match.ts';

const ROLE_LABELS: Record<StaffRole, string> = {
  carer: '养老护理员',
  nurse: '护士',
  childcare_worker: '保育人员',
  health_worker: '保健人员',
  social_worker: '社会工作者',
  manager: '管理人员',
  other: '其他',
};
const CERTIFICATE_LABELS: Record<CertificateType, string> = {
  elderly_carer: '养老护理员证',
  childcare_worker: '保育师证',
  nurse: '护士执业证',
  social_worker: '社工证',
  health_certificate: '健康证明',
  doctor: '医师执业证',
  teacher: '教师资格证',
  other: '其他证书',
};
const DOMAIN_OPTIONS: EnumOption[] = [
  { value: 'elderly_care', label: '养老' },
  { value: 'childcare', label: '托育' },
];
const RESULT_OPTIONS: EnumOption[] = CHECK_RESULTS.map((value) => ({
  value,
  label: value === 'passed' ? '合格' : '不合格',
}));

/** Roles that belong to one domain whatever the facility (the same rule as src/domains/staff/rules.ts). */
const ROLE_DOMAIN: Partial<Record<string, FacilityDomain>> = {
  carer: 'elderly_care',
  childcare_worker: 'childcare',
};

const FOUNDING = '1949-10-01';

const date = (key: string, header: string, note?: string): Column => ({
  key,
  header,
  type: 'date',
  required: false,
  ...(note !== undefined && { note }),
});

const columns: Column[] = [
  {
    key: 'organisationUscc',
    header: '所在机构统一社会信用代码',
    type: 'uscc',
    required: true,
    note: '机构须已登记',
  },
  {
    key: 'facilityName',
    header: '所在设施名称',
    type: 'text',
    maxLength: 200,
    required: false,
    note: '在机构的某个设施工作的填写设施名称（须已登记）；在机构层面任职的留空',
  },
  { key: 'name', header: '姓名', type: 'text', maxLength: 100, required: true },
  { key: 'idNumber', header: '身份证号码', type: 'idNumber', required: true },
  {
    key: 'role',
    header: '岗位',
    type: 'enum',
    options: STAFF_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
    required: true,
  },
  {
    key: 'domain',
    header: '服务领域',
    type: 'enum',
    options: DOMAIN_OPTIONS,
    required: false,
    note: '未填所在设施、且岗位不是养老护理员或保育人员时必填',
  },
  { key: 'employedFrom', header: '入职日期', type: 'date', required: true },
  date('employedTo', '离职日期', '仍在职的留空'),
  {
    key: 'certificateType',
    header: '证书类型',
    type: 'enum',
    options: CERTIFICATE_TYPES.map((value) => ({ value, label: CERTIFICATE_LABELS[value] })),
    required: false,
    note: '资格证书；填写时证书编号、发证机关、发证日期须一并填写',
  },
  { key: 'certificateNumber', header: '证书编号', type: 'text', maxLength: 64, required: false },
  { key: 'certificateIssuer', header: '发证机关', type: 'text', maxLength: 200, required: false },
  date('certificateFrom', '发证日期'),
  date('certificateTo', '证书有效期至', '长期有效的留空'),
  date('healthCheckedOn', '健康检查日期', '托育从业人员上岗前和每年须体检'),
  {
    key: 'healthResult',
    header: '健康检查结论',
    type: 'enum',
    options: RESULT_OPTIONS,
    required: false,
  },
  date('healthValidTo', '健康证明有效期至', '通常为检查日起一年'),
  date('abuseCheckedOn', '无虐童等违法记录查询日期', '托育从业人员须查询'),
  {
    key: 'abuseResult',
    header: '违法记录查询结论',
    type: 'enum',
    options: [
      { value: 'passed', label: '无记录' },
      { value: 'failed', label: '有记录' },
    ],
    required: false,
  },
];

const given = (row: RowValues, key: string) => row[key] !== null;

/** Reasons a staff row contradicts itself or the calendar; pure. */
export function staffRowProblems(row: RowValues, today: string): string[] {
  const problems: string[] = [];
  const from = row.employedFrom as string;
  const to = row.employedTo as string | null;
  if (from < FOUNDING) problems.push('「入职日期」不能早于1949-10-01');
  if (to !== null && to < from) problems.push('「离职日期」不能早于「入职日期」');
  const implied = ROLE_DOMAIN[row.role as string];
  const stated = row.domain as string | null;
  if (implied && stated !== null && stated !== implied) {
    problems.push(
      implied === 'childcare' ? '保育人员只能在托育服务中登记' : '养老护理员只能在养老服务中登记',
    );
  }
  if (!implied && stated === null && row.facilityName === null) {
    problems.push('未填「所在设施名称」时须填写「服务领域」');
  }
  const certificate = ['certificateType', 'certificateNumber', 'certificateIssuer', 'certificateFrom'];
  if (certificate.some((key) => given(row, key)) && !certificate.every((key) => given(row, key))) {
    problems.push('「证书类型」「证书编号」「发证机关」「发证日期」须一并填写');
  }
  if (given(row, 'certificateTo') && !given(row, 'certificateFrom')) {
    problems.push('填写「证书有效期至」时须填写证书的其他信息');
  }
  const certificateFrom = row.certificateFrom as string | null;
  const certificateTo = row.certificateTo as string | null;
  if (certificateFrom !== null && certificateFrom < FOUNDING) problems.push('「发证日期」不能早于1949-10-01');
  if (certificateFrom !== null && certificateFrom > today) problems.push('「发证日期」不能晚于今天');
  if (certificateFrom !== null && certificateTo !== null && certificateTo < certificateFrom) {
    problems.push('「证书有效期至」不能早于「发证日期」');
  }
  const checks: [string, string, string | null, string, string][] = [
    ['healthCheckedOn', 'healthResult', 'healthValidTo', '健康检查日期', '健康检查结论'],
    ['abuseCheckedOn', 'abuseResult', null, '无虐童等违法记录查询日期', '违法记录查询结论'],
  ];
  for (const [on, result, validTo, onHeader, resultHeader] of checks) {
    if (given(row, on) !== given(row, result))
      problems.push(`「${onHeader}」与「${resultHeader}」须同时填写`);
    const checkedOn = row[on] as string | null;
    if (checkedOn !== null && (checkedOn < FOUNDING || checkedOn > today)) {
      problems.push(`「${onHeader}」不可能：不能早于1949-10-01，也不能晚于今天`);
    }
    const until = validTo === null ? null : (row[validTo] as string | null);
    if (until !== null && checkedOn === null) problems.push('填写「健康证明有效期至」时须填写健康检查');
    if (until !== null && checkedOn !== null && until < checkedOn) {
      problems.push('「健康证明有效期至」不能早于「健康检查日期」');
    }
  }
  return problems;
}

/**
 * The staged rows with their organisation, facility (when named), and the region and domain the member is recorded
 * in: the facility's when they work at one, else the organisation's region and the stated or implied domain.
 */
const ROWS = sql`(SELECT s.*, o.id AS organisation_id, f.id AS facility_id,
    coalesce(f.region_code, o.region_code) AS member_region, coalesce(f.domain, s.domain) AS member_domain
  FROM intake_staging s JOIN organisation o ON o.uscc = s.organisation_uscc
  LEFT JOIN facility f ON s.facility_name IS NOT NULL AND f.organisation_id = o.id AND f.name = s.facility_name)`;

const MEMBER_STATE = sql`(m.name, m.role, m.facility_id, m.region_code, m.domain, m.employed_from, m.employed_to)`;
const ROW_STATE = sql`(r.name, r.role, r.facility_id, r.member_region, r.member_domain, r.employed_from,
  coalesce(r.employed_to, m.employed_to))`;

export const staffKind: IntakeKind = {
  key: 'staff',
  title: '从业人员信息',
  sheetName: '从业人员',
  entity: 'staff_member',
  permission: 'providers.write',
  providerPermission: 'providers.own',
  principals: ['government', 'system', 'provider'],
  columns,
  instructions: [
    '每人一行。同一机构中身份证号码已登记的人员按本表更新，其余新增登记；同一人在两家机构任职的，各登记一行。',
    '每行可附一个资格证书（按证书类型和编号识别）和最近一次健康检查、无虐童等违法记录查询（按查询日期识别）；已有的证书和核查记录不会删除，更多证书请在系统中补充。',
    '托育从业人员须有健康证明并经违法记录查询；缺少的将在系统中提示。',
    '留空的「离职日期」不会清除系统中已登记的离职日期。机构用户只能导入本机构的人员。',
    '身份证号码在服务器上加密保存，结果文件和导出中只显示脱敏号码。',
  ],
  // The member's place follows from the facility or organisation in the database: the checks compare it with the scope.
  placeOf: () => null,
  validate: (row, ctx) => staffRowProblems(row, ctx.today),
  staging: [
    { name: 'organisation_uscc', type: 'text' },
    { name: 'facility_name', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'id_cipher', type: 'bytea' },
    { name: 'id_key', type: 'text' },
    { name: 'id_hash', type: 'bytea' },
    { name: 'role', type: 'text' },
    { name: 'domain', type: 'text' },
    { name: 'employed_from', type: 'date' },
    { name: 'employed_to', type: 'date' },
    { name: 'certificate_type', type: 'text' },
    { name: 'certificate_number', type: 'text' },
    { name: 'certificate_issuer', type: 'text' },
    { name: 'certificate_from', type: 'date' },
    { name: 'certificate_to', type: 'date' },
    { name: 'health_on', type: 'date' },
    { name: 'health_result', type: 'text' },
    { name: 'health_to', type: 'date' },
    { name: 'abuse_on', type: 'date' },
    { name: 'abuse_result', type: 'text' },
  ],
  stage(row, sealer) {
    const sealed = sealer.seal(row.idNumber as string);
    return [
      row.organisationUscc,
      row.facilityName,
      row.name,
      sealed.cipher,
      sealed.keyId,
      sealed.hash,
      row.role,
      row.domain ?? ROLE_DOMAIN[row.role as string] ?? null,
      row.employedFrom,
      row.employedTo,
      row.certificateType,
      row.certificateNumber,
      row.certificateIssuer,
      row.certificateFrom,
      row.certificateTo,
      row.healthCheckedOn,
      row.healthResult,
      row.healthValidTo,
      row.abuseCheckedOn,
      row.abuseResult,
    ];
  },
  checks(ctx) {
    const checks: Check[] = [
      repeatedInFile(['organisation_uscc', 'id_hash'], '同一机构、同一身份证号码'),
      sql`
        SELECT s.row_no, '未找到统一社会信用代码为 ' || s.organisation_uscc || ' 的机构，请先登记该机构'
        FROM intake_staging s WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.uscc = s.organisation_uscc)`,
      ...facilityInScope(ctx.scope, '只能导入本机构的人员'),
      sql`
        SELECT r.row_no, CASE
          WHEN r.role = 'childcare_worker' THEN '保育人员只能在托育服务设施中登记'
          WHEN r.role = 'carer' THEN '养老护理员只能在养老服务设施中登记'
          ELSE '「服务领域」与所在设施的服务领域不一致' END
        FROM intake_staging r ${facilityOf('r')}
        WHERE r.domain IS NOT NULL AND r.domain <> f.domain`,
      // Rows without a facility are placed by their organisation's region and their stated or implied domain.
      sql`
        SELECT r.row_no, ${
          ctx.scope.organisations !== null
            ? '只能导入本机构的人员'
            : '该人员所在机构不在您管辖的地区或服务领域内，须由其主管部门办理'
        }
        FROM ${ROWS} r
        CROSS JOIN LATERAL (SELECT r.organisation_id, r.member_region AS region_code,
                                   r.member_domain AS domain) f
        WHERE r.facility_name IS NULL AND NOT ${facilityWritable(ctx.scope)}`,

      sql`
        SELECT r.row_no, '该机构中已有多条该身份证号码的人员记录，请在系统中处理'
        FROM intake_staging r JOIN organisation o ON o.uscc = r.organisation_uscc
        JOIN staff_member m ON m.organisation_id = o.id AND m.id_number_hash = r.id_hash
        GROUP BY r.row_no HAVING count(*) > 1`,
    ];
    if (ctx.scope.organisations === null) {
      // A member recorded elsewhere (another facility's region or domain) stays with the department there.
      checks.push(
        sql`
        SELECT r.row_no, '该人员已登记在您管辖的地区或服务领域以外，须由其主管部门办理'
        FROM intake_staging r JOIN organisation o ON o.uscc = r.organisation_uscc
        JOIN staff_member f ON f.organisation_id = o.id AND f.id_number_hash = r.id_hash
        WHERE NOT ${facilityWritable(ctx.scope)}`,
      );
    }
    return checks;
  },
  async apply(tx, ctx) {
    const touched = new Map<number, string>();
    const note = (rows: { id: number; region_code: string }[]) =>
      rows.forEach((row) => touched.set(Number(row.id), row.region_code));
    // The changed members and their fields' history in one statement: `before` reads the rows as they were (a
    // WITH's sub-statements share one snapshot), `changed` as the update left them.
    const updated = await sql<{ id: number; region_code: string }>`
      WITH changed AS (
        UPDATE staff_member m
        SET (name, role, facility_id, region_code, domain, employed_from, employed_to) = ${ROW_STATE},
            updated_at = now()
        FROM ${ROWS} r
        WHERE m.organisation_id = r.organisation_id AND m.id_number_hash = r.id_hash
          AND ${MEMBER_STATE} IS DISTINCT FROM ${ROW_STATE}
        RETURNING m.*
      ), before AS (
        SELECT m.* FROM staff_member m JOIN changed a ON a.id = m.id
      ), history AS (
        INSERT INTO staff_change (region_code, staff_id, changed_at, account_id, field, old_value, new_value)
        SELECT a.region_code, a.id, now(), (SELECT id FROM account WHERE id = ${ctx.accountId}), f.field,
               f.old_value, f.new_value
        FROM changed a JOIN before b ON b.id = a.id
        CROSS JOIN LATERAL ${fieldChangeRows(STAFF_COLUMNS, 'b', 'a')} f
      )
      SELECT id, region_code FROM changed`.execute(tx);
    note(updated.rows);
    const created = await sql<{ id: number; region_code: string }>`
      INSERT INTO staff_member (region_code, organisation_id, facility_id, domain, name, role, employed_from,
                                employed_to, id_number_cipher, id_number_key_id, id_number_hash)
      SELECT r.member_region, r.organisation_id, r.facility_id, r.member_domain, r.name, r.role, r.employed_from,
             r.employed_to, r.id_cipher, r.id_key, r.id_hash
      FROM ${ROWS} r
      WHERE NOT EXISTS (SELECT 1 FROM staff_member m
                        WHERE m.organisation_id = r.organisation_id AND m.id_number_hash = r.id_hash)
      ORDER BY r.row_no
      RETURNING id, region_code`.execute(tx);
    const members = sql`(SELECT r.*, m.id AS staff_id, m.region_code AS staff_region
      FROM ${ROWS} r JOIN staff_member m ON m.organisation_id = r.organisation_id AND m.id_number_hash = r.id_hash)`;
    const certificates = await sql<{ id: number; region_code: string }>`
      INSERT INTO staff_certificate AS c (region_code, staff_id, certificate_type, number, issuer, valid_from, valid_to)
      SELECT w.staff_region, w.staff_id, w.certificate_type, w.certificate_number, w.certificate_issuer,
             w.certificate_from, w.certificate_to
      FROM ${members} w WHERE w.certificate_type IS NOT NULL
      ON CONFLICT (staff_id, certificate_type, number) DO UPDATE
        SET (issuer, valid_from, valid_to) = (excluded.issuer, excluded.valid_from, excluded.valid_to)
        WHERE (c.issuer, c.valid_from, c.valid_to) IS DISTINCT FROM (excluded.issuer, excluded.valid_from, excluded.valid_to)
      RETURNING c.staff_id AS id, c.region_code`.execute(tx);
    note(certificates.rows);
    for (const [on, result, validTo, kind] of [
      ['health_on', 'health_result', 'health_to', 'health_certificate'],
      ['abuse_on', 'abuse_result', null, 'no_abuse_record'],
    ] as const) {
      const checkedOn = sql.ref(`w.${on}`);
      const outcome = sql.ref(`w.${result}`);
      const until = validTo === null ? sql`NULL::date` : sql.ref(`w.${validTo}`);
      const matching = sql`b.staff_id = w.staff_id AND b.kind = ${kind} AND b.checked_on = ${checkedOn}`;
      const changed = await sql<{ id: number; region_code: string }>`
        UPDATE staff_background_check b SET (result, valid_to) = (${outcome}, ${until})
        FROM ${members} w
        WHERE ${checkedOn} IS NOT NULL AND ${matching}
          AND (b.result, b.valid_to) IS DISTINCT FROM (${outcome}, ${until})
        RETURNING b.staff_id AS id, b.region_code`.execute(tx);
      note(changed.rows);
      const added = await sql<{ id: number; region_code: string }>`
        INSERT INTO staff_background_check (region_code, staff_id, kind, result, checked_on, valid_to)
        SELECT w.staff_region, w.staff_id, ${kind}, ${outcome}, ${checkedOn}, ${until}
        FROM ${members} w
        WHERE ${checkedOn} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM staff_background_check b WHERE ${matching})
        RETURNING staff_id AS id, region_code`.execute(tx);
      note(added.rows);
    }
    // One row is one member: a new member counts as created, one whose record, certificate or checks changed as
    // updated, once.
    const byRegion = new Map<string, RegionCounts>();
    const entry = (regionCode: string) => {
      let found = byRegion.get(regionCode);
      if (!found) byRegion.set(regionCode, (found = { regionCode, created: 0, updated: 0 }));
      return found;
    };
    const createdIds = new Set(created.rows.map((row) => Number(row.id)));
    for (const row of created.rows) entry(row.region_code).created++;
    for (const [id, regionCode] of touched) if (!createdIds.has(id)) entry(regionCode).updated++;
    return [...byRegion.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  },
};
