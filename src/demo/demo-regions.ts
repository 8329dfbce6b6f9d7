// The real divisions of the demo city, read from the region table: records are spread over its counties, townships
// and villages, and their addresses are written the way residents write them.
import type { Tx } from '../db/database.ts';
import type { Random } from './random.ts';

export interface DemoPlace {
  code: string;
  name: string;
  /** The name as used in an address: 桥头村 rather than 桥头村村民委员会. */
  shortName: string;
  countyCode: string;
}

export interface DemoTownship extends DemoPlace {
  kind: 'street' | 'town' | 'township' | 'other';
  villages: DemoVillage[];
}

export interface DemoVillage extends DemoPlace {
  townshipCode: string;
  urban: boolean;
}

export interface DemoCounty {
  code: string;
  name: string;
  /** Streets and towns: development zones hold no residents worth placing. */
  townships: DemoTownship[];
  /** Centre of the county's built-up area, for plausible coordinates. */
  centre: [longitude: number, latitude: number];
  /** How far facilities spread around the centre, in degrees. */
  spread: number;
}

export interface DemoRegions {
  cityCode: string;
  cityName: string;
  counties: DemoCounty[];
}

// Approximate centres of 淮北's four counties; 濉溪县 reaches far south to 临涣 and 双堆集.
const CENTRES: Record<string, { centre: [number, number]; spread: number }> = {
  '340602': { centre: [116.83, 34.0], spread: 0.06 },
  '340603': { centre: [116.79, 33.96], spread: 0.04 },
  '340604': { centre: [116.84, 33.88], spread: 0.07 },
  '340621': { centre: [116.7, 33.75], spread: 0.18 },
};

const VILLAGE_SUFFIX = /(村民委员会|村委会)$/;
const COMMUNITY_SUFFIX = /(社区居民委员会|社区居委会|居民委员会|居委会)$/;

export function villageShortName(name: string): { shortName: string; urban: boolean } {
  if (VILLAGE_SUFFIX.test(name)) {
    const stem = name.replace(VILLAGE_SUFFIX, '');
    return { shortName: stem.endsWith('村') ? stem : `${stem}村`, urban: false };
  }
  if (COMMUNITY_SUFFIX.test(name))
    return { shortName: `${name.replace(COMMUNITY_SUFFIX, '')}社区`, urban: true };
  return { shortName: name, urban: !name.includes('农场') };
}

export async function loadDemoRegions(tx: Tx, cityCode: string): Promise<DemoRegions> {
  const rows = await tx
    .selectFrom('region')
    .select(['code', 'name', 'level', 'parent_code', 'township_type'])
    .where('code', 'like', `${cityCode}%`)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  const city = rows.find((row) => row.code === cityCode);
  if (!city) throw new Error(`the demo city ${cityCode} is not in the region table`);
  const counties = new Map<string, DemoCounty>();
  const townships = new Map<string, DemoTownship>();
  for (const row of rows) {
    if (row.level === 'county') {
      const place = CENTRES[row.code] ?? { centre: [116.8, 33.9] as [number, number], spread: 0.1 };
      counties.set(row.code, { code: row.code, name: row.name, townships: [], ...place });
    } else if (row.level === 'township' && row.township_type !== 'other') {
      const township: DemoTownship = {
        code: row.code,
        name: row.name,
        shortName: row.name,
        countyCode: row.code.slice(0, 6),
        kind: row.township_type ?? 'other',
        villages: [],
      };
      townships.set(row.code, township);
      counties.get(township.countyCode)?.townships.push(township);
    } else if (row.level === 'village' && !row.name.includes('虚拟')) {
      const township = townships.get(row.parent_code ?? '');
      if (!township) continue;
      township.villages.push({
        code: row.code,
        name: row.name,
        ...villageShortName(row.name),
        countyCode: township.countyCode,
        townshipCode: township.code,
      });
    }
  }
  const result = [...counties.values()].filter((county) =>
    county.townships.some((township) => township.villages.length > 0),
  );
  if (result.length === 0) throw new Error(`the demo city ${cityCode} has no villages loaded`);
  return { cityCode, cityName: city.name, counties: result };
}

export function countyOf(regions: DemoRegions, code: string): DemoCounty {
  const county = regions.counties.find((candidate) => code.startsWith(candidate.code));
  if (!county) throw new Error(`no demo county holds ${code}`);
  return county;
}

export function townshipOf(regions: DemoRegions, code: string): DemoTownship {
  const township = countyOf(regions, code).townships.find((candidate) => code.startsWith(candidate.code));
  if (!township) throw new Error(`no demo township holds ${code}`);
  return township;
}

export function villagesOf(county: DemoCounty): DemoVillage[] {
  return county.townships.flatMap((township) => township.villages);
}

/** A street address inside a village or community, e.g. 淮北市相山区东山街道东山社区12栋3单元201室. */
export function addressIn(regions: DemoRegions, village: DemoVillage, random: Random): string {
  const township = townshipOf(regions, village.code);
  const county = countyOf(regions, village.code);
  const prefix = `${regions.cityName}${county.name}${township.name}${village.shortName}`;
  return village.urban
    ? `${prefix}${random.int(1, 40)}栋${random.int(1, 6)}单元${random.int(1, 6)}0${random.int(1, 4)}室`
    : `${prefix}${random.int(1, 12)}组${random.int(1, 99)}号`;
}

/** A point near the county's centre, rounded as a map pick would be. */
export function coordinatesIn(county: DemoCounty, random: Random): [number, number] {
  const jitter = () => (random.next() * 2 - 1) * county.spread;
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return [round(county.centre[0] + jitter()), round(county.centre[1] + jitter())];
}
