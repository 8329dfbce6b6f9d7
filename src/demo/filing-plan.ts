// The demo's filings (备案): most care homes and childcare providers filed, their records on the public list; the
// filings of 2020 matching the plan's 20 filed childcare institutions; a change filed after each later expansion;
// the closed township home deregistered; and what is still on the 相山区 desks (see pending-plan.ts). Every filing
// walks the workflow's own state machine, and deadlines come from the seeded rules and holiday calendar.
import { addDays, addWorkingDays } from '../domains/calendar/working-days.ts';
import type { WorkingCalendar } from '../domains/calendar/working-days.ts';
import {
  ruleFor,
  type DeadlineRule,
  type FilingDomain,
  type FilingKind,
} from '../domains/filing/deadlines.ts';
import { requiredDocuments, type DocumentType } from '../domains/filing/documents.ts';
import { FILED_FACILITY_TYPES } from '../domains/filing/fields.ts';
import { transition, type FilingAction, type FilingStatus } from '../domains/filing/state-machine.ts';
import { facilityDomain } from '../domains/providers/facility-types.ts';
import type { DemoRegions } from './demo-regions.ts';
import { countyOf } from './demo-regions.ts';
import type { DemoSize } from './demo-size.ts';
import { deregistrationFields, filingFields } from './filing-fields.ts';
import type { PendingFacilities } from './pending-plan.ts';
import { placesOf, type PlannedFacility, type ProviderBook } from './provider-book.ts';
import type { Random } from './random.ts';

export interface PlannedEvent {
  action: FilingAction;
  from: FilingStatus;
  to: FilingStatus;
  at: Date;
  reasons: string | null;
  deadline: string | null;
  published: boolean;
}

export interface PlannedFiling {
  facility: PlannedFacility;
  countyCode: string;
  domain: FilingDomain;
  kind: FilingKind;
  status: FilingStatus;
  fields: Record<string, unknown>;
  documents: DocumentType[];
  createdAt: Date;
  submittedAt: Date;
  receivedAt: Date | null;
  decidedAt: Date | null;
  events: PlannedEvent[];
}

export interface PlannedRecord {
  facility: PlannedFacility;
  countyCode: string;
  domain: FilingDomain;
  filingNumber: string;
  filedOn: string;
  updatedOn: string;
  deregisteredOn: string | null;
  fields: Record<string, unknown>;
  initial: PlannedFiling;
  last: PlannedFiling;
}

export interface FilingPlan {
  filings: PlannedFiling[];
  records: PlannedRecord[];
}

interface Context {
  book: ProviderBook;
  regions: DemoRegions;
  size: DemoSize;
  random: Random;
  asOf: string;
  rules: readonly DeadlineRule[];
  calendar: WorkingCalendar;
  pending: PendingFacilities;
}

/** 10:00 in 淮北 on a date (plus minutes, so one day's steps keep their order). */
const at = (date: string, minutes = 0) => new Date(Date.parse(`${date}T02:00:00Z`) + minutes * 60_000);

const CORRECTION_REASONS = [
  '消防验收意见书复印件不清晰，请重新上传',
  '场地租赁合同剩余期限未注明，请补充',
  '收费标准与公示价格不一致，请核对后重新提交',
];

const NON_COMPLIANCE_REASONS =
  '经现场核查，室内使用面积生均不足3平方米，未达到《托育机构设置标准（试行）》要求；请整改后重新备案。';

type FilingBase = Omit<PlannedFiling, 'status' | 'events' | 'receivedAt' | 'decidedAt' | 'submittedAt'>;

/** Runs the steps through the workflow's state machine, refusing any the API would refuse. */
function walk(ctx: Context, filing: FilingBase, steps: [FilingAction, string][]): PlannedFiling {
  let status: FilingStatus = 'draft';
  const events: PlannedEvent[] = [];
  let submittedAt: Date | null = null;
  let receivedAt: Date | null = null;
  let decidedAt: Date | null = null;
  let lastSubmit = '';
  for (const [index, [action, day]] of steps.entries()) {
    const reasons =
      action === 'request_correction'
        ? ctx.random.pick(CORRECTION_REASONS)
        : action === 'notify_non_compliance'
          ? NON_COMPLIANCE_REASONS
          : null;
    const result = transition(
      status,
      action,
      action === 'submit' || action === 'resubmit' ? 'provider' : 'reviewer',
      reasons,
    );
    if (!result.ok)
      throw new Error(`demo filing of ${filing.facility.name}: ${action} from ${status} (${result.code})`);
    const due = (step: 'receipt' | 'non_compliance_notice', from: string) => {
      const rule = ruleFor(ctx.rules, {
        domain: filing.domain,
        step,
        regionCode: filing.countyCode,
        on: from,
      });
      return rule ? addWorkingDays(from, rule.workingDays, ctx.calendar) : null;
    };
    if (action === 'submit' || action === 'resubmit') lastSubmit = day;
    const moment = at(day, index * 7);
    events.push({
      action,
      from: status,
      to: result.to,
      at: moment,
      reasons,
      deadline:
        action === 'submit' || action === 'resubmit'
          ? due('receipt', day)
          : action === 'receive'
            ? due('non_compliance_notice', lastSubmit)
            : null,
      published: result.published,
    });
    if (action === 'receive') receivedAt = moment;
    if (action === 'submit' || action === 'resubmit') {
      submittedAt = moment;
      receivedAt = null;
      decidedAt = null;
    }
    if (action === 'approve' || action === 'reject' || action === 'notify_non_compliance') decidedAt = moment;
    status = result.to;
  }
  if (!submittedAt) throw new Error(`demo filing of ${filing.facility.name} was never submitted`);
  return { ...filing, status, events, submittedAt, receivedAt, decidedAt };
}

/** submit → (receive →) [correction → resubmit →] approve, from a submission day; null if not done by asOf. */
function approvedSteps(ctx: Context, submitted: string): [FilingAction, string][] | null {
  const { random } = ctx;
  const received = addDays(submitted, random.int(1, 3));
  const steps: [FilingAction, string][] = [
    ['submit', submitted],
    ['receive', received],
  ];
  let last = received;
  if (random.chance(0.15)) {
    const asked = addDays(received, random.int(1, 4));
    const again = addDays(asked, random.int(2, 10));
    steps.push(['request_correction', asked], ['resubmit', again], ['receive', addDays(again, 1)]);
    last = addDays(again, 1);
  }
  const approved = addDays(last, random.int(2, 10));
  steps.push(['approve', approved]);
  return approved < ctx.asOf ? steps : null;
}

export function planFilings(ctx: Context): FilingPlan {
  const { book, random } = ctx;
  const organisations = new Map(book.organisations.map((organisation) => [organisation.uscc, organisation]));
  const filings: PlannedFiling[] = [];
  const records: PlannedRecord[] = [];
  const pending = new Set(Object.values(ctx.pending));

  const base = (facility: PlannedFacility, kind: FilingKind, day: string) => {
    const domain = facilityDomain(facility.facilityType);
    const county = countyOf(ctx.regions, facility.regionCode);
    const figures = book.figuresOn(facility, day)!;
    const fields =
      kind === 'deregistration'
        ? deregistrationFields(day, domain === 'elderly_care')
        : filingFields({
            domain,
            kind,
            facility,
            organisation: organisations.get(facility.organisationUscc)!,
            figures,
            countyName: county.name,
            filedOn: day,
            random,
          });
    return {
      facility,
      countyCode: county.code,
      domain,
      kind,
      fields,
      documents: requiredDocuments(domain, kind, fields),
      createdAt: at(addDays(day, -random.int(1, 5))),
    };
  };

  // Which childcare providers of 2020 had filed by the year's end: the plan's 20.
  const childcare2020 = book.facilities.filter(
    (facility) => facilityDomain(facility.facilityType) === 'childcare' && facility.openedOn <= '2020-12-31',
  );
  const filedBy2020 = new Set(random.shuffle(childcare2020).slice(0, ctx.size.childcare.filed2020));

  for (const facility of book.facilities) {
    if (!FILED_FACILITY_TYPES.includes(facility.facilityType) || facility.neverFiled || pending.has(facility))
      continue;
    const domain = facilityDomain(facility.facilityType);
    let submitted: string;
    if (domain === 'elderly_care') {
      // Filing replaced licensing in 2019: homes already open filed during 2019–2020, new ones soon after opening.
      submitted =
        facility.openedOn < '2019-03-01'
          ? random.date('2019-03-01', '2020-10-31')
          : addDays(facility.openedOn, random.chance(0.1) ? random.int(20, 40) : random.int(3, 12));
    } else if (filedBy2020.has(facility)) {
      const from = facility.openedOn > '2019-10-15' ? facility.openedOn : '2019-10-15';
      // Early enough that even a corrected filing is approved within 2020.
      submitted = random.date(from, '2020-11-15');
    } else if (facility.openedOn <= '2020-12-31') {
      if (random.chance(0.15) || facility.facilityType === 'home_childcare_point') continue;
      submitted = random.date('2021-02-01', '2022-12-15');
    } else {
      if (random.chance(0.12)) continue;
      submitted = addDays(facility.openedOn, random.int(5, 40));
    }
    const steps = approvedSteps(ctx, submitted);
    if (!steps) continue;
    const initial = walk(ctx, base(facility, 'initial', submitted), steps);
    filings.push(initial);
    const approvedOn = steps[steps.length - 1][1];
    const record: PlannedRecord = {
      facility,
      countyCode: initial.countyCode,
      domain,
      filingNumber: '',
      filedOn: approvedOn,
      updatedOn: approvedOn,
      deregisteredOn: null,
      fields: initial.fields,
      initial,
      last: initial,
    };
    records.push(record);

    // The last change of beds or places after filing is filed as a change; a closure as a deregistration.
    const changes = [...facility.changes.keys()].filter((day) => day > approvedOn).sort();
    const size = (day: string) => {
      const figures = book.figuresOn(facility, day)!;
      return domain === 'elderly_care'
        ? `${figures.bedsTotal}/${figures.bedsNursing}`
        : `${placesOf(figures)}/${figures.placesInclusive}`;
    };
    const closedOn = changes.find((day) => book.figuresOn(facility, day)!.operatingStatus === 'closed');
    const resized = changes.filter(
      (day) => (!closedOn || day < closedOn) && size(day) !== size(addDays(day, -1)),
    );
    const lastResize = resized[resized.length - 1];
    if (lastResize) {
      const day = addDays(lastResize, random.int(5, 20));
      const changeSteps = approvedSteps(ctx, day);
      if (changeSteps && (!closedOn || changeSteps[changeSteps.length - 1][1] < closedOn)) {
        const change = walk(ctx, base(facility, 'change', day), changeSteps);
        filings.push(change);
        record.fields = change.fields;
        record.last = change;
        record.updatedOn = changeSteps[changeSteps.length - 1][1];
      }
    }
    if (closedOn) {
      const day = addDays(closedOn, random.int(3, 10));
      const closeSteps = approvedSteps(ctx, day);
      if (closeSteps) {
        const closing = walk(ctx, base(facility, 'deregistration', closedOn), closeSteps);
        filings.push(closing);
        record.last = closing;
        record.updatedOn = closeSteps[closeSteps.length - 1][1];
        record.deregisteredOn = record.updatedOn;
      }
    }
  }

  // One nursery found below the standard on inspection: the refusal is published with its reasons.
  const filed = new Set(records.map((record) => record.facility));
  const refused = book.facilities.find(
    (facility) =>
      facility.facilityType === 'childcare_institution' &&
      facility.openedOn > '2021-01-01' &&
      !filed.has(facility) &&
      !pending.has(facility),
  );
  const refusedOn = refused && addDays(refused.openedOn, 20);
  if (refused && refusedOn && addDays(refusedOn, 10) < ctx.asOf) {
    filings.push(
      walk(ctx, base(refused, 'initial', refusedOn), [
        ['submit', refusedOn],
        ['receive', addDays(refusedOn, 2)],
        ['notify_non_compliance', addDays(refusedOn, 9)],
      ]),
    );
  }

  // On the desks today.
  const today = ctx.asOf;
  const { submitted, received, childcare } = ctx.pending;
  filings.push(walk(ctx, base(submitted, 'initial', addDays(today, -3)), [['submit', addDays(today, -3)]]));
  filings.push(
    walk(ctx, base(received, 'initial', addDays(today, -30)), [
      ['submit', addDays(today, -30)],
      ['receive', addDays(today, -28)],
    ]),
  );
  filings.push(walk(ctx, base(childcare, 'initial', addDays(today, -12)), [['submit', addDays(today, -12)]]));

  numberRecords(records);
  return { filings, records };
}

/** EC340603-2021-0007: by county, domain and year of filing, in the order they were filed (as nextFilingNumber). */
function numberRecords(records: PlannedRecord[]): void {
  const counters = new Map<string, number>();
  const prefix: Record<FilingDomain, string> = { elderly_care: 'EC', childcare: 'CC' };
  for (const record of [...records].sort((a, b) => a.filedOn.localeCompare(b.filedOn))) {
    const stem = `${prefix[record.domain]}${record.countyCode}-${record.filedOn.slice(0, 4)}-`;
    const next = (counters.get(stem) ?? 0) + 1;
    counters.set(stem, next);
    record.filingNumber = `${stem}${String(next).padStart(4, '0')}`;
  }
}
