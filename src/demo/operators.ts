// Who runs the demo's community services: each county's public welfare centre (the 举办者 of public facilities) and a
// handful of social organisations and companies that operate publicly built facilities (公建民营).
import type { Ownership, OrganisationType } from '../domains/providers/facility-types.ts';
import type { DemoCounty, DemoRegions } from './demo-regions.ts';
import { surname, personName } from './names.ts';
import { phoneNumber, type PlannedOrganisation, type ProviderBook } from './provider-book.ts';
import type { Random } from './random.ts';

export interface Operators {
  /** The county's public welfare institution, by county code. */
  publicOf: Map<string, PlannedOrganisation>;
  /** Private operators of public facilities; each works in one county. */
  privateIn: Map<string, PlannedOrganisation[]>;
}

const OPERATOR_NAMES: [name: string, category: '52' | '91'][] = [
  ['颐康居家养老服务中心', '52'],
  ['众康养老服务有限公司', '91'],
  ['乐龄社会工作服务中心', '52'],
  ['夕阳红居家养老服务有限公司', '91'],
  ['邻里互助养老服务中心', '52'],
  ['康馨养老服务有限公司', '91'],
  ['惠民健康养老产业有限公司', '91'],
  ['暖阳社会工作服务社', '52'],
];

export function organisationFor(
  book: ProviderBook,
  random: Random,
  spec: {
    county: DemoCounty;
    regionCode: string;
    name: string;
    category: '11' | '12' | '52' | '91' | '92';
    ownership: Ownership;
    address: string;
    uscc?: string;
  },
): PlannedOrganisation {
  const types: Record<typeof spec.category, OrganisationType> = {
    '11': 'government_agency',
    '12': 'public_institution',
    '52': 'social_organisation',
    '91': 'company',
    '92': 'individual_business',
  };
  const family = surname(random);
  return book.organisation({
    uscc: spec.uscc ? book.reserveUscc(spec.uscc) : book.uscc(spec.category, spec.county.code),
    regionCode: spec.regionCode,
    name: spec.name,
    organisationType: types[spec.category],
    ownership: spec.ownership,
    legalPerson: personName(random, random.chance(0.6) ? 'male' : 'female', '1972-01-01', family),
    contactName: personName(random, random.chance(0.3) ? 'male' : 'female', '1985-01-01'),
    contactPhone: phoneNumber(random),
    address: spec.address,
  });
}

export function planOperators(book: ProviderBook, regions: DemoRegions, random: Random): Operators {
  const publicOf = new Map<string, PlannedOrganisation>();
  const privateIn = new Map<string, PlannedOrganisation[]>();
  const names = random.shuffle(OPERATOR_NAMES);
  regions.counties.forEach((county, index) => {
    const seat = county.townships[0];
    publicOf.set(
      county.code,
      organisationFor(book, random, {
        county,
        regionCode: seat.code,
        name: `${county.name}社会福利服务中心`,
        category: '12',
        ownership: 'public',
        address: `${regions.cityName}${county.name}${seat.name}民政服务大厅`,
      }),
    );
    // Two operators per county, so the publicly built stations are not all run by one company.
    privateIn.set(
      county.code,
      [0, 1].map((k) => {
        const [stem, category] = names[(index * 2 + k) % names.length];
        return organisationFor(book, random, {
          county,
          regionCode: seat.code,
          name: `${regions.cityName}${county.name}${stem}`,
          category,
          ownership: 'private',
          address: `${regions.cityName}${county.name}${seat.name}${random.int(1, 200)}号`,
        });
      }),
    );
  });
  return { publicOf, privateIn };
}
