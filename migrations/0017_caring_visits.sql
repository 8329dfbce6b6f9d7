-- Caring visits to elders in special difficulty (特殊困难老年人探访关爱): the roster as history, per-city settings with
-- validity, visit tasks per period, visit records with their evidence and verification, and the events that call
-- for an extra visit within a day.

-- Community workers (社区工作者/网格员) are government accounts bound to one community or village, doing visits.
ALTER TABLE account_role DROP CONSTRAINT account_role_role_check;
ALTER TABLE account_role ADD CONSTRAINT account_role_role_check
  CHECK (role IN ('officer', 'viewer', 'community_worker', 'provider_admin', 'provider_staff', 'family_member', 'platform_admin'));
ALTER TABLE account_role ADD CONSTRAINT account_role_worker_scoped
  CHECK (role <> 'community_worker' OR (region_code IS NOT NULL AND domain = 'elderly_care'));
CREATE INDEX account_role_worker_idx ON account_role (region_code, account_id) WHERE role = 'community_worker';

-- Per-city rules (local tiering, tolerance, alert window, target rate) with validity [valid_from, valid_to): a national
-- default (region_code NULL) that a province, city or county may replace for a period; the most specific region's
-- setting valid on a date applies. Frequencies are the visit period of each tier.
CREATE TABLE visit_setting (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code           text REFERENCES region (code),
  valid_from            date NOT NULL,
  valid_to              date,
  high_frequency        text NOT NULL CHECK (high_frequency IN ('weekly', 'monthly', 'quarterly')),
  key_frequency         text NOT NULL CHECK (key_frequency IN ('weekly', 'monthly', 'quarterly')),
  general_frequency     text NOT NULL CHECK (general_frequency IN ('weekly', 'monthly', 'quarterly')),
  high_risk_age         smallint NOT NULL CHECK (high_risk_age BETWEEN 60 AND 120),
  extra_visit_hours     smallint NOT NULL CHECK (extra_visit_hours BETWEEN 1 AND 168),
  distance_tolerance_m  integer NOT NULL CHECK (distance_tolerance_m BETWEEN 10 AND 50000),
  schedule_tolerance_days smallint NOT NULL CHECK (schedule_tolerance_days BETWEEN 0 AND 60),
  alert_days            smallint NOT NULL CHECK (alert_days BETWEEN 0 AND 31),
  target_rate           numeric(5, 2) NOT NULL CHECK (target_rate BETWEEN 0 AND 100),
  created_by            bigint REFERENCES account (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  CONSTRAINT visit_setting_no_overlap
    EXCLUDE USING gist (coalesce(region_code, '') WITH =, daterange(valid_from, valid_to, '[)') WITH &&)
);

-- The local tiering most cities publish: high-risk weekly (and within 24 h of a major change), key monthly, others
-- quarterly; 100% monthly rate by end 2025 (民政部 2022). Cities replace it with their own rows.
INSERT INTO visit_setting (region_code, valid_from, high_frequency, key_frequency, general_frequency, high_risk_age,
                           extra_visit_hours, distance_tolerance_m, schedule_tolerance_days, alert_days, target_rate)
VALUES (NULL, DATE '2020-01-01', 'weekly', 'monthly', 'quarterly', 80, 24, 300, 3, 7, 100);

-- A target's present state: tier (from the rules unless overridden), responsible worker, consent notes, and the home's
-- coordinates when known (the only location kept: a visit stores its distance from here, never its own point).
CREATE TABLE visit_target (
  region_code       text NOT NULL REFERENCES region (code),
  person_id         bigint NOT NULL,
  tier              text NOT NULL CHECK (tier IN ('high', 'key', 'general')),
  rule_tier         text NOT NULL CHECK (rule_tier IN ('high', 'key', 'general')),
  reasons           text[] NOT NULL,
  tier_override_reason text CHECK (length(tier_override_reason) BETWEEN 2 AND 300),
  tier_override_by  bigint REFERENCES account (id),
  worker_account_id bigint REFERENCES account (id),
  consent_note      text CHECK (length(consent_note) <= 500),
  home_lat          double precision CHECK (home_lat BETWEEN -90 AND 90),
  home_lng          double precision CHECK (home_lng BETWEEN -180 AND 180),
  on_roster         boolean NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, person_id),
  FOREIGN KEY (region_code, person_id) REFERENCES person (region_code, id) ON UPDATE CASCADE,
  CHECK ((home_lat IS NULL) = (home_lng IS NULL)),
  CHECK ((tier_override_reason IS NULL) = (tier_override_by IS NULL))
);
CREATE UNIQUE INDEX visit_target_person_idx ON visit_target (person_id);
CREATE INDEX visit_target_worker_idx ON visit_target (worker_account_id, region_code) WHERE on_roster;
CREATE INDEX visit_target_region_idx ON visit_target (region_code text_pattern_ops, person_id) WHERE on_roster;

-- Membership as history over [entered_on, left_on): entering and leaving, with the reasons, never deleted.
CREATE TABLE visit_roster_period (
  region_code   text NOT NULL REFERENCES region (code),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  person_id     bigint NOT NULL,
  entered_on    date NOT NULL,
  left_on       date,
  source        text NOT NULL CHECK (source IN ('rule', 'override')),
  entry_reasons text[] NOT NULL,
  leave_reason  text CHECK (length(leave_reason) BETWEEN 2 AND 300),
  created_by    bigint REFERENCES account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, person_id) REFERENCES visit_target (region_code, person_id) ON UPDATE CASCADE,
  CHECK (left_on IS NULL OR left_on >= entered_on),
  CHECK ((left_on IS NULL) = (leave_reason IS NULL)),
  CONSTRAINT visit_roster_period_no_overlap
    EXCLUDE USING gist (person_id WITH =, daterange(entered_on, left_on, '[)') WITH &&)
);
-- "Targets on the roster during a month" per region.
CREATE INDEX visit_roster_period_month_idx ON visit_roster_period (entered_on, left_on) INCLUDE (region_code, person_id);
CREATE INDEX visit_roster_period_person_idx ON visit_roster_period (person_id, entered_on);

-- Staff decisions that override the rules (include someone the rules miss, or exclude with a reason); live until
-- revoked, and one live decision per person.
CREATE TABLE visit_roster_override (
  region_code text NOT NULL REFERENCES region (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  person_id   bigint NOT NULL,
  include     boolean NOT NULL,
  tier        text CHECK (tier IN ('high', 'key', 'general')),
  reason      text NOT NULL CHECK (length(reason) BETWEEN 2 AND 300),
  created_by  bigint NOT NULL REFERENCES account (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  revoked_by  bigint REFERENCES account (id),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, person_id) REFERENCES person (region_code, id) ON UPDATE CASCADE,
  CHECK (include OR tier IS NULL),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE UNIQUE INDEX visit_roster_override_live_idx ON visit_roster_override (person_id) WHERE revoked_at IS NULL;

-- A major change (hospital discharge, bereavement, an alarm) that calls for an extra visit.
CREATE TABLE visit_event (
  region_code text NOT NULL REFERENCES region (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  person_id   bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('hospital_discharge', 'bereavement', 'alarm')),
  occurred_at timestamptz NOT NULL,
  note        text CHECK (length(note) <= 500),
  recorded_by bigint NOT NULL REFERENCES account (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, person_id) REFERENCES visit_target (region_code, person_id) ON UPDATE CASCADE
);
CREATE UNIQUE INDEX visit_event_id_idx ON visit_event (id);

-- Visit tasks: a regular task per target and period (its tier's week, month or quarter), an extra one per event.
CREATE TABLE visit_task (
  region_code         text NOT NULL REFERENCES region (code),
  id                  bigint GENERATED ALWAYS AS IDENTITY,
  person_id           bigint NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('regular', 'extra')),
  tier                text NOT NULL CHECK (tier IN ('high', 'key', 'general')),
  period_start        date NOT NULL,
  due_on              date NOT NULL,
  due_at              timestamptz,
  event_id            bigint,
  reason              text,
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  assignee_account_id bigint REFERENCES account (id),
  done_record_id      bigint,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, person_id) REFERENCES visit_target (region_code, person_id) ON UPDATE CASCADE,
  FOREIGN KEY (region_code, event_id) REFERENCES visit_event (region_code, id) ON UPDATE CASCADE,
  CHECK (due_on >= period_start),
  CHECK ((kind = 'extra') = (due_at IS NOT NULL AND event_id IS NOT NULL)),
  CHECK ((status = 'done') = (done_record_id IS NOT NULL))
);
CREATE UNIQUE INDEX visit_task_id_idx ON visit_task (id);
CREATE UNIQUE INDEX visit_task_regular_idx ON visit_task (person_id, period_start) WHERE kind = 'regular';
CREATE UNIQUE INDEX visit_task_event_idx ON visit_task (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX visit_task_assignee_idx ON visit_task (assignee_account_id, due_on) WHERE status <> 'cancelled';
CREATE INDEX visit_task_region_idx ON visit_task (region_code text_pattern_ops, due_on) WHERE status <> 'cancelled';
CREATE INDEX visit_task_open_person_idx ON visit_task (person_id, due_on) WHERE status = 'open';

-- A visit record carries the six evidence elements: what (mode, task), whom (person), when it started and ended,
-- where (only the distance from the home for door visits), by whom (worker). client_id makes an offline resubmission
-- of the same visit land on the same record.
CREATE TABLE visit_record (
  region_code       text NOT NULL REFERENCES region (code),
  id                bigint GENERATED ALWAYS AS IDENTITY,
  client_id         uuid NOT NULL,
  task_id           bigint,
  person_id         bigint NOT NULL,
  worker_account_id bigint NOT NULL REFERENCES account (id),
  mode              text NOT NULL CHECK (mode IN ('door', 'phone', 'video')),
  started_at        timestamptz NOT NULL,
  ended_at          timestamptz NOT NULL,
  -- The China calendar day the visit started: what the monthly rate counts.
  visited_on        date NOT NULL,
  distance_m        integer CHECK (distance_m >= 0),
  checklist         jsonb NOT NULL,
  notes             text CHECK (length(notes) <= 2000),
  risks             text[] NOT NULL DEFAULT '{}',
  referrals         text[] NOT NULL DEFAULT '{}',
  next_due_on       date,
  flags             jsonb NOT NULL DEFAULT '[]',
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
  reviewed_by       bigint REFERENCES account (id),
  reviewed_at       timestamptz,
  rejection_reason  text CHECK (length(rejection_reason) BETWEEN 2 AND 500),
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, person_id) REFERENCES visit_target (region_code, person_id) ON UPDATE CASCADE,
  FOREIGN KEY (region_code, task_id) REFERENCES visit_task (region_code, id) ON UPDATE CASCADE,
  CHECK (ended_at >= started_at),
  CHECK (mode = 'door' OR distance_m IS NULL),
  CHECK ((status = 'pending') = (reviewed_at IS NULL)),
  CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)),
  CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);
CREATE UNIQUE INDEX visit_record_client_idx ON visit_record (client_id);
CREATE UNIQUE INDEX visit_record_id_idx ON visit_record (id);
CREATE INDEX visit_record_person_idx ON visit_record (person_id, visited_on);
CREATE INDEX visit_record_region_idx ON visit_record (region_code text_pattern_ops, status, id);
CREATE INDEX visit_record_worker_idx ON visit_record (worker_account_id, id);

-- Persons with at least one verified visit in a month: written when a visit is verified (verification is final),
-- so the monthly rate reads one small row per target instead of a year of records.
CREATE TABLE visit_month_visited (
  region_code text NOT NULL REFERENCES region (code),
  person_id   bigint NOT NULL,
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  record_id   bigint NOT NULL,
  PRIMARY KEY (region_code, person_id, month),
  FOREIGN KEY (region_code, record_id) REFERENCES visit_record (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX visit_month_visited_month_idx ON visit_month_visited (month, region_code);

ALTER TABLE visit_task ADD FOREIGN KEY (region_code, done_record_id) REFERENCES visit_record (region_code, id)
  ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
