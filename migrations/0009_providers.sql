-- Providers: what an organisation is, the facilities it runs, and each facility's capacity as history.
-- Capacity is never overwritten: a facility's beds, places, floor area, status and grade live in periods that do not
-- overlap, so "beds on 2020-12-31" has an answer long after the numbers changed.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Columns are NULLable: organisations registered before this migration (and the demo one) have not recorded them.
ALTER TABLE organisation
  ADD COLUMN organisation_type text CHECK (organisation_type IN (
    'government_agency', 'public_institution', 'social_organisation', 'company', 'individual_business', 'other')),
  ADD COLUMN ownership text CHECK (ownership IN ('public', 'private', 'publicly_built_privately_operated')),
  ADD COLUMN legal_person text CHECK (legal_person <> '' AND length(legal_person) <= 100),
  ADD COLUMN contact_name text CHECK (contact_name <> '' AND length(contact_name) <= 100),
  ADD COLUMN contact_phone text CHECK (contact_phone ~ '^[0-9+() -]{5,30}$'),
  ADD COLUMN address text CHECK (address <> '' AND length(address) <= 300),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX organisation_subtree_idx ON organisation (region_code text_pattern_ops);

CREATE TABLE facility (
  region_code     text NOT NULL REFERENCES region (code),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  name            text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  facility_type   text NOT NULL CHECK (facility_type IN (
    'care_home', 'township_care_home', 'community_elderly_centre', 'day_care_centre', 'meal_point',
    'rural_mutual_aid_home', 'medical_care_institution',
    'childcare_institution', 'kindergarten_toddler_class', 'community_childcare_point', 'home_childcare_point')),
  -- The department that supervises a facility follows from its type (民政 elderly care, 卫健 childcare); kept in the
  -- row so scoping by domain is an indexable column, and generated so it can never disagree with the type.
  domain          text NOT NULL GENERATED ALWAYS AS (
    CASE WHEN facility_type IN (
      'childcare_institution', 'kindergarten_toddler_class', 'community_childcare_point', 'home_childcare_point')
    THEN 'childcare' ELSE 'elderly_care' END) STORED,
  ownership       text NOT NULL CHECK (ownership IN ('public', 'private', 'publicly_built_privately_operated')),
  address         text NOT NULL CHECK (address <> '' AND length(address) <= 300),
  longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
  latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
  opened_on       date CHECK (opened_on >= DATE '1949-10-01'),
  special_roles   text[] NOT NULL DEFAULT '{}'
    CHECK (special_roles <@ ARRAY['extreme_poverty_support', 'honour_home', 'street_centre']::text[]),
  resident_types  text[] NOT NULL DEFAULT '{}'
    CHECK (resident_types <@ ARRAY['self_care', 'semi_disabled', 'disabled', 'demented']::text[]),
  service_modes   text[] NOT NULL DEFAULT '{}'
    CHECK (service_modes <@ ARRAY['full_day', 'half_day', 'hourly', 'temporary']::text[]),
  premises_tenure text CHECK (premises_tenure IN ('owned', 'leased', 'free_use')),
  premises_lease_ends date,
  fire_safety     text CHECK (fire_safety IN ('passed', 'pending', 'failed')),
  food_licence_number text CHECK (food_licence_number <> '' AND length(food_licence_number) <= 64),
  liability_insurance boolean,
  ltc_insurance_designated boolean,
  video_surveillance boolean,
  -- Published monthly fees in yuan (收费标准), as ranges.
  bed_fee_min       integer CHECK (bed_fee_min >= 0),
  bed_fee_max       integer,
  nursing_fee_min   integer CHECK (nursing_fee_min >= 0),
  nursing_fee_max   integer,
  meal_fee_min      integer CHECK (meal_fee_min >= 0),
  meal_fee_max      integer,
  childcare_fee_min integer CHECK (childcare_fee_min >= 0),
  childcare_fee_max integer,
  deposit_max       integer CHECK (deposit_max >= 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  CHECK ((longitude IS NULL) = (latitude IS NULL)),
  CHECK (premises_tenure = 'leased' OR premises_lease_ends IS NULL),
  CHECK (bed_fee_max >= bed_fee_min),
  CHECK (nursing_fee_max >= nursing_fee_min),
  CHECK (meal_fee_max >= meal_fee_min),
  CHECK (childcare_fee_max >= childcare_fee_min),
  -- Staff rows reference these together so a staff member's facility belongs to their organisation and domain.
  UNIQUE (region_code, id, organisation_id, domain)
);
CREATE UNIQUE INDEX facility_id_idx ON facility (id);
CREATE INDEX facility_subtree_idx ON facility (region_code text_pattern_ops, domain);
CREATE INDEX facility_organisation_idx ON facility (organisation_id);

-- One period of a facility's capacity and state. valid_during is [from, to): `to` is the first day the figures no
-- longer apply, open-ended while they still do. Recording new figures closes the open period the day before.
CREATE TABLE facility_capacity (
  region_code     text NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  facility_id     bigint NOT NULL,
  valid_during    daterange NOT NULL CHECK (
    NOT isempty(valid_during) AND NOT lower_inf(valid_during) AND lower(valid_during) >= DATE '1949-10-01'),
  operating_status text NOT NULL CHECK (operating_status IN ('preparing', 'operating', 'suspended', 'closed')),
  beds_total      integer NOT NULL DEFAULT 0 CHECK (beds_total BETWEEN 0 AND 100000),
  beds_nursing    integer NOT NULL DEFAULT 0 CHECK (beds_nursing >= 0),
  beds_dementia   integer NOT NULL DEFAULT 0 CHECK (beds_dementia >= 0),
  beds_inclusive  integer NOT NULL DEFAULT 0 CHECK (beds_inclusive >= 0),
  places_infant        integer NOT NULL DEFAULT 0 CHECK (places_infant BETWEEN 0 AND 10000),
  places_young_toddler integer NOT NULL DEFAULT 0 CHECK (places_young_toddler BETWEEN 0 AND 10000),
  places_older_toddler integer NOT NULL DEFAULT 0 CHECK (places_older_toddler BETWEEN 0 AND 10000),
  places_mixed         integer NOT NULL DEFAULT 0 CHECK (places_mixed BETWEEN 0 AND 10000),
  places_inclusive     integer NOT NULL DEFAULT 0 CHECK (places_inclusive >= 0),
  -- 普惠: the facility is designated inclusive (subsidised, price-capped) during the period.
  inclusive       boolean NOT NULL DEFAULT false,
  floor_area      numeric(10, 1) CHECK (floor_area > 0 AND floor_area <= 1000000),
  grade           smallint CHECK (grade BETWEEN 1 AND 5),
  medical_integration text NOT NULL DEFAULT 'none' CHECK (medical_integration IN (
    'none', 'signed_agreement', 'nursing_station', 'internal_clinic', 'hospital')),
  note            text CHECK (length(note) <= 500),
  recorded_by     bigint REFERENCES account (id),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  -- A facility that moves to another region takes its history along.
  FOREIGN KEY (region_code, facility_id) REFERENCES facility (region_code, id) ON UPDATE CASCADE,
  CHECK (beds_nursing <= beds_total AND beds_dementia <= beds_total AND beds_inclusive <= beds_total),
  CHECK (places_inclusive <= places_infant + places_young_toddler + places_older_toddler + places_mixed),
  CONSTRAINT facility_capacity_no_overlap EXCLUDE USING gist (facility_id WITH =, valid_during WITH &&)
);
CREATE UNIQUE INDEX facility_capacity_id_idx ON facility_capacity (id);
-- "Capacity of a subtree on a date" in one index scan: the subtree as a range of codes, the date inside the period.
CREATE INDEX facility_capacity_subtree_during_idx ON facility_capacity USING gist (region_code, valid_during);
