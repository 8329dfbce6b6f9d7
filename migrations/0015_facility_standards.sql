-- Facility standards the plans set per city (domain.md §8): community elderly-service floor area per 100 households,
-- childcare places per 1,000 residents, elderly-facility land per resident. Each is a city's parameter with a
-- validity period, so a revised standard is a new row from its date and the checks of earlier dates stay as they were.
-- A region is held to the standard of the nearest region above it (itself included) that states one.
CREATE TABLE facility_standard (
  region_code   text NOT NULL REFERENCES region (code),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  measure       text NOT NULL CHECK (measure IN (
    'elderly_space_per_100_households', 'childcare_places_per_1000_residents', 'elderly_land_per_resident')),
  -- 新建居住区 and 老城区/已建成居住区 have different minimums; 'all' where the plan makes no difference.
  area_type     text NOT NULL CHECK (area_type IN ('new', 'existing', 'all')),
  minimum       numeric NOT NULL CHECK (minimum > 0),
  -- "每处不少于300平方米": the smallest single site that counts toward the floor-area standard.
  site_minimum  numeric CHECK (site_minimum > 0),
  valid_from    date NOT NULL,
  valid_to      date,
  source        text NOT NULL CHECK (source <> '' AND length(source) <= 300),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  CHECK (site_minimum IS NULL OR measure = 'elderly_space_per_100_households'),
  CONSTRAINT facility_standard_one_at_a_time EXCLUDE USING gist (
    region_code WITH =, measure WITH =, area_type WITH =, daterange(valid_from, valid_to, '[)') WITH &&)
);
CREATE UNIQUE INDEX facility_standard_id_idx ON facility_standard (id);

-- Persons per household, to turn resident counts into households where the statistics publish no household count.
-- Per region and period like the standards; the nearest region above that states one applies.
CREATE TABLE household_size (
  region_code   text NOT NULL REFERENCES region (code),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  persons       numeric(4, 2) NOT NULL CHECK (persons >= 1 AND persons <= 10),
  valid_from    date NOT NULL,
  valid_to      date,
  source        text NOT NULL CHECK (source <> '' AND length(source) <= 300),
  PRIMARY KEY (region_code, id),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  CONSTRAINT household_size_one_at_a_time EXCLUDE USING gist (
    region_code WITH =, daterange(valid_from, valid_to, '[)') WITH &&)
);
CREATE UNIQUE INDEX household_size_id_idx ON household_size (id);
