// 家庭户信息: households and their members (migrations/0008). A row is one membership; the household is found by
// its head's ID number (the household the head currently heads), and a member by their ID number, so both must be
// registered in the people registry first. A person belongs to one household at a time: moving someone between
// households is done in the console, where leaving is recorded.
import { sql } from 'kysely';
import { HOUSEHOLD_RELATIONS, type HouseholdRelation } from '../../people/tables.ts';
import { insideRegions, regionInForce, repeatedInFile, type Check } from '../checks.ts';
import type { Column } from '../columns.ts';
import type { IntakeKind, RegionCounts, RowValues, SqlContext } from '../kind.ts';

const RELATION_LABELS: Record<HouseholdRelation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  grandchild: '孙子女（外孙子女）',
  parent: '父母',
  grandparent: '祖父母（外祖父母）',
  other: '其他',
};

const columns: Column[] = [
  {
    key: 'headIdNumber',
    header: '户主身份证号码',
    type: 'idNumber',
    required: true,
    note: '同一户的各行填写同一户主；户主须已在人员信息中登记',
  },
  {
    key: 'regionCode',
    header: '户所在区划代码',
    type: 'regionCode',
    required: true,
    note: '村（社区）12位或乡镇（街道）9位代码；须在您的管辖范围内，同一户各行相同',
  },
  { key: 'address', header: '户地址', type: 'text', maxLength: 300, required: false },
  { key: 'memberName', header: '成员姓名', type: 'text', maxLength: 100, required: true },
  {
    key: 'memberIdNumber',
    header: '成员身份证号码',
    type: 'idNumber',
    required: true,
    note: '成员须已在人员信息中登记；户主本人也占一行',
  },
  {
    key: 'relation',
    header: '与户主关系',
    type: 'enum',
    options: HOUSEHOLD_RELATIONS.map((value) => ({ value, label: RELATION_LABELS[value] })),
    required: true,
  },
  { key: 'joinedOn', header: '入户日期', type: 'date', required: false, note: '留空为导入当天' },
];

/** Reasons a membership row contradicts itself; pure. */
export function householdRowProblems(row: RowValues, today: string): string[] {
  const problems: string[] = [];
  const isHead = row.headIdNumber === row.memberIdNumber;
  if (isHead && row.relation !== 'head') problems.push('户主本人一行的「与户主关系」应为“户主”');
  if (!isHead && row.relation === 'head') problems.push('只有户主本人的「与户主关系」可以是“户主”');
  const joinedOn = row.joinedOn as string | null;
  if (joinedOn !== null && (joinedOn < '1900-01-01' || joinedOn > today)) {
    problems.push('「入户日期」不可能：不能早于1900年，也不能晚于今天');
  }
  return problems;
}

/** A membership in force on the day (joined, not yet left). */
const current = (membership: string, on: string) =>
  sql`${sql.ref(`${membership}.joined_on`)} <= ${on}::date
    AND (${sql.ref(`${membership}.left_on`)} IS NULL OR ${sql.ref(`${membership}.left_on`)} > ${on}::date)`;

/** The staged rows with head and member persons and the household the head currently heads, if any. */
function rows(today: string) {
  return sql`(SELECT s.*, hp.id AS head_id, mp.id AS member_id, mp.name AS member_registered_name,
      mp.region_code AS member_region, hh.household_id, hh.household_region, hh.household_address
    FROM intake_staging s
    JOIN person hp ON hp.id_number_hash = s.head_hash
    JOIN person mp ON mp.id_number_hash = s.member_hash
    LEFT JOIN LATERAL (
      SELECT hm.household_id, h.region_code AS household_region, h.address AS household_address
      FROM household_member hm JOIN household h ON h.id = hm.household_id
      WHERE hm.person_id = hp.id AND hm.relation = 'head' AND ${current('hm', today)}
      LIMIT 1) hh ON true)`;
}

export const householdsKind: IntakeKind = {
  key: 'households',
  title: '家庭户信息',
  sheetName: '家庭户',
  entity: 'household',
  permission: 'people.write',
  principals: ['government', 'system'],
  columns,
  instructions: [
    '每行一名家庭成员，户主本人也占一行。同一户主的各行组成一户：户主尚未立户的新建一户，已是户主的按本表补充成员。',
    '户主和成员须已在「人员信息」中登记（可先导入人员信息）；没有身份证号码的成员请在系统中添加。',
    '一人同时只能属于一户。已属于其他户的成员须先在系统中办理迁出；成员变更户主、迁出也在系统中办理。',
    '已在该户的成员按本表更新「与户主关系」；留空的「户地址」不会清除系统中已有的地址。',
  ],
  placeOf: (row) => ({ regionCode: row.regionCode as string }),
  validate: (row, ctx) => householdRowProblems(row, ctx.today),
  staging: [
    { name: 'head_hash', type: 'bytea' },
    { name: 'region_code', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'member_name', type: 'text' },
    { name: 'member_hash', type: 'bytea' },
    { name: 'relation', type: 'text' },
    { name: 'joined_on', type: 'date' },
  ],
  // Only keyed hashes are staged: the people registry holds the encrypted numbers already.
  stage: (row, sealer) => [
    sealer.hash(row.headIdNumber as string),
    row.regionCode,
    row.address,
    row.memberName,
    sealer.hash(row.memberIdNumber as string),
    row.relation,
    row.joinedOn,
  ],
  checks(ctx) {
    const today = ctx.today;
    const staged = rows(today);
    const checks: Check[] = [
      regionInForce('region_code', '户所在区划代码', today),
      repeatedInFile(['member_hash'], '同一成员身份证号码'),
      sql`
        SELECT s.row_no, '户主尚未在人员信息中登记，请先导入该户主的人员信息'
        FROM intake_staging s WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number_hash = s.head_hash)`,
      sql`
        SELECT s.row_no, '该成员尚未在人员信息中登记，请先导入其人员信息'
        FROM intake_staging s WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number_hash = s.member_hash)`,
      sql`
        SELECT r.row_no, '「成员姓名」与该身份证号码登记的姓名（' || r.member_registered_name || '）不符'
        FROM ${staged} r WHERE r.member_name <> r.member_registered_name`,
      sql`
        SELECT s.row_no, '同一户主的各行「户所在区划代码」和「户地址」须一致'
        FROM intake_staging s
        WHERE EXISTS (SELECT 1 FROM intake_staging o
                      WHERE o.head_hash = s.head_hash
                        AND (o.region_code, o.address) IS DISTINCT FROM (s.region_code, s.address))`,
      sql`
        SELECT r.row_no, '户主尚未立户：须在文件中为户主本人列一行（与户主关系为“户主”）'
        FROM ${staged} r
        WHERE r.household_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM intake_staging o
                          WHERE o.member_hash = r.head_hash AND o.head_hash = r.head_hash)`,
      // One household at a time: any membership elsewhere reaching into the new one's period conflicts.
      sql`
        SELECT r.row_no, CASE WHEN m.left_on IS NULL THEN '该成员目前属于另一户，须先在系统中办理迁出'
                              ELSE '「入户日期」早于该成员离开原户的日期（' || m.left_on || '）' END
        FROM ${staged} r JOIN household_member m ON m.person_id = r.member_id
        WHERE (m.left_on IS NULL OR m.left_on > coalesce(r.joined_on, ${today}::date))
          AND NOT (m.household_id IS NOT DISTINCT FROM r.household_id AND ${current('m', today)})`,
    ];
    if (ctx.scope.regions !== null) {
      checks.push(
        sql`
          SELECT r.row_no, '该成员登记在您管辖范围以外的地区，须由该地区办理'
          FROM ${staged} r WHERE NOT ${insideRegions(sql`r.member_region`, ctx.scope.regions)}`,
        sql`
          SELECT r.row_no, '该户已登记在您管辖范围以外的地区，须由该地区办理'
          FROM ${staged} r
          WHERE r.household_id IS NOT NULL AND NOT ${insideRegions(sql`r.household_region`, ctx.scope.regions)}`,
      );
    }
    return checks;
  },
  async apply(tx, ctx: SqlContext) {
    const today = ctx.today;
    const joined = sql`coalesce(r.joined_on, ${today}::date)`;
    // Households whose head has none yet, with the head's own membership.
    const founded = await sql<{ id: number; region_code: string; head_person_id: number }>`
      INSERT INTO household (region_code, address, head_person_id, created_by)
      SELECT DISTINCT ON (r.head_id) r.region_code, r.address, r.head_id, ${ctx.accountId}::bigint
      FROM ${rows(today)} r WHERE r.household_id IS NULL
      ORDER BY r.head_id, r.row_no
      RETURNING id, region_code, head_person_id`.execute(tx);
    const moved = await sql<{ id: number }>`
      UPDATE household h SET region_code = r.region_code, address = coalesce(r.address, h.address)
      FROM (SELECT DISTINCT ON (household_id) * FROM ${rows(today)} r WHERE r.household_id IS NOT NULL) r
      WHERE h.id = r.household_id
        AND (h.region_code, h.address) IS DISTINCT FROM (r.region_code, coalesce(r.address, h.address))
      RETURNING h.id`.execute(tx);
    await sql`
      INSERT INTO household_member (region_code, household_id, person_id, relation, joined_on, created_by)
      SELECT h.region_code, h.id, h.head_person_id, 'head', ${joined}, ${ctx.accountId}::bigint
      FROM household h JOIN intake_staging r ON r.member_hash = r.head_hash
      JOIN person p ON p.id = h.head_person_id AND p.id_number_hash = r.head_hash
      WHERE h.id = ANY (${founded.rows.map((row) => row.id)}::bigint[])`.execute(tx);

    const staged = rows(today);
    const relations = await sql<{ person_id: number }>`
      UPDATE household_member m SET relation = r.relation
      FROM ${staged} r
      WHERE m.person_id = r.member_id AND m.household_id = r.household_id AND ${current('m', today)}
        AND m.relation <> r.relation
      RETURNING m.person_id`.execute(tx);
    await sql`
      INSERT INTO household_member (region_code, household_id, person_id, relation, joined_on, created_by)
      SELECT h.region_code, h.id, r.member_id, r.relation, ${joined}, ${ctx.accountId}::bigint
      FROM ${staged} r JOIN household h ON h.id = r.household_id
      WHERE NOT EXISTS (SELECT 1 FROM household_member m
                        WHERE m.person_id = r.member_id AND m.household_id = r.household_id
                          AND ${current('m', today)})
      ORDER BY r.row_no`.execute(tx);

    // Per row: created when its membership is new, updated when its relation changed or (the head's row) its
    // household moved or changed address.
    const { rows: counted } = await sql<{ region_code: string; created: number; updated: number }>`
      SELECT r.household_region AS region_code,
             count(*) FILTER (WHERE m.created_at = now())::int AS created,
             count(*) FILTER (WHERE m.created_at <> now() AND (
               r.member_id = ANY (${relations.rows.map((row) => row.person_id)}::bigint[])
               OR (r.relation = 'head' AND r.household_id = ANY (${moved.rows.map((row) => row.id)}::bigint[]))
             ))::int AS updated
      FROM ${staged} r
      JOIN household_member m ON m.person_id = r.member_id AND m.household_id = r.household_id
        AND ${current('m', today)}
      GROUP BY r.household_region`.execute(tx);
    return counted.map(
      (row): RegionCounts => ({ regionCode: row.region_code, created: row.created, updated: row.updated }),
    );
  },
};
