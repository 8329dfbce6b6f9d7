// How big the demo city is. `full` reproduces 淮北's published 2020 figures (plans.md, 淮北 section) and grows toward
// the plan's 2025 targets; `small` has every kind of record, in every county, at a size tests load in well under a
// second.

export type DemoSizeName = 'full' | 'small';

/** Years after the 2020 baseline whose year-end figures the demo's history reaches. */
export const GROWTH_YEARS = [2021, 2022, 2023, 2024, 2025, 2026] as const;

export interface DemoSize {
  name: DemoSizeName;
  /** 养老机构 on 2020-12-31. The plan's 51 count township homes for extreme-poverty elders (敬老院) and the ten
   * medical-care institutions among them: 《养老机构管理办法》 makes both 养老机构, and the plan's 10 医养结合机构 with
   * 2,103 beds are a subset of its 51 with 8,554 beds. */
  residential: {
    townshipCareHomes: number;
    medicalCare: number;
    /** Other care homes, the provider demo account's 康乐养老院 among them. */
    careHomes: number;
    beds: number;
    nursingBeds: number;
    medicalCareBeds: number;
    /** Institutions other than the medical-care ones with an internal clinic or nursing station. */
    withClinic: number;
    /** Care homes that never filed (康乐养老院 among them, so its account can try the filing). */
    unfiled: number;
    /** Care homes opened in each growth year. */
    openedByYear: number[];
    /** Beds and nursing-type share at each growth year's end. */
    bedsByYear: number[];
    nursingShareByYear: number[];
  };
  /** 县（区）、镇（街道）、村（社区）养老服务中心 on 2020-12-31, and stations opened each growth year. */
  centres: {
    countyLevel: number;
    townshipLevel: number;
    stations: number;
    dayCare: number;
    openedByYear: number[];
  };
  /** The plan gives no count for these: synthetic, and said so in their records. */
  mealPoints: number;
  mutualAidHomes: number;
  childcare: {
    institutions: number;
    toddlerClasses: number;
    communityPoints: number;
    homePoints: number;
    places: number;
    /** Inclusive (普惠) on 2020-12-31, and designated in 2021: the plan's 14 projects of 2020–2021. */
    inclusive2020: number;
    inclusive2021: number;
    /** 登记备案的托育机构数 on 2020-12-31. */
    filed2020: number;
    newPlacesByYear: number[];
    inclusiveShareByYear: number[];
  };
  staff: {
    /** 养老护理专业人才数 at the end of 2020 and of each growth year. */
    certifiedCarers: number[];
    /** Social workers in elderly care, 0.3 per 1,000 elders in 2020 toward 1 by 2025. */
    socialWorkers: number[];
    placesPerChildcareWorker: number;
  };
  people: { elders: number; children: number };
}

export const FULL: DemoSize = {
  name: 'full',
  residential: {
    townshipCareHomes: 18,
    medicalCare: 10,
    careHomes: 23,
    beds: 8_554,
    nursingBeds: 4_529,
    medicalCareBeds: 2_103,
    withClinic: 19,
    unfiled: 3,
    openedByYear: [1, 2, 2, 1, 2, 0],
    // "养老床位突破10000张" by 2025; nursing-type share toward 55%.
    bedsByYear: [8_880, 9_240, 9_580, 9_860, 10_160, 10_300],
    nursingShareByYear: [0.535, 0.54, 0.545, 0.55, 0.556, 0.56],
  },
  centres: {
    countyLevel: 4,
    townshipLevel: 32,
    stations: 110,
    dayCare: 40,
    openedByYear: [8, 8, 6, 6, 4, 2],
  },
  mealPoints: 60,
  mutualAidHomes: 80,
  childcare: {
    institutions: 24,
    toddlerClasses: 12,
    communityPoints: 5,
    homePoints: 2,
    places: 1_869,
    inclusive2020: 6,
    inclusive2021: 8,
    filed2020: 20,
    // The plan's new places for 2021–2025 (2,664 / 2,000 / 2,200 / 800 / 500), then a little more in 2026.
    newPlacesByYear: [2_664, 2_000, 2_200, 800, 500, 300],
    inclusiveShareByYear: [0.22, 0.35, 0.45, 0.53, 0.6, 0.61],
  },
  staff: {
    certifiedCarers: [529, 560, 595, 630, 660, 694, 700],
    socialWorkers: [97, 125, 160, 200, 250, 324, 330],
    placesPerChildcareWorker: 7,
  },
  people: { elders: 3_000, children: 500 },
};

export const SMALL: DemoSize = {
  name: 'small',
  residential: {
    townshipCareHomes: 2,
    medicalCare: 1,
    careHomes: 3,
    beds: 600,
    nursingBeds: 318,
    medicalCareBeds: 150,
    withClinic: 2,
    unfiled: 1,
    openedByYear: [0, 1, 0, 0, 1, 0],
    bedsByYear: [630, 660, 690, 710, 730, 740],
    nursingShareByYear: [0.535, 0.54, 0.545, 0.55, 0.556, 0.56],
  },
  centres: { countyLevel: 1, townshipLevel: 4, stations: 4, dayCare: 2, openedByYear: [1, 0, 1, 0, 0, 0] },
  mealPoints: 2,
  mutualAidHomes: 2,
  childcare: {
    institutions: 3,
    toddlerClasses: 1,
    communityPoints: 1,
    homePoints: 1,
    places: 150,
    inclusive2020: 1,
    inclusive2021: 1,
    filed2020: 3,
    newPlacesByYear: [160, 120, 120, 50, 30, 20],
    inclusiveShareByYear: [0.22, 0.35, 0.45, 0.53, 0.6, 0.61],
  },
  staff: {
    certifiedCarers: [37, 39, 42, 44, 46, 48, 49],
    socialWorkers: [7, 8, 10, 12, 14, 16, 16],
    placesPerChildcareWorker: 7,
  },
  people: { elders: 90, children: 16 },
};

export const DEMO_SIZES: Record<DemoSizeName, DemoSize> = { full: FULL, small: SMALL };
