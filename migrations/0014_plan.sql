-- Plans as data: indicator definitions (what a number means and how records compute it), the plans' indicator
-- tables with their published baselines and targets, entered values with their history, and the key tasks.

-- One definition serves every plan that states the indicator, each under its own wording (plan_indicator.wording).
-- numerator/denominator name computations registered in code (src/domains/plan/computations.ts); an 'entered'
-- indicator has none that records can answer yet and takes its values from indicator_value.
CREATE TABLE indicator_definition (
  key              text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name_zh          text NOT NULL CHECK (name_zh <> '' AND length(name_zh) <= 200),
  name_en          text NOT NULL CHECK (name_en <> '' AND length(name_en) <= 200),
  domain           text NOT NULL CHECK (domain IN ('elderly_care', 'childcare')),
  method           text NOT NULL CHECK (method IN ('computed', 'entered')),
  numerator        text CHECK (numerator ~ '^[a-z][a-z0-9_]*$'),
  denominator      text CHECK (denominator ~ '^[a-z][a-z0-9_]*$'),
  factor           numeric NOT NULL DEFAULT 1 CHECK (factor IN (1, 100, 1000, 10000)),
  unit             text NOT NULL CHECK (length(unit) <= 20),
  decimals         smallint NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 4),
  direction        text NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
  measure          text NOT NULL DEFAULT 'stock' CHECK (measure IN ('stock', 'flow')),
  population_basis text CHECK (population_basis IN ('resident', 'registered')),
  -- A ratio rolls up from summed numerators and denominators; a count sums; an entered share cannot be rolled up.
  roll_up          text NOT NULL CHECK (roll_up IN ('sum', 'ratio', 'none')),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (method = 'entered' OR numerator IS NOT NULL),
  CHECK (denominator IS NULL OR numerator IS NOT NULL),
  CHECK (roll_up <> 'ratio' OR denominator IS NOT NULL)
);

-- Entered values are appended, never overwritten: a correction is a newer row, and an indicator switched to
-- 'computed' keeps its entered past.
CREATE TABLE indicator_value (
  region_code   text NOT NULL REFERENCES region (code),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  indicator_key text NOT NULL REFERENCES indicator_definition (key) ON UPDATE CASCADE,
  as_of         date NOT NULL CHECK (as_of >= DATE '1949-10-01'),
  value         numeric NOT NULL,
  source        text NOT NULL CHECK (source <> '' AND length(source) <= 300),
  note          text CHECK (length(note) <= 500),
  entered_by    bigint REFERENCES account (id),
  entered_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id)
);
CREATE UNIQUE INDEX indicator_value_id_idx ON indicator_value (id);
CREATE INDEX indicator_value_lookup_idx ON indicator_value (indicator_key, region_code text_pattern_ops, as_of);

CREATE TABLE plan (
  region_code  text NOT NULL REFERENCES region (code),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL CHECK (name <> '' AND length(name) <= 300),
  period_from  integer NOT NULL CHECK (period_from BETWEEN 2000 AND 2100),
  period_to    integer NOT NULL CHECK (period_to BETWEEN 2000 AND 2100),
  source_file  text NOT NULL UNIQUE CHECK (source_file <> '' AND length(source_file) <= 200),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  CHECK (period_to >= period_from)
);
CREATE UNIQUE INDEX plan_id_idx ON plan (id);
CREATE INDEX plan_subtree_idx ON plan (region_code text_pattern_ops);

CREATE TABLE plan_indicator (
  region_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  plan_id        bigint NOT NULL,
  position       integer NOT NULL CHECK (position >= 0),
  indicator_key  text NOT NULL REFERENCES indicator_definition (key) ON UPDATE CASCADE,
  wording        text NOT NULL CHECK (wording <> '' AND length(wording) <= 300),
  unit           text NOT NULL CHECK (length(unit) <= 20),
  baseline_year  integer CHECK (baseline_year BETWEEN 2000 AND 2100),
  baseline_value numeric,
  mid_year       integer CHECK (mid_year BETWEEN 2000 AND 2100),
  mid_value      numeric,
  target_year    integer NOT NULL CHECK (target_year BETWEEN 2000 AND 2100),
  target_value   numeric NOT NULL,
  comparator     text NOT NULL CHECK (comparator IN ('>=', '>', '<=', '<')),
  nature         text CHECK (nature IN ('binding', 'expected')),
  responsible    text CHECK (length(responsible) <= 200),
  note           text CHECK (length(note) <= 500),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id) REFERENCES plan (region_code, id) ON DELETE CASCADE,
  UNIQUE (plan_id, position),
  CHECK ((baseline_year IS NULL) = (baseline_value IS NULL)),
  CHECK ((mid_year IS NULL) = (mid_value IS NULL)),
  CHECK (baseline_year IS NULL OR baseline_year < target_year),
  CHECK (mid_year IS NULL OR mid_year <= target_year)
);
CREATE UNIQUE INDEX plan_indicator_id_idx ON plan_indicator (id);

-- Planned additions year by year (淮北: new childcare places 2021–2025), of a computation such as childcare_places.
CREATE TABLE plan_addition (
  region_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  plan_id      bigint NOT NULL,
  quantity     text NOT NULL CHECK (quantity ~ '^[a-z][a-z0-9_]*$'),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  added        integer NOT NULL CHECK (added >= 0),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id) REFERENCES plan (region_code, id) ON DELETE CASCADE,
  UNIQUE (plan_id, quantity, year)
);
CREATE UNIQUE INDEX plan_addition_id_idx ON plan_addition (id);

CREATE TABLE plan_task (
  region_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  plan_id        bigint NOT NULL,
  number         integer NOT NULL CHECK (number > 0),
  title          text NOT NULL CHECK (title <> '' AND length(title) <= 1000),
  lead_departments          text[] NOT NULL DEFAULT '{}',
  participating_departments text[] NOT NULL DEFAULT '{}',
  deadline       date,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id) REFERENCES plan (region_code, id) ON DELETE CASCADE,
  UNIQUE (plan_id, number)
);
CREATE UNIQUE INDEX plan_task_id_idx ON plan_task (id);

CREATE TABLE plan_task_progress (
  region_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  task_id      bigint NOT NULL,
  reported_on  date NOT NULL,
  status       text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'delayed')),
  report       text NOT NULL CHECK (report <> '' AND length(report) <= 4000),
  reported_by  bigint REFERENCES account (id),
  reported_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, task_id) REFERENCES plan_task (region_code, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX plan_task_progress_id_idx ON plan_task_progress (id);
