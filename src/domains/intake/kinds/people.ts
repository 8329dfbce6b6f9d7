// 人员信息: elders, young children and their guardians into the people registry. Natural key: the ID number (by its
// keyed hash), or name + birth date + living region for a person registered without one.
import { sql } from 'kysely';
import { LIVING_SITUATIONS, type LivingSituation } from '../../people/tables.ts';
import { countByRegion, insideRegions, mergeCounts, regionInForce, type Check } from '../checks.ts';
import { insertCheckingRegionsOnce } from '../bulk-insert.ts';
import type { Column, EnumOption } from '../columns.ts';
import type { IntakeKind, RowValues } from '../kind.ts';
import type { SealedIdNumber } from '../sealer.ts';

const LIVING_SITUATION_LABELS: Record<LivingSituation, string> = {
  alone: '独居',
  empty_nest: '空巢',
  left_behind: '留守',
  with_family: '与家人同住',
};

/** GB/T 42195-2022 final levels. */
export const CAPABILITY_OPTIONS: EnumOption[] = [
  { value: '0', label: '0 能力完好' },
  { value: '1', label: '1 轻度失能' },
  { value: '2', label: '2 中度失能' },
  { value: '3', label: '3 重度失能' },
  { value: '4', label: '4 完全失能' },
];

export const SEX_OPTIONS: EnumOption[] = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
];

const columns: Column[] = [
  { key: 'name', header: '姓名', type: 'text', maxLength: 100, required: true },
  {
    key: 'idNumber',
    header: '身份证号码',
    type: 'idNumber',
    required: false,
    note: '填写后性别、出生日期以号码为准；没有身份证号码的（如未落户的婴儿）留空，并填写性别和出生日期',
  },
  { key: 'sex', header: '性别', type: 'enum', options: SEX_OPTIONS, required: false },
  { key: 'birthDate', header: '出生日期', type: 'date', required: false },
  {
    key: 'regionCode',
    header: '居住地区划代码',
    type: 'regionCode',
    required: true,
    note: '常住地所在村（社区）12位代码，或乡镇（街道）9位代码；须在您的管辖范围内',
  },
  {
    key: 'registeredRegionCode',
    header: '户籍地区划代码',
    type: 'regionCode',
    required: false,
    note: '户籍所在地，可以在本市以外',
  },
  { key: 'address', header: '居住地址', type: 'text', maxLength: 300, required: false },
  {
    key: 'livingSituation',
    header: '居住情况',
    type: 'enum',
    options: LIVING_SITUATIONS.map((value) => ({ value, label: LIVING_SITUATION_LABELS[value] })),
    required: false,
  },
  {
    key: 'capabilityLevel',
    header: '能力等级',
    type: 'enum',
    options: CAPABILITY_OPTIONS,
    required: false,
    note: '老年人能力评估（GB/T 42195-2022）的等级，须同时填写评估日期',
  },
  { key: 'capabilityAssessedOn', header: '能力评估日期', type: 'date', required: false },
];

// The ID number's cell reader has checked it whole (format, check character, date), so its sex and birth date are
// read off it here rather than parsed a second time for every row of a million-row file.
const sexOf = (idNumber: string) => (Number(idNumber[16]) % 2 === 1 ? 'male' : 'female');
const birthDateOf = (idNumber: string) =>
  `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

/** Reasons a person row cannot be taken, once its cells have been read (so an ID number in it is a valid one). */
export function personRowProblems(row: RowValues, today: string): string[] {
  const problems: string[] = [];
  const idNumber = row.idNumber as string | null;
  if (idNumber !== null) {
    if (row.sex !== null && row.sex !== sexOf(idNumber)) problems.push('性别与身份证号码不符');
    if (row.birthDate !== null && row.birthDate !== birthDateOf(idNumber)) {
      problems.push('出生日期与身份证号码不符');
    }
  } else {
    if (row.sex === null) problems.push('未填身份证号码时须填写「性别」');
    if (row.birthDate === null) problems.push('未填身份证号码时须填写「出生日期」');
  }
  const birthDate = row.birthDate as string | null;
  if (idNumber === null && birthDate !== null && (birthDate < '1880-01-01' || birthDate > today)) {
    problems.push('「出生日期」不可能：不能早于1880年，也不能晚于今天');
  }
  if ((row.capabilityLevel === null) !== (row.capabilityAssessedOn === null)) {
    problems.push('「能力等级」与「能力评估日期」须同时填写');
  }
  const assessedOn = row.capabilityAssessedOn as string | null;
  if (assessedOn !== null && assessedOn > today) problems.push('「能力评估日期」不能晚于今天');
  return problems;
}

const WITH_ID = sql<boolean>`s.id_hash IS NOT NULL`;
const WITHOUT_ID = sql<boolean>`s.id_hash IS NULL`;

export const peopleKind: IntakeKind = {
  key: 'people',
  title: '人员信息',
  sheetName: '人员信息',
  entity: 'person',
  permission: 'people.write',
  principals: ['government', 'system'],
  columns,
  instructions: [
    '每行一人。已登记的人员（身份证号码相同；无身份证号码时姓名、出生日期和居住地均相同）按本表更新，其余新增登记。',
    '留空的选填项不会清除系统中已有的信息。',
    '身份证号码在服务器上加密保存，结果文件和导出中只显示脱敏号码。',
  ],
  placeOf: (row) => ({ regionCode: row.regionCode as string }),
  validate: (row, ctx) => personRowProblems(row, ctx.today),
  staging: [
    { name: 'name', type: 'text' },
    { name: 'sex', type: 'text' },
    { name: 'birth_date', type: 'date' },
    { name: 'id_cipher', type: 'bytea' },
    { name: 'id_key', type: 'text' },
    { name: 'id_hash', type: 'bytea' },
    { name: 'region_code', type: 'text' },
    { name: 'registered_region_code', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'living_situation', type: 'text' },
    { name: 'capability_level', type: 'smallint' },
    { name: 'capability_assessed_on', type: 'date' },
  ],
  stage(row, sealer) {
    let sex = row.sex;
    let birthDate = row.birthDate;
    let sealed: SealedIdNumber | null = null;
    if (row.idNumber !== null) {
      const idNumber = row.idNumber as string;
      sex = sexOf(idNumber);
      birthDate = birthDateOf(idNumber);
      sealed = sealer.seal(idNumber);
    }
    return [
      row.name,
      sex,
      birthDate,
      sealed && sealed.cipher,
      sealed && sealed.keyId,
      sealed && sealed.hash,
      row.regionCode,
      row.registeredRegionCode,
      row.address,
      row.livingSituation,
      row.capabilityLevel === null ? null : Number(row.capabilityLevel),
      row.capabilityAssessedOn,
    ];
  },
  checks(ctx): Check[] {
    const checks: Check[] = [
      regionInForce('region_code', '居住地区划代码', ctx.today),
      regionInForce('registered_region_code', '户籍地区划代码', null),
      sql`
        SELECT s.row_no, '系统中已有多名同名、同出生日期、同居住地的人员，请填写身份证号码加以区分'
        FROM intake_staging s
        JOIN person p ON p.name = s.name AND p.birth_date = s.birth_date AND p.region_code = s.region_code
        WHERE s.id_hash IS NULL
        GROUP BY s.row_no HAVING count(*) > 1`,
    ];
    if (ctx.scope.regions !== null) {
      // One index probe per staged row (the hash is unique): a chunk is small next to the registry, which a hash
      // join would read whole for every chunk of a large file.
      checks.push(sql`
        SELECT s.row_no, '该身份证号码已登记在您管辖范围以外的地区，须由该地区办理'
        FROM intake_staging s
        CROSS JOIN LATERAL (SELECT p.region_code FROM person p WHERE p.id_number_hash = s.id_hash LIMIT 1) p
        WHERE s.id_hash IS NOT NULL AND NOT ${insideRegions(sql`p.region_code`, ctx.scope.regions)}`);
    }
    return checks;
  },
  repeats: [
    { columns: ['id_hash'], label: '身份证号码相同', where: WITH_ID, idNumber: 'idNumber' },
    {
      columns: ['name', 'birth_date', 'region_code'],
      label: '姓名、出生日期、居住地相同且未填身份证号码',
      where: WITHOUT_ID,
    },
  ],
  // Every check but the repeats compares a row with the registry alone.
  appliesInChunks: true,
  async apply(tx) {
    // A blank optional cell keeps what is known; the capability level and its date change together.
    const changes = sql`
      region_code = s.region_code,
      name = s.name,
      address = coalesce(s.address, p.address),
      registered_region_code = coalesce(s.registered_region_code, p.registered_region_code),
      living_situation = coalesce(s.living_situation, p.living_situation),
      capability_level = coalesce(s.capability_level, p.capability_level),
      capability_assessed_on = CASE WHEN s.capability_level IS NULL THEN p.capability_assessed_on
                                    ELSE s.capability_assessed_on END,
      updated_at = now()`;
    const differs = sql`
      (p.region_code, p.name, p.address, p.registered_region_code, p.living_situation, p.capability_level,
       p.capability_assessed_on)
      IS DISTINCT FROM
      (s.region_code, s.name, coalesce(s.address, p.address),
       coalesce(s.registered_region_code, p.registered_region_code), coalesce(s.living_situation, p.living_situation),
       coalesce(s.capability_level, p.capability_level),
       CASE WHEN s.capability_level IS NULL THEN p.capability_assessed_on ELSE s.capability_assessed_on END)`;
    // The registered persons behind the staged ID numbers, found with one probe of the hash index per staged row and
    // shared by the update and the insert below (each probed the index itself before: ~3 s per million rows).
    await sql`CREATE TEMP TABLE IF NOT EXISTS intake_person_known (
                row_no integer PRIMARY KEY, region_code text NOT NULL, id bigint NOT NULL) ON COMMIT DROP`.execute(
      tx,
    );
    await sql`TRUNCATE intake_person_known`.execute(tx);
    await sql`
      INSERT INTO intake_person_known (row_no, region_code, id)
      SELECT s.row_no, p.region_code, p.id FROM intake_staging s JOIN person p ON p.id_number_hash = s.id_hash
      WHERE s.id_hash IS NOT NULL`.execute(tx);
    const byId = await countByRegion(sql`
      UPDATE person p SET ${changes}
      FROM intake_staging s JOIN intake_person_known k ON k.row_no = s.row_no
      WHERE p.region_code = k.region_code AND p.id = k.id AND ${differs}
      RETURNING p.region_code`).execute(tx);
    const byName = await countByRegion(sql`
      UPDATE person p SET ${changes}
      FROM intake_staging s
      WHERE s.id_hash IS NULL
        AND p.name = s.name AND p.birth_date = s.birth_date AND p.region_code = s.region_code AND ${differs}
      RETURNING p.region_code`).execute(tx);
    const insert = sql`
      INSERT INTO person (region_code, name, sex, birth_date, id_number_cipher, id_number_key_id, id_number_hash,
                          address, registered_region_code, living_situation, capability_level, capability_assessed_on)
      SELECT s.region_code, s.name, s.sex, s.birth_date, s.id_cipher, s.id_key, s.id_hash, s.address,
             s.registered_region_code, s.living_situation, s.capability_level, s.capability_assessed_on
      FROM intake_staging s`;
    // Two statements, so that each "not yet registered" is a plain anti-join however large the file.
    const created = await insertCheckingRegionsOnce(tx, {
      table: 'person',
      regionCodes: sql`SELECT region_code AS code FROM intake_staging
                       UNION ALL SELECT registered_region_code FROM intake_staging`,
      inserts: [
        countByRegion(sql`${insert}
          WHERE s.id_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intake_person_known k WHERE k.row_no = s.row_no)
          -- In region order the (region_code, …) indexes grow page by page instead of all over.
          ORDER BY s.region_code
          RETURNING region_code`),
        countByRegion(sql`${insert}
          WHERE s.id_hash IS NULL AND NOT EXISTS (
            SELECT 1 FROM person p
            WHERE p.name = s.name AND p.birth_date = s.birth_date AND p.region_code = s.region_code)
          RETURNING region_code`),
      ],
    });
    return mergeCounts(created.rows, [...byId.rows, ...byName.rows]);
  },
};
