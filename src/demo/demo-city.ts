import { inTransaction, type Db } from '../db/database.ts';
import { hashPassword } from '../domains/accounts/password.ts';
import type { Domain, PrincipalType, RoleName } from '../domains/accounts/tables.ts';
import { sealIdNumber } from '../domains/people/id-number-field.ts';
import { makeIdNumber, parseIdNumber } from '../shared/id-number.ts';
import type { PersonalDataKeys } from '../shared/personal-data.ts';
import { makeUscc } from '../shared/uscc.ts';

export const DEMO_PASSWORD = 'laoyou2026';
export const DEMO_CITY = '3406';

interface DemoLogin {
  username: string;
  displayName: string;
  principalType: PrincipalType;
  role: RoleName;
  regionCode?: string;
  domain?: Domain;
  description: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  {
    username: 'city.civil',
    displayName: '淮北市民政局 王科长',
    principalType: 'government',
    role: 'officer',
    regionCode: '3406',
    domain: 'elderly_care',
    description: '淮北市民政局 city civil-affairs officer (elderly care)',
  },
  {
    username: 'xiangshan.civil',
    displayName: '相山区民政局 李干事',
    principalType: 'government',
    role: 'officer',
    regionCode: '340603',
    domain: 'elderly_care',
    description: '相山区民政局 district officer (elderly care)',
  },
  {
    username: 'city.health',
    displayName: '淮北市卫健委 张科长',
    principalType: 'government',
    role: 'officer',
    regionCode: '3406',
    domain: 'childcare',
    description: '淮北市卫健委 city health-commission officer (childcare)',
  },
  {
    username: 'city.planning',
    displayName: '淮北市发改委 赵科长',
    principalType: 'government',
    role: 'officer',
    regionCode: '3406',
    domain: 'planning',
    description: '淮北市发改委 city planning officer',
  },
  {
    username: 'provider.demo',
    displayName: '相山区康乐养老院 陈院长',
    principalType: 'provider',
    role: 'provider_admin',
    description: '相山区康乐养老院 provider administrator',
  },
  {
    username: 'family.demo',
    displayName: '刘女士',
    principalType: 'family',
    role: 'family_member',
    description: '刘女士 family member (相山区)',
  },
];

const DISTRICTS = ['340602', '340603', '340604', '340621'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['秀英', '桂兰', '玉兰', '建国', '德明', '文华', '淑珍', '国强', '春梅', '志刚'];

/** 淮北市 as a newcomer first sees it: accounts for every kind of user, one provider and a few residents. */
export async function loadDemoCity(db: Db, keys: PersonalDataKeys): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(db, async (tx) => {
    const organisation = await tx
      .insertInto('organisation')
      .values({ region_code: '340603', uscc: makeUscc('52340603MJB12345X'), name: '淮北市相山区康乐养老院' })
      .returning('id')
      .executeTakeFirstOrThrow();

    const people = [];
    for (let i = 0; i < 40; i++) {
      const county = DISTRICTS[i % DISTRICTS.length];
      const year = 1930 + ((i * 7) % 35);
      const birthDate = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      const idNumber = makeIdNumber(county, birthDate, 100 + i * 2 + (i % 2));
      const parsed = parseIdNumber(idNumber);
      if (!parsed.ok) throw new Error(`demo ID number ${i} invalid`);
      people.push({
        region_code: county,
        name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 3) % GIVEN.length],
        sex: parsed.sex,
        birth_date: parsed.birthDate,
        address: `淮北市演示路${i + 1}号`,
        ...sealIdNumber(keys, idNumber),
      });
    }
    const familyIdNumber = makeIdNumber('340603', '1978-05-16', 122);
    const familyPerson = await tx
      .insertInto('person')
      .values({
        region_code: '340603',
        name: '刘晓梅',
        sex: 'female',
        birth_date: '1978-05-16',
        address: '淮北市相山区人民路12号',
        ...sealIdNumber(keys, familyIdNumber),
      })
      .returning(['region_code', 'id'])
      .executeTakeFirstOrThrow();
    await tx.insertInto('person').values(people).execute();

    for (const login of DEMO_LOGINS) {
      const account = await tx
        .insertInto('account')
        .values({
          username: login.username,
          display_name: login.displayName,
          principal_type: login.principalType,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('account_role')
        .values({
          account_id: account.id,
          role: login.role,
          region_code: login.regionCode ?? null,
          domain: login.domain ?? null,
          organisation_id: login.role === 'provider_admin' ? organisation.id : null,
          person_region_code: login.role === 'family_member' ? familyPerson.region_code : null,
          person_id: login.role === 'family_member' ? familyPerson.id : null,
        })
        .execute();
    }
  });
}
