// Staff of the demo's providers, with the certificates and checks the standards ask for. Elderly care reproduces the
// plan's 529 certified carers (养老护理专业人才数) and 0.3 social workers per 1,000 elders on 2020-12-31 and grows
// toward its 2025 targets, with people leaving and being hired each year; every childcare worker is certified (持证
// 上岗率 100%), one per seven places, with background checks and yearly health certificates.
import { addDays } from '../domains/calendar/working-days.ts';
import { facilityDomain, type FacilityDomain } from '../domains/providers/facility-types.ts';
import type { Sex } from '../domains/people/tables.ts';
import type { BackgroundCheckKind, CertificateType, StaffRole } from '../domains/staff/staff-types.ts';
import { apportion } from './apportion.ts';
import type { DemoSize } from './demo-size.ts';
import { GROWTH_YEARS } from './demo-size.ts';
import type { IdNumberMint } from './id-numbers.ts';
import { personName } from './names.ts';
import { placesOf, type PlannedFacility, type ProviderBook } from './provider-book.ts';
import type { Random } from './random.ts';
import { RESIDENTIAL_TYPES } from './residential-plan.ts';
import { BASELINE_DAY, dayIn, yearWindow } from './timeline.ts';

export interface PlannedCertificate {
  type: CertificateType;
  number: string;
  issuer: string;
  validFrom: string;
  validTo: string | null;
}

export interface PlannedCheck {
  kind: BackgroundCheckKind;
  result: 'passed' | 'failed';
  checkedOn: string;
  validTo: string | null;
}

export interface PlannedStaff {
  facility: PlannedFacility;
  domain: FacilityDomain;
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string;
  role: StaffRole;
  employedFrom: string;
  employedTo: string | null;
  certificates: PlannedCertificate[];
  checks: PlannedCheck[];
}

interface Context {
  book: ProviderBook;
  size: DemoSize;
  random: Random;
  asOf: string;
  mint: IdNumberMint;
}

const ISSUERS: Record<CertificateType, string> = {
  elderly_carer: '淮北市职业技能鉴定指导中心',
  childcare_worker: '淮北市人力资源和社会保障局',
  nurse: '安徽省卫生健康委员会',
  social_worker: '人力资源和社会保障部 民政部',
  health_certificate: '淮北市疾病预防控制中心',
  doctor: '安徽省卫生健康委员会',
  teacher: '淮北市教育局',
  other: '淮北市民政局',
};
const PREFIX: Record<CertificateType, string> = {
  elderly_carer: 'YL',
  childcare_worker: 'BY',
  nurse: 'HS',
  social_worker: 'SG',
  health_certificate: 'JK',
  doctor: 'YS',
  teacher: 'JS',
  other: 'QT',
};

class Roster {
  readonly staff: PlannedStaff[] = [];
  private serial = 0;

  constructor(private readonly ctx: Context) {}

  hire(
    facility: PlannedFacility,
    role: StaffRole,
    from: string,
    certified: CertificateType | null,
  ): PlannedStaff {
    const { random, mint } = this.ctx;
    const womenMostly = role === 'carer' || role === 'childcare_worker' || role === 'nurse';
    const sex: Sex = random.chance(womenMostly ? 0.85 : 0.5) ? 'female' : 'male';
    const year = Number(from.slice(0, 4));
    const birthDate = random.date(`${year - 55}-01-01`, `${year - 20}-12-31`);
    const member: PlannedStaff = {
      facility,
      domain: facilityDomain(facility.facilityType),
      name: personName(random, sex, birthDate),
      sex,
      birthDate,
      idNumber: mint.issue(facility.regionCode.slice(0, 6), birthDate, sex),
      role,
      employedFrom: from,
      employedTo: null,
      certificates: [],
      checks: [],
    };
    if (certified) this.certify(member, certified, random.date(addDays(from, -720), from));
    this.staff.push(member);
    return member;
  }

  certify(member: PlannedStaff, type: CertificateType, validFrom: string): void {
    // Nurses re-register every five years, so a nurse holds one registration after another up to today; the other
    // qualifications do not expire.
    for (let from = validFrom; from <= this.ctx.asOf; from = addDays(from, 5 * 365)) {
      this.serial += 1;
      member.certificates.push({
        type,
        number: `${PREFIX[type]}${from.slice(0, 4)}${member.facility.regionCode.slice(0, 6)}${String(this.serial).padStart(5, '0')}`,
        issuer: ISSUERS[type],
        validFrom: from,
        validTo: type === 'nurse' ? addDays(from, 5 * 365 - 1) : null,
      });
      if (type !== 'nurse') break;
    }
  }

  employedOn(member: PlannedStaff, day: string): boolean {
    return member.employedFrom <= day && (member.employedTo === null || member.employedTo >= day);
  }

  certifiedOn(member: PlannedStaff, type: CertificateType, day: string): boolean {
    return member.certificates.some(
      (certificate) =>
        certificate.type === type &&
        certificate.validFrom <= day &&
        (certificate.validTo === null || certificate.validTo >= day),
    );
  }
}

function operatingOn(book: ProviderBook, facility: PlannedFacility, day: string): boolean {
  return book.figuresOn(facility, day)?.operatingStatus === 'operating';
}

export function planStaff(ctx: Context): PlannedStaff[] {
  const { book, random, size } = ctx;
  const roster = new Roster(ctx);
  const residential = book.facilities.filter((facility) =>
    (RESIDENTIAL_TYPES as readonly string[]).includes(facility.facilityType),
  );
  const centres = book.facilities.filter(
    (facility) =>
      facility.facilityType === 'community_elderly_centre' && !facility.name.endsWith('养老服务站'),
  );
  const beds = (facility: PlannedFacility, day: string) => book.figuresOn(facility, day)?.bedsTotal ?? 0;
  const hireDay = (facility: PlannedFacility, until: string) => {
    const from = facility.openedOn > '2010-01-01' ? facility.openedOn : '2010-01-01';
    return from >= until ? from : random.date(from, until);
  };

  // 2020-12-31: carers (the plan's certified ones and colleagues without a certificate), nurses, managers.
  const open2020 = residential.filter((facility) => operatingOn(book, facility, BASELINE_DAY));
  const certified2020 = apportion(
    size.staff.certifiedCarers[0],
    open2020.map((facility) => beds(facility, BASELINE_DAY)),
  );
  open2020.forEach((facility, i) => {
    for (let k = 0; k < certified2020[i]; k++)
      roster.hire(facility, 'carer', hireDay(facility, '2020-12-01'), 'elderly_carer');
    for (let k = 0; k < Math.round(certified2020[i] * 0.3) + 1; k++) {
      roster.hire(facility, 'carer', hireDay(facility, '2020-12-01'), null);
    }
    roster.hire(facility, 'manager', hireDay(facility, '2020-06-30'), 'other');
    const figures = book.figuresOn(facility, BASELINE_DAY)!;
    if (figures.medicalIntegration !== 'none' && figures.medicalIntegration !== 'signed_agreement') {
      for (let k = 0; k < Math.max(1, Math.round(figures.bedsTotal / 40)); k++) {
        roster.hire(facility, 'nurse', hireDay(facility, '2020-12-01'), 'nurse');
      }
    }
  });
  // Some who worked here before and left: history, not headcount.
  for (const facility of random.shuffle(open2020).slice(0, Math.ceil(open2020.length / 3))) {
    const former = roster.hire(
      facility,
      'carer',
      hireDay(facility, '2018-12-31'),
      random.chance(0.5) ? 'elderly_carer' : null,
    );
    former.employedTo = random.date(
      addDays(former.employedFrom, 60) < '2020-11-30' ? addDays(former.employedFrom, 60) : '2020-11-30',
      '2020-11-30',
    );
  }
  const socialHomes = [
    ...open2020,
    ...centres.filter((facility) => operatingOn(book, facility, BASELINE_DAY)),
  ];
  const social2020 = apportion(
    size.staff.socialWorkers[0],
    socialHomes.map((facility) => Math.max(beds(facility, BASELINE_DAY), 60)),
  );
  socialHomes.forEach((facility, i) => {
    for (let k = 0; k < social2020[i]; k++) {
      roster.hire(
        facility,
        'social_worker',
        hireDay(facility, '2020-12-01'),
        random.chance(0.7) ? 'social_worker' : null,
      );
    }
  });

  GROWTH_YEARS.forEach((year, index) => {
    const window = yearWindow(year, ctx.asOf);
    if (!window) return;
    const yearEnd = window[1];
    // Staff of a home that closed leave with it.
    for (const member of roster.staff) {
      if (member.domain !== 'elderly_care' || !roster.employedOn(member, yearEnd)) continue;
      const status = book.figuresOn(member.facility, yearEnd)?.operatingStatus;
      if (status === 'closed') {
        const closedOn = [...member.facility.changes].find(
          ([, change]) => change.operatingStatus === 'closed',
        )![0];
        member.employedTo =
          addDays(closedOn, -1) >= member.employedFrom ? addDays(closedOn, -1) : member.employedFrom;
      }
    }
    const open = residential.filter((facility) => operatingOn(book, facility, yearEnd));
    const weights = open.map((facility) => beds(facility, yearEnd));
    const carers = () =>
      roster.staff.filter(
        (member) =>
          member.role === 'carer' &&
          roster.employedOn(member, yearEnd) &&
          roster.certifiedOn(member, 'elderly_carer', yearEnd),
      );
    const current = carers();
    const leaving = random.shuffle(current).slice(0, Math.round(current.length * 0.04));
    for (const member of leaving) {
      const day = dayIn(window, random);
      member.employedTo = day > member.employedFrom ? day : member.employedFrom;
    }
    let need = size.staff.certifiedCarers[index + 1] - carers().length;
    // Colleagues without a certificate pass the examination; new certified carers fill the rest.
    const learners = random
      .shuffle(
        roster.staff.filter(
          (member) =>
            member.role === 'carer' &&
            roster.employedOn(member, yearEnd) &&
            !roster.certifiedOn(member, 'elderly_carer', yearEnd) &&
            member.employedFrom < window[0],
        ),
      )
      .slice(0, Math.max(0, Math.floor(need / 2)));
    for (const member of learners) roster.certify(member, 'elderly_carer', dayIn(window, random));
    need -= learners.length;
    if (need > 0 && open.length > 0) {
      const hires = apportion(need, weights);
      open.forEach((facility, i) => {
        for (let k = 0; k < hires[i]; k++) {
          const from = facility.openedOn >= window[0] ? facility.openedOn : dayIn(window, random);
          roster.hire(facility, 'carer', from, 'elderly_carer');
        }
      });
    }
    // New homes need managers and a few carers still in training.
    for (const facility of open.filter((candidate) => candidate.openedOn >= window[0])) {
      roster.hire(facility, 'manager', facility.openedOn, 'other');
      roster.hire(facility, 'carer', facility.openedOn, null);
    }
    const social = roster.staff.filter(
      (member) => member.role === 'social_worker' && roster.employedOn(member, yearEnd),
    );
    const socialNeed = size.staff.socialWorkers[index + 1] - social.length;
    const socialOpen = [...open, ...centres.filter((facility) => operatingOn(book, facility, yearEnd))];
    if (socialNeed > 0 && socialOpen.length > 0) {
      const hires = apportion(
        socialNeed,
        socialOpen.map((facility) => Math.max(beds(facility, yearEnd), 60)),
      );
      socialOpen.forEach((facility, i) => {
        for (let k = 0; k < hires[i]; k++) {
          const from = facility.openedOn >= window[0] ? facility.openedOn : dayIn(window, random);
          roster.hire(facility, 'social_worker', from, random.chance(0.7) ? 'social_worker' : null);
        }
      });
    }
  });

  planChildcareStaff(ctx, roster);
  return roster.staff;
}

/** One certified worker per seven places, hired as places open; a health worker and a manager each. */
function planChildcareStaff(ctx: Context, roster: Roster): void {
  const { book, random, size } = ctx;
  for (const facility of book.facilities) {
    if (facilityDomain(facility.facilityType) !== 'childcare') continue;
    const days = [...facility.changes.keys()].filter((day) => day <= ctx.asOf).sort();
    let workers: PlannedStaff[] = [];
    const point = facility.facilityType === 'home_childcare_point';
    if (!point) {
      roster.hire(facility, 'manager', facility.openedOn, 'teacher');
      roster.hire(facility, 'health_worker', facility.openedOn, 'nurse');
    }
    for (const day of days) {
      const figures = book.figuresOn(facility, day)!;
      if (figures.operatingStatus === 'closed') {
        for (const member of roster.staff.filter((m) => m.facility === facility && m.employedTo === null)) {
          member.employedTo =
            addDays(day, -1) >= member.employedFrom ? addDays(day, -1) : member.employedFrom;
        }
        workers = [];
        continue;
      }
      const wanted = Math.ceil(placesOf(figures) / size.staff.placesPerChildcareWorker);
      while (workers.length < wanted)
        workers.push(roster.hire(facility, 'childcare_worker', day, 'childcare_worker'));
    }
    // Turnover: some leave and are replaced, the replacement certified like everyone else.
    for (const member of [...workers]) {
      const leaveBy = addDays(ctx.asOf, -30);
      if (member.employedFrom >= addDays(leaveBy, -365) || !random.chance(0.08)) continue;
      const left = random.date(addDays(member.employedFrom, 180), leaveBy);
      member.employedTo = left;
      workers.push(roster.hire(facility, 'childcare_worker', addDays(left, 1), 'childcare_worker'));
    }
  }
  // Background checks of every childcare employee: no record of abuse on hiring, a health certificate every year.
  const today = ctx.asOf;
  roster.staff.forEach((member, index) => {
    if (member.domain !== 'childcare') return;
    member.checks.push({
      kind: 'no_abuse_record',
      result: 'passed',
      checkedOn: member.employedFrom,
      validTo: null,
    });
    const last = member.employedTo ?? today;
    const years = Math.floor((Date.parse(last) - Date.parse(member.employedFrom)) / (365.25 * 86_400_000));
    // The latest two yearly checks are kept; one in forty is overdue, which the console shows as a gap.
    const overdue = member.employedTo === null && index % 40 === 7 && years >= 1;
    for (let k = Math.max(0, years - 1 - (overdue ? 1 : 0)); k <= years - (overdue ? 1 : 0); k++) {
      const checkedOn = addDays(member.employedFrom, Math.round(k * 365.25) - 7);
      if (checkedOn > today) continue;
      member.checks.push({
        kind: 'health_certificate',
        result: 'passed',
        checkedOn,
        validTo: addDays(checkedOn, 364),
      });
    }
  });
}
