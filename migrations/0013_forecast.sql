-- Population forecasts (人口预测): one run projects a region (and, by Hamilton–Perry, its subdivisions) by sex and
-- 5-year age group to future years. Runs are kept side by side, never overwritten: a plan's denominator must be able
-- to say which projection it used. Projected figures live here, apart from population_figure, because they are
-- estimates derived by a method from stated inputs, not published statistics.
CREATE TABLE forecast_run (
  region_code  text NOT NULL REFERENCES region (code),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  method       text NOT NULL CHECK (method IN ('cohort_component', 'hamilton_perry')),
  basis        text NOT NULL CHECK (basis IN ('resident', 'registered')),
  base_year    integer NOT NULL CHECK (base_year BETWEEN 1949 AND 2100),
  -- The earlier count of Hamilton–Perry's two; cohort-component starts from one.
  earlier_year integer CHECK (earlier_year BETWEEN 1949 AND 2100),
  open_age     integer NOT NULL CHECK (open_age BETWEEN 5 AND 120 AND open_age % 5 = 0),
  target_years integer[] NOT NULL CHECK (cardinality(target_years) BETWEEN 1 AND 20),
  -- Which regions, years and sources the run read, and what it could not use: enough to redo it.
  inputs       jsonb NOT NULL,
  parameters   jsonb NOT NULL,
  created_by   bigint REFERENCES account (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  CHECK ((method = 'hamilton_perry') = (earlier_year IS NOT NULL)),
  CHECK (earlier_year IS NULL OR (base_year - earlier_year) IN (5, 10))
);
CREATE UNIQUE INDEX forecast_run_id_idx ON forecast_run (id);
CREATE INDEX forecast_run_region_idx ON forecast_run (region_code text_pattern_ops);

CREATE TABLE forecast_figure (
  region_code     text NOT NULL REFERENCES region (code),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  run_region_code text NOT NULL,
  run_id          bigint NOT NULL,
  year            integer NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  sex             text NOT NULL CHECK (sex IN ('male', 'female')),
  age_from        integer NOT NULL CHECK (age_from BETWEEN 0 AND 120 AND age_from % 5 = 0),
  -- NULL: the open group.
  age_to          integer CHECK (age_to = age_from + 4),
  -- The method's unrounded result, kept so that scaling can be checked and redone.
  projected       double precision NOT NULL CHECK (projected >= 0 AND projected < 'Infinity'),
  -- The published integer: the run's own region rounded, a subdivision scaled to its parent's total.
  count           bigint NOT NULL CHECK (count >= 0),
  scaled          boolean NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (run_region_code, run_id) REFERENCES forecast_run (region_code, id) ON DELETE CASCADE,
  -- A run projects its own region and places inside it, nothing else.
  CHECK (region_code LIKE run_region_code || '%'),
  CHECK (scaled = false OR region_code <> run_region_code),
  CONSTRAINT forecast_figure_key UNIQUE (run_id, region_code, year, sex, age_from)
);
CREATE UNIQUE INDEX forecast_figure_id_idx ON forecast_figure (id);
CREATE INDEX forecast_figure_lookup_idx ON forecast_figure (region_code, year);
