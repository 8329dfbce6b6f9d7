// The indicator catalogue: every indicator the five seed plans state, as definitions, and the plans' wordings
// that map onto them. Loaded into indicator_definition, where later edits (a switch to computed) are data.
import type { ComputationKey } from './computations.ts';
import type { IndicatorDomain, IndicatorMethod, PopulationBasisOf, RollUp } from './tables.ts';

export interface IndicatorDefinition {
  key: string;
  nameZh: string;
  nameEn: string;
  domain: IndicatorDomain;
  method: IndicatorMethod;
  numerator: ComputationKey | null;
  denominator: ComputationKey | null;
  factor: 1 | 100 | 1000 | 10000;
  unit: string;
  decimals: number;
  direction: 'higher' | 'lower';
  measure: 'stock' | 'flow';
  populationBasis: PopulationBasisOf | null;
  rollUp: RollUp;
}

const E: IndicatorDomain = 'elderly_care';
const C: IndicatorDomain = 'childcare';

function count(
  key: string,
  zh: string,
  en: string,
  domain: IndicatorDomain,
  unit: string,
  of: ComputationKey,
) {
  return def(key, zh, en, domain, 'computed', of, null, 1, unit, 0, 'sum', null);
}

function ratio(
  key: string,
  zh: string,
  en: string,
  domain: IndicatorDomain,
  numerator: ComputationKey,
  denominator: ComputationKey,
  factor: 100 | 1000 | 10000,
  decimals: number,
) {
  const unit = factor === 100 ? '%' : factor === 1000 ? '‰' : '‱';
  const basis = /population/.test(denominator)
    ? denominator.startsWith('registered')
      ? 'registered'
      : 'resident'
    : null;
  return def(key, zh, en, domain, 'computed', numerator, denominator, factor, unit, decimals, 'ratio', basis);
}

/** No record computes it yet: values are entered with their source, and cannot be summed over regions. */
function entered(key: string, zh: string, en: string, domain: IndicatorDomain, unit: string, decimals = 1) {
  return def(key, zh, en, domain, 'entered', null, null, 1, unit, decimals, 'none', null);
}

function def(
  key: string,
  nameZh: string,
  nameEn: string,
  domain: IndicatorDomain,
  method: IndicatorMethod,
  numerator: ComputationKey | null,
  denominator: ComputationKey | null,
  factor: IndicatorDefinition['factor'],
  unit: string,
  decimals: number,
  rollUp: RollUp,
  populationBasis: PopulationBasisOf | null,
): IndicatorDefinition {
  return {
    key,
    nameZh,
    nameEn,
    domain,
    method,
    numerator,
    denominator,
    factor,
    unit,
    decimals,
    direction: 'higher',
    measure: 'stock',
    populationBasis,
    rollUp,
  };
}

export const CATALOGUE: readonly IndicatorDefinition[] = [
  // Computed from the providers, staff and population registries.
  count('elderly_beds', '养老床位数', 'elderly-care beds', E, '张', 'beds_total'),
  ratio(
    'nursing_bed_share',
    '护理型床位占比',
    'nursing-type bed share',
    E,
    'nursing_beds',
    'beds_total',
    100,
    1,
  ),
  ratio(
    'beds_per_1000_elderly',
    '每千名老年人养老床位数',
    'beds per 1,000 elderly',
    E,
    'beds_total',
    'population_60_plus',
    1000,
    1,
  ),
  ratio(
    'inclusive_bed_share',
    '普惠性床位占比',
    'inclusive bed share',
    E,
    'inclusive_beds',
    'beds_total',
    100,
    1,
  ),
  ratio(
    'private_bed_share',
    '社会办养老机构床位占比',
    'share of beds in socially run institutions',
    E,
    'private_beds',
    'beds_total',
    100,
    1,
  ),
  ratio(
    'dementia_beds_per_10000_elderly',
    '每万名老年人认知障碍床位数',
    'dementia beds per 10,000 elderly',
    E,
    'dementia_beds',
    'population_60_plus',
    10000,
    1,
  ),
  count('certified_carers', '养老护理专业人才数', 'certified elderly carers', E, '人', 'certified_carers'),
  // 每万人: per 10,000 residents, as 舟山 states it (16 in 2020 fits its ~1,900 certified carers).
  ratio(
    'certified_carers_per_10000',
    '每万人拥有持证养老护理员数',
    'certified carers per 10,000 residents',
    E,
    'certified_carers',
    'resident_population',
    10000,
    1,
  ),
  ratio(
    'social_workers_per_1000_elderly',
    '每千名老年人社会工作者数',
    'social workers per 1,000 elderly',
    E,
    'social_workers',
    'population_60_plus',
    1000,
    1,
  ),
  count('childcare_places', '托位数', 'childcare places', C, '个', 'childcare_places'),
  ratio(
    'childcare_places_per_1000',
    '每千常住人口托位数',
    'childcare places per 1,000 residents',
    C,
    'childcare_places',
    'resident_population',
    1000,
    2,
  ),
  ratio(
    'inclusive_place_share',
    '普惠性托位占比',
    'inclusive childcare place share',
    C,
    'inclusive_childcare_places',
    'childcare_places',
    100,
    1,
  ),
  ratio(
    'inclusive_childcare_provider_share',
    '托育机构普惠性占比',
    'share of childcare providers that are inclusive',
    C,
    'inclusive_childcare_facilities',
    'childcare_facilities',
    100,
    1,
  ),
  count('childcare_staff', '托育服务专业人才数', 'childcare professionals', C, '人', 'childcare_staff'),
  ratio(
    'childcare_staff_certified_rate',
    '托育从业人员持证上岗率',
    'certified share of childcare staff',
    C,
    'certified_childcare_staff',
    'childcare_staff',
    100,
    1,
  ),
  // Entered: no registry holds what these count (yet).
  entered('pension_insurance_coverage', '基本养老保险参保率', 'basic pension insurance coverage', E, '%'),
  entered('medical_insurance_coverage', '基本医疗保险参保率', 'basic medical insurance coverage', E, '%'),
  entered(
    'elderly_accident_insurance_coverage',
    '老年人意外伤害保险参保率',
    'elderly accident insurance coverage',
    E,
    '%',
  ),
  entered(
    'extreme_poverty_concentrated_support_rate',
    '有集中供养意愿的特困人员集中供养率',
    'concentrated support of willing extreme-poverty persons',
    E,
    '%',
  ),
  entered(
    'disabled_extreme_poverty_concentrated_support_rate',
    '生活不能自理特困人员集中供养率',
    'concentrated support of disabled extreme-poverty persons',
    E,
    '%',
  ),
  entered(
    'home_community_care_coverage',
    '居家社区养老服务覆盖率',
    'home and community care coverage',
    E,
    '%',
  ),
  entered(
    'new_residential_elderly_facility_compliance',
    '新建居住区配套养老服务设施达标率',
    'elderly facilities in new residential areas up to standard',
    E,
    '%',
  ),
  entered('family_care_beds', '家庭养老床位数', 'family care beds', E, '张', 0),
  entered(
    'family_care_beds_per_1000_elderly',
    '家庭养老床位占老年人口比例',
    'family care beds per 1,000 elderly',
    E,
    '‰',
  ),
  // Computed from verified caring-visit records (src/domains/visits).
  ratio(
    'monthly_visit_rate',
    '特殊困难老年人月探访率',
    'monthly visits to elders in special difficulty',
    E,
    'visited_targets',
    'visit_targets',
    100,
    1,
  ),
  entered('life_expectancy', '人均预期寿命', 'life expectancy', E, '岁', 2),
  entered('care_home_revenue', '养老机构营收规模', 'care home revenue', E, '万元', 0),
  entered(
    'elderly_industry_scale',
    '养老产业规模及增加值',
    'elderly-care industry scale and value added',
    E,
    '',
  ),
  entered(
    'care_industry_investment',
    '养老托育产业总投资',
    'total investment in elderly care and childcare',
    E,
    '亿元',
  ),
  entered(
    'elderly_education_participation',
    '经常性参与教育活动的老年人口比例',
    'elderly regularly in education',
    E,
    '%',
  ),
  entered(
    'elderly_volunteer_share',
    '老年志愿者注册人数占老年人口比例',
    'registered elderly volunteers',
    E,
    '%',
  ),
  entered('age_friendly_communities', '示范性老年友好社区数', 'model age-friendly communities', E, '个', 0),
  entered(
    'safety_net_bed_compliance',
    '公益性兜底保障养老床位达标率',
    'public safety-net beds up to standard',
    E,
    '%',
  ),
  entered('elderly_health_management_rate', '老年人健康管理率', 'elderly health management rate', E, '%'),
  entered(
    'backbone_elderly_enterprises',
    '骨干养老企业数量',
    'backbone elderly-care enterprises',
    E,
    '家',
    0,
  ),
  entered(
    'lottery_fund_elderly_share',
    '福彩公益金用于养老服务比例',
    'welfare-lottery funds spent on elderly care',
    E,
    '%',
  ),
  entered('senior_university_coverage', '老年大学覆盖面', 'senior university coverage', E, ''),
  entered(
    'senior_universities_per_county',
    '每个县（市、区）老年大学数',
    'senior universities per county',
    E,
    '所',
    0,
  ),
  entered(
    'street_comprehensive_centre_coverage',
    '街道综合性养老服务机构覆盖率',
    'streets with a comprehensive elderly-service centre',
    E,
    '%',
  ),
  entered(
    'township_comprehensive_centre_coverage',
    '乡镇综合性养老服务机构覆盖率',
    'townships with a comprehensive elderly-service institution',
    E,
    '%',
  ),
  entered(
    'urban_community_facility_coverage',
    '城镇社区养老服务设施覆盖率',
    'urban communities with elderly facilities',
    E,
    '%',
  ),
  entered('rural_facility_coverage', '农村养老服务设施覆盖率', 'rural elderly facility coverage', E, '%'),
  entered('three_star_care_homes', '三星级养老机构数', 'three-star care homes', E, '家', 0),
  entered(
    'community_day_care_coverage',
    '城市社区日间照料机构和服务覆盖率',
    'urban community day-care coverage',
    E,
    '%',
  ),
  entered(
    'county_regional_centre_share',
    '建成区域养老服务中心的县比例',
    'counties with a regional elderly-service centre',
    E,
    '%',
  ),
  entered(
    'geriatric_department_share',
    '二级以上综合医院设老年医学科比例',
    'general hospitals with a geriatrics department',
    E,
    '%',
  ),
  entered(
    'smart_care_home_county_coverage',
    '智慧养老院县（区）覆盖率',
    'counties with a smart care home',
    E,
    '%',
  ),
  entered('care_consortia', '累计新建康养联合体', 'care-and-health consortia built', E, '家', 0),
  entered(
    'rehabilitation_beds_per_1000_elderly',
    '每千名老年人医疗机构康复护理床位',
    'rehabilitation nursing beds per 1,000 elderly',
    E,
    '张',
  ),
  entered('newborn_visit_rate', '新生儿访视率', 'newborn home-visit rate', C, '%', 2),
  entered('vaccination_rate', '预防接种率', 'vaccination rate', C, '%'),
  entered('filed_childcare_providers', '登记备案的托育机构数', 'filed childcare providers', C, '家', 0),
  entered('model_childcare_providers', '示范性婴幼儿照护服务机构数', 'model childcare providers', C, '家', 0),
  entered('backbone_childcare_enterprises', '骨干托育企业数量', 'backbone childcare enterprises', C, '家', 0),
  entered('infant_health_management_rate', '婴幼儿健康管理率', 'infant health management rate', C, '%'),
  entered(
    'early_development_guidance_coverage',
    '婴幼儿早期发展指导覆盖面',
    'early development guidance coverage',
    C,
    '%',
    2,
  ),
  entered(
    'exclusive_breastfeeding_rate',
    '0-6个月婴儿纯母乳喂养率',
    'exclusive breastfeeding 0–6 months',
    C,
    '%',
    2,
  ),
  entered('child_screening_rate', '0-3岁儿童监测筛查率', 'screening of children 0–3', C, '%', 2),
  entered(
    'township_childcare_coverage',
    '乡镇（街道）婴幼儿照护机构覆盖率',
    'townships with a childcare provider',
    C,
    '%',
  ),
];

/** Each plan's own wording of an indicator → the definition that computes it. */
export const WORDINGS: Readonly<Record<string, string>> = {
  基本养老保险参保率: 'pension_insurance_coverage',
  户籍人口基本养老保险参保率: 'pension_insurance_coverage',
  基本医疗保险参保率: 'medical_insurance_coverage',
  户籍人口基本医疗保险参保率: 'medical_insurance_coverage',
  老年人意外伤害保险参保率: 'elderly_accident_insurance_coverage',
  有集中供养意愿的特困人员集中供养率: 'extreme_poverty_concentrated_support_rate',
  生活不能自理特困人员集中供养率: 'disabled_extreme_poverty_concentrated_support_rate',
  居家社区养老服务覆盖率: 'home_community_care_coverage',
  新建城区和新建居住区配套建设养老服务设施达标率: 'new_residential_elderly_facility_compliance',
  新建居住区养老服务设施达标率: 'new_residential_elderly_facility_compliance',
  '新建居住（小）区配套建设养老服务设施覆盖率': 'new_residential_elderly_facility_compliance',
  养老机构护理型养老床位占比: 'nursing_bed_share',
  护理型养老床位占比: 'nursing_bed_share',
  护理型床位占比: 'nursing_bed_share',
  养老机构护理型床位占比: 'nursing_bed_share',
  家庭养老床位数: 'family_care_beds',
  家庭养老床位占老年人口比例: 'family_care_beds_per_1000_elderly',
  特殊困难老年人月探访率: 'monthly_visit_rate',
  人均预期寿命: 'life_expectancy',
  养老机构营收规模: 'care_home_revenue',
  养老产业规模及增加值: 'elderly_industry_scale',
  养老托育产业总投资: 'care_industry_investment',
  养老护理专业人才数: 'certified_carers',
  每万人拥有持证养老护理员数: 'certified_carers_per_10000',
  每千名老年人配套社会工作者人数: 'social_workers_per_1000_elderly',
  每千名老年人社会工作者数: 'social_workers_per_1000_elderly',
  经常性参与教育活动的老年人口比例: 'elderly_education_participation',
  老年志愿者注册人数占老年人口比例: 'elderly_volunteer_share',
  '示范性老年友好社区（活力发展社区）数': 'age_friendly_communities',
  示范性老年友好社区: 'age_friendly_communities',
  养老床位数: 'elderly_beds',
  养老服务床位数: 'elderly_beds',
  养老机构床位数: 'elderly_beds',
  每千名老年人养老床位数: 'beds_per_1000_elderly',
  公益性兜底保障养老床位达标率: 'safety_net_bed_compliance',
  普惠性养老机构床位占比: 'inclusive_bed_share',
  普惠性床位占比: 'inclusive_bed_share',
  社会办养老机构床位占比: 'private_bed_share',
  每万名老年人配有认知障碍床位: 'dementia_beds_per_10000_elderly',
  每千名老年人拥有医疗机构康复护理床位: 'rehabilitation_beds_per_1000_elderly',
  老年人健康管理率: 'elderly_health_management_rate',
  骨干养老企业数量: 'backbone_elderly_enterprises',
  '财政（福彩公益金）投入比例': 'lottery_fund_elderly_share',
  福利彩票公益金用于养老服务比例: 'lottery_fund_elderly_share',
  福彩公益金用于支持发展养老服务和医养结合服务的投入比例: 'lottery_fund_elderly_share',
  老年大学覆盖面: 'senior_university_coverage',
  '每个县（市、区）老年大学数': 'senior_universities_per_county',
  街道具备综合功能的区域养老服务机构覆盖率: 'street_comprehensive_centre_coverage',
  城市街道综合性养老服务中心建成率: 'street_comprehensive_centre_coverage',
  乡镇具备综合功能的养老服务机构覆盖率: 'township_comprehensive_centre_coverage',
  城镇社区养老服务设施覆盖率: 'urban_community_facility_coverage',
  农村养老服务设施覆盖率: 'rural_facility_coverage',
  三星级养老机构数: 'three_star_care_homes',
  城市社区日间照料机构和服务覆盖率: 'community_day_care_coverage',
  '建成区域养老服务中心的县（市、区）比例': 'county_regional_centre_share',
  二级以上综合医院设老年医学科比例: 'geriatric_department_share',
  '智慧养老院县（区）覆盖率': 'smart_care_home_county_coverage',
  累计新建康养联合体: 'care_consortia',
  新生儿访视率: 'newborn_visit_rate',
  预防接种率: 'vaccination_rate',
  登记备案的托育机构数: 'filed_childcare_providers',
  托育机构备案数: 'filed_childcare_providers',
  示范性婴幼儿照护服务机构数: 'model_childcare_providers',
  骨干托育企业数量: 'backbone_childcare_enterprises',
  托位数: 'childcare_places',
  每千常住人口托位数: 'childcare_places_per_1000',
  每千人口拥有3岁以下婴幼儿托位数: 'childcare_places_per_1000',
  常住人口每千人拥有3岁以下托位数: 'childcare_places_per_1000',
  每千人拥有3岁以下婴幼儿托位数: 'childcare_places_per_1000',
  普惠性托位占比: 'inclusive_place_share',
  '乡镇（街道）托育机构普惠性占比': 'inclusive_childcare_provider_share',
  托育服务专业人才数: 'childcare_staff',
  从业人员持证上岗率: 'childcare_staff_certified_rate',
  托育服务从业人员持证上岗率: 'childcare_staff_certified_rate',
  婴幼儿健康管理率: 'infant_health_management_rate',
  婴幼儿早期发展指导覆盖面: 'early_development_guidance_coverage',
  '0-6个月婴儿纯母乳喂养率': 'exclusive_breastfeeding_rate',
  '0-3岁儿童监测筛查率': 'child_screening_rate',
  '乡镇（街道）3岁以下婴幼儿照护机构覆盖率': 'township_childcare_coverage',
};

const BY_KEY = new Map(CATALOGUE.map((definition) => [definition.key, definition]));

export function definitionOf(key: string): IndicatorDefinition | undefined {
  return BY_KEY.get(key);
}
