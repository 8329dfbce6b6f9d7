// The demo's providers while they are being planned: organisations, facilities and each facility's capacity changes
// by date. Periods are derived with the providers domain's own rules (mergeCapacity, capacityProblems), so the demo
// can never hold a history the API would refuse.
import type {
  FacilityType,
  FireSafety,
  OrganisationType,
  Ownership,
  PremisesTenure,
} from '../domains/providers/facility-types.ts';
import { facilityDomain } from '../domains/providers/facility-types.ts';
import { capacityProblems, mergeCapacity, type CapacityFigures } from '../domains/providers/rules.ts';
import { makeUscc } from '../shared/uscc.ts';
import type { Random } from './random.ts';

export interface PlannedOrganisation {
  uscc: string;
  regionCode: string;
  name: string;
  organisationType: OrganisationType;
  ownership: Ownership;
  legalPerson: string;
  contactName: string;
  contactPhone: string;
  address: string;
}

export interface Fees {
  bed?: [number, number];
  nursing?: [number, number];
  meal?: [number, number];
  childcare?: [number, number];
  depositMax?: number;
}

export interface PlannedFacility {
  /** Unique within the demo: the key records refer to before the database gives ids. */
  name: string;
  organisationUscc: string;
  regionCode: string;
  facilityType: FacilityType;
  ownership: Ownership;
  address: string;
  coordinates: [number, number];
  openedOn: string;
  specialRoles: string[];
  residentTypes: string[];
  serviceModes: string[];
  premisesTenure: PremisesTenure;
  premisesLeaseEnds: string | null;
  fireSafety: FireSafety;
  foodLicenceNumber: string | null;
  liabilityInsurance: boolean;
  ltcInsuranceDesignated: boolean;
  videoSurveillance: boolean;
  fees: Fees;
  /** Set for the facilities whose capacity history must not be filed (see filing-plan.ts). */
  neverFiled?: boolean;
  /** Capacity changes by their first day; a date's change states only what changed. */
  changes: Map<string, CapacityChange>;
}

export type CapacityChange = Partial<CapacityFigures> & { note?: string };

export interface PlannedPeriod {
  from: string;
  to: string | null;
  figures: CapacityFigures;
  note: string | null;
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export class ProviderBook {
  readonly organisations: PlannedOrganisation[] = [];
  readonly facilities: PlannedFacility[] = [];
  private readonly usccs = new Set<string>();
  private readonly names = new Set<string>();

  constructor(private readonly random: Random) {}

  /**
   * A unified social credit code: registration category (11 organs of state, 12 public institutions, 52 social
   * organisations, 91 companies, 92 individual businesses), the county code, then an organisation code.
   */
  uscc(category: '11' | '12' | '52' | '91' | '92', countyCode: string): string {
    for (;;) {
      let body = '';
      for (let i = 0; i < 9; i++) body += USCC_BODY[this.random.int(0, USCC_BODY.length - 1)];
      const code = makeUscc(`${category}${countyCode}${body}`);
      if (!this.usccs.has(code)) return this.reserveUscc(code);
    }
  }

  reserveUscc(code: string): string {
    if (this.usccs.has(code)) throw new Error(`demo USCC ${code} used twice`);
    this.usccs.add(code);
    return code;
  }

  organisation(organisation: PlannedOrganisation): PlannedOrganisation {
    this.organisations.push(organisation);
    return organisation;
  }

  /** A facility name not yet taken: a second 康乐养老院 in a county becomes 康乐养老院二部. */
  freeName(wanted: string): string {
    const suffixes = ['', '二部', '三部', '分院', '东院', '西院', '南院', '北院'];
    for (const suffix of suffixes) {
      if (!this.names.has(wanted + suffix)) return wanted + suffix;
    }
    for (let n = 2; ; n++) if (!this.names.has(`${wanted}${n}`)) return `${wanted}${n}`;
  }

  facility(facility: Omit<PlannedFacility, 'changes'>, first: CapacityChange): PlannedFacility {
    if (this.names.has(facility.name)) throw new Error(`demo facility ${facility.name} named twice`);
    this.names.add(facility.name);
    const planned: PlannedFacility = { ...facility, changes: new Map() };
    this.change(planned, facility.openedOn, { operatingStatus: 'operating', ...first });
    this.facilities.push(planned);
    return planned;
  }

  /** Records a change from a date; two changes on one day become one. */
  change(facility: PlannedFacility, date: string, change: CapacityChange): void {
    if (date < facility.openedOn) throw new Error(`${facility.name}: change on ${date} before it opened`);
    facility.changes.set(date, { ...facility.changes.get(date), ...change });
  }

  /** The figures in effect on a date, or null before the facility opened. */
  figuresOn(facility: PlannedFacility, date: string): CapacityFigures | null {
    let figures: CapacityFigures | null = null;
    for (const [from, change] of sortedChanges(facility)) {
      if (from > date) break;
      figures = mergeCapacity(figures, withoutNote(change));
    }
    return figures;
  }

  /** The facility's history as periods [from, to), checked against the rules the API applies. */
  periods(facility: PlannedFacility): PlannedPeriod[] {
    const domain = facilityDomain(facility.facilityType);
    const changes = sortedChanges(facility);
    const periods: PlannedPeriod[] = [];
    let figures: CapacityFigures | null = null;
    changes.forEach(([from, change], index) => {
      figures = mergeCapacity(figures, withoutNote(change));
      const problems = capacityProblems(domain, figures);
      if (problems.length > 0) {
        throw new Error(`${facility.name} on ${from}: ${problems.map((p) => p.message['en-US']).join('; ')}`);
      }
      periods.push({
        from,
        to: changes[index + 1]?.[0] ?? null,
        figures,
        note: change.note ?? null,
      });
    });
    return periods;
  }
}

function sortedChanges(facility: PlannedFacility): [string, CapacityChange][] {
  return [...facility.changes].sort(([a], [b]) => a.localeCompare(b));
}

function withoutNote(change: CapacityChange): Partial<CapacityFigures> {
  const { note: _note, ...figures } = change;
  return figures;
}

export function placesOf(figures: CapacityFigures): number {
  return figures.placesInfant + figures.placesYoungToddler + figures.placesOlderToddler + figures.placesMixed;
}

/** A mobile number of the shape Chinese providers publish (synthetic). */
export function phoneNumber(random: Random): string {
  return `1${random.pick(['33', '35', '38', '39', '52', '55', '58', '77', '80', '86', '89'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}
