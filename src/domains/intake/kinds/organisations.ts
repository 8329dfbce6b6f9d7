// 机构信息: provider organisations. Natural key: the unified social credit code.
import { sql } from 'kysely';
import {
  ORGANISATION_TYPES,
  OWNERSHIPS,
  type OrganisationType,
  type Ownership,
} from '../../providers/facility-types.ts';
import { fieldChangeRows } from '../../audit/field-history.ts';
import { ORGANISATION_COLUMNS } from '../../providers/history.ts';
import { organisationTypeOfUscc } from '../../providers/rules.ts';
import { moveStaffWithOrganisations } from '../../staff/organisation-moves.ts';
import { countByRegion, insideRegions, mergeCounts, regionInForce, repeatedInFile } from '../checks.ts';
import type { Column, EnumOption } from '../columns.ts';
import type { IntakeKind } from '../kind.ts';

const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  government_agency: '机关',
  public_institution: '事业单位',
  social_organisation: '社会组织',
  company: '企业',
  individual_business: '个体工商户',
  other: '其他',
};
const OWNERSHIP_LABELS: Record<Ownership, string> = {
  public: '公办',
  private: '民办',
  publicly_built_privately_operated: '公建民营',
};
export const OWNERSHIP_OPTIONS: EnumOption[] = OWNERSHIPS.map((value) => ({
  value,
  label: OWNERSHIP_LABELS[value],
}));

const PHONE = /^[0-9+() -]{5,30}$/;

const columns: Column[] = [
  { key: 'uscc', header: '统一社会信用代码', type: 'uscc', required: true },
  { key: 'name', header: '机构名称', type: 'text', maxLength: 200, required: true },
  {
    key: 'regionCode',
    header: '所在区划代码',
    type: 'regionCode',
    required: true,
    note: '机构住所所在的区县、乡镇（街道）或村（社区）代码；须在您的管辖范围内',
  },
  {
    key: 'organisationType',
    header: '机构类型',
    type: 'enum',
    options: ORGANISATION_TYPES.map((value) => ({ value, label: ORGANISATION_TYPE_LABELS[value] })),
    required: false,
    note: '留空时按统一社会信用代码的登记管理部门和机构类别代码推定',
  },
  { key: 'ownership', header: '运营性质', type: 'enum', options: OWNERSHIP_OPTIONS, required: false },
  { key: 'legalPerson', header: '法定代表人', type: 'text', maxLength: 100, required: false },
  { key: 'contactName', header: '联系人', type: 'text', maxLength: 100, required: false },
  { key: 'contactPhone', header: '联系电话', type: 'text', maxLength: 30, required: false },
  { key: 'address', header: '地址', type: 'text', maxLength: 300, required: false },
];

export const organisationsKind: IntakeKind = {
  key: 'organisations',
  title: '机构信息',
  sheetName: '机构信息',
  entity: 'organisation',
  permission: 'providers.write',
  principals: ['government', 'system'],
  columns,
  instructions: [
    '每行一个机构（法人或其他组织）。统一社会信用代码已登记的机构按本表更新，其余新增登记。',
    '留空的选填项不会清除系统中已有的信息。',
  ],
  placeOf: (row) => ({ regionCode: row.regionCode as string }),
  validate(row) {
    const phone = row.contactPhone as string | null;
    return phone !== null && !PHONE.test(phone)
      ? ['「联系电话」只能包含数字、空格、+、-和括号（5–30位）']
      : [];
  },
  staging: [
    { name: 'uscc', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'region_code', type: 'text' },
    { name: 'organisation_type', type: 'text' },
    { name: 'ownership', type: 'text' },
    { name: 'legal_person', type: 'text' },
    { name: 'contact_name', type: 'text' },
    { name: 'contact_phone', type: 'text' },
    { name: 'address', type: 'text' },
  ],
  stage: (row) => [
    row.uscc,
    row.name,
    row.regionCode,
    row.organisationType ?? organisationTypeOfUscc(row.uscc as string),
    row.ownership,
    row.legalPerson,
    row.contactName,
    row.contactPhone,
    row.address,
  ],
  checks(ctx) {
    return [
      regionInForce('region_code', '所在区划代码', ctx.today),
      repeatedInFile(['uscc'], '统一社会信用代码相同'),
      sql`
        SELECT s.row_no, '该统一社会信用代码的机构已登记在您管辖范围以外的地区，须由该地区办理'
        FROM intake_staging s JOIN organisation o ON o.uscc = s.uscc
        WHERE NOT ${insideRegions(sql`o.region_code`, ctx.scope.regions)}`,
    ];
  },
  async apply(tx, ctx) {
    const next = sql`(s.name, s.region_code, s.organisation_type, coalesce(s.ownership, o.ownership),
      coalesce(s.legal_person, o.legal_person), coalesce(s.contact_name, o.contact_name),
      coalesce(s.contact_phone, o.contact_phone), coalesce(s.address, o.address))`;
    // The changed organisations and their fields' history in one statement: `before` reads the rows as they were
    // (a WITH's sub-statements share one snapshot), `changed` as the update left them.
    const updated = await sql<{ region_code: string; n: number; moved: (number | string)[] }>`
      WITH changed AS (
        UPDATE organisation o
        SET (name, region_code, organisation_type, ownership, legal_person, contact_name, contact_phone, address)
            = ${next}, updated_at = now()
        FROM intake_staging s
        WHERE o.uscc = s.uscc
          AND (o.name, o.region_code, o.organisation_type, o.ownership, o.legal_person, o.contact_name,
               o.contact_phone, o.address) IS DISTINCT FROM ${next}
        RETURNING o.*
      ), before AS (
        SELECT o.* FROM organisation o JOIN intake_staging s ON o.uscc = s.uscc
      ), history AS (
        INSERT INTO organisation_change (region_code, organisation_id, changed_at, account_id, field, old_value,
                                         new_value)
        SELECT a.region_code, a.id, now(), (SELECT id FROM account WHERE id = ${ctx.accountId}), f.field,
               f.old_value, f.new_value
        FROM changed a JOIN before b ON b.id = a.id
        CROSS JOIN LATERAL ${fieldChangeRows(ORGANISATION_COLUMNS, 'b', 'a')} f
      )
      SELECT a.region_code, count(*)::int AS n,
             coalesce(array_agg(a.id) FILTER (WHERE a.region_code <> b.region_code), '{}') AS moved
      FROM changed a JOIN before b ON b.id = a.id GROUP BY a.region_code`.execute(tx);
    // Staff at no particular facility are where their organisation is: those of a moved organisation move with it.
    await moveStaffWithOrganisations(
      tx,
      ctx.actor ?? { principal: null, ip: null, requestId: null },
      updated.rows.flatMap((row) => row.moved.map(Number)),
      { detail: { kind: 'organisations' } },
    );
    const created = await countByRegion(sql`
      INSERT INTO organisation (uscc, name, region_code, organisation_type, ownership, legal_person, contact_name,
                                contact_phone, address)
      SELECT s.uscc, s.name, s.region_code, s.organisation_type, s.ownership, s.legal_person, s.contact_name,
             s.contact_phone, s.address
      FROM intake_staging s
      WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.uscc = s.uscc)
      RETURNING region_code`).execute(tx);
    return mergeCounts(created.rows, updated.rows);
  },
};
