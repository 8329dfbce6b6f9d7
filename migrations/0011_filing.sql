-- Filing (备案) of care homes and childcare providers as a workflow, with legal deadlines counted in working days on
-- China's adjusted holiday calendar (调休), and the public register of filed providers.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Days that break the Monday–Friday rule: public holidays (off even on a weekday) and worked weekends.
CREATE TABLE calendar_day (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday_swap')),
  name text NOT NULL CHECK (name <> '' AND length(name) <= 50),
  CHECK (kind <> 'workday_swap' OR extract(isodow FROM date) IN (6, 7))
);

-- The State Council's published arrangements for 2025 (国办发明电〔2024〕12号) and 2026, as seed data: administrators
-- verify them and maintain later years (and any amendment) through the calendar API, not by new migrations.
INSERT INTO calendar_day (date, kind, name)
SELECT d::date, 'holiday', holiday.name
FROM (VALUES
  (DATE '2025-01-01', DATE '2025-01-01', '元旦'),
  (DATE '2025-01-28', DATE '2025-02-04', '春节'),
  (DATE '2025-04-04', DATE '2025-04-06', '清明节'),
  (DATE '2025-05-01', DATE '2025-05-05', '劳动节'),
  (DATE '2025-05-31', DATE '2025-06-02', '端午节'),
  (DATE '2025-10-01', DATE '2025-10-08', '国庆节、中秋节'),
  (DATE '2026-01-01', DATE '2026-01-03', '元旦'),
  (DATE '2026-02-15', DATE '2026-02-23', '春节'),
  (DATE '2026-04-04', DATE '2026-04-06', '清明节'),
  (DATE '2026-05-01', DATE '2026-05-05', '劳动节'),
  (DATE '2026-06-19', DATE '2026-06-21', '端午节'),
  (DATE '2026-09-25', DATE '2026-09-27', '中秋节'),
  (DATE '2026-10-01', DATE '2026-10-07', '国庆节')
) AS holiday (first_day, last_day, name),
  generate_series(holiday.first_day, holiday.last_day, interval '1 day') AS d;

INSERT INTO calendar_day (date, kind, name) VALUES
  ('2025-01-26', 'workday_swap', '春节调休上班'),
  ('2025-02-08', 'workday_swap', '春节调休上班'),
  ('2025-04-27', 'workday_swap', '劳动节调休上班'),
  ('2025-09-28', 'workday_swap', '国庆节调休上班'),
  ('2025-10-11', 'workday_swap', '国庆节调休上班'),
  ('2026-01-04', 'workday_swap', '元旦调休上班'),
  ('2026-02-14', 'workday_swap', '春节调休上班'),
  ('2026-02-28', 'workday_swap', '春节调休上班'),
  ('2026-05-09', 'workday_swap', '劳动节调休上班'),
  ('2026-09-20', 'workday_swap', '国庆节调休上班'),
  ('2026-10-10', 'workday_swap', '国庆节调休上班');

-- Legal deadlines in working days, as data: a national default (region_code NULL) that a province, city or county may
-- override for a period. valid_to is exclusive; periods of one (region, domain, step) never overlap.
CREATE TABLE filing_deadline_rule (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code  text REFERENCES region (code),
  domain       text NOT NULL CHECK (domain IN ('elderly_care', 'childcare')),
  step         text NOT NULL CHECK (step IN ('receipt', 'non_compliance_notice', 'filing_due_after_first_admission')),
  working_days integer NOT NULL CHECK (working_days BETWEEN 1 AND 250),
  valid_from   date NOT NULL,
  valid_to     date,
  basis        text NOT NULL CHECK (basis <> '' AND length(basis) <= 300),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  CONSTRAINT filing_deadline_rule_no_overlap EXCLUDE USING gist (
    coalesce(region_code, '') WITH =, domain WITH =, step WITH =, daterange(valid_from, valid_to) WITH &&)
);

INSERT INTO filing_deadline_rule (region_code, domain, step, working_days, valid_from, basis) VALUES
  (NULL, 'childcare', 'receipt', 5, '2019-10-08',
   '《托育机构登记和备案办法（试行）》：收到备案材料后5个工作日内出具备案回执'),
  (NULL, 'childcare', 'non_compliance_notice', 15, '2019-10-08',
   '《托育机构登记和备案办法（试行）》：不符合设置标准的，15个工作日内告知并说明理由，向社会公开'),
  (NULL, 'elderly_care', 'filing_due_after_first_admission', 10, '2020-11-01',
   '《养老机构管理办法》（民政部令第66号）：收住老年人后10个工作日以内备案');

-- One filing of a facility with its competent department. region_code is the facility's county: the department that
-- receives it. The facility key is kept whole so that organisation and domain can never disagree with the facility.
CREATE TABLE filing (
  region_code          text NOT NULL REFERENCES region (code) CHECK (region_code ~ '^[0-9]{6}$'),
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  facility_region_code text NOT NULL,
  facility_id          bigint NOT NULL,
  organisation_id      bigint NOT NULL REFERENCES organisation (id),
  domain               text NOT NULL CHECK (domain IN ('elderly_care', 'childcare')),
  kind                 text NOT NULL CHECK (kind IN ('initial', 'change', 'deregistration')),
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN (
    'draft', 'submitted', 'received', 'correction_requested', 'approved', 'rejected', 'withdrawn')),
  fields               jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  created_by           bigint REFERENCES account (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  submitted_at         timestamptz,
  received_at          timestamptz,
  decided_at           timestamptz,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (facility_region_code, facility_id, organisation_id, domain)
    REFERENCES facility (region_code, id, organisation_id, domain) ON UPDATE CASCADE,
  CHECK (status IN ('draft', 'withdrawn') OR submitted_at IS NOT NULL),
  CHECK (status <> 'approved' OR (received_at IS NOT NULL AND decided_at IS NOT NULL)),
  CHECK (status <> 'rejected' OR decided_at IS NOT NULL)
);
CREATE UNIQUE INDEX filing_id_idx ON filing (id);
-- A facility has at most one filing in progress: two open filings would race to change its filed record.
CREATE UNIQUE INDEX filing_one_open_per_facility ON filing (facility_id)
  WHERE status IN ('draft', 'submitted', 'received', 'correction_requested');
CREATE INDEX filing_subtree_idx ON filing (region_code text_pattern_ops, domain, status);
CREATE INDEX filing_organisation_idx ON filing (organisation_id);

-- The documents of a filing, stored in the database so they commit and roll back with it. The checksum is checked
-- by the database on write and by the server on every read.
CREATE TABLE filing_document (
  region_code  text NOT NULL REFERENCES region (code),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  filing_id    bigint NOT NULL,
  type         text NOT NULL CHECK (type IN (
    'filing_form', 'commitment', 'registration_certificate', 'premises_proof', 'fire_safety', 'food_licence',
    'staff_qualifications', 'health_evaluation', 'liability_insurance', 'medical_agreement',
    'deregistration_notice', 'other')),
  file_name    text NOT NULL CHECK (file_name <> '' AND length(file_name) <= 200 AND file_name !~ '[/\\]'),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes   integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256       bytea NOT NULL CHECK (length(sha256) = 32),
  content      bytea NOT NULL,
  uploaded_by  bigint REFERENCES account (id),
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, filing_id) REFERENCES filing (region_code, id),
  CONSTRAINT filing_document_size CHECK (octet_length(content) = size_bytes),
  CONSTRAINT filing_document_checksum CHECK (sha256 = sha256(content))
);
CREATE UNIQUE INDEX filing_document_id_idx ON filing_document (id);
CREATE INDEX filing_document_filing_idx ON filing_document (filing_id);

-- What happened to a filing, by whom, and the deadline of the next step it opened: the filing's own history,
-- append-only like the audit log. Refusals are published with their reasons.
CREATE TABLE filing_event (
  region_code text NOT NULL REFERENCES region (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  filing_id   bigint NOT NULL,
  at          timestamptz NOT NULL,
  account_id  bigint REFERENCES account (id),
  action      text NOT NULL CHECK (action IN (
    'submit', 'receive', 'request_correction', 'resubmit', 'approve', 'reject', 'notify_non_compliance', 'withdraw')),
  from_status text NOT NULL,
  to_status   text NOT NULL,
  reasons     text CHECK (reasons <> '' AND length(reasons) <= 2000),
  deadline    date,
  published   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, filing_id) REFERENCES filing (region_code, id),
  CHECK (action NOT IN ('request_correction', 'reject', 'notify_non_compliance') OR reasons IS NOT NULL),
  CHECK (published = (action IN ('reject', 'notify_non_compliance')))
);
CREATE UNIQUE INDEX filing_event_id_idx ON filing_event (id);
CREATE INDEX filing_event_filing_idx ON filing_event (filing_id, id);
CREATE INDEX filing_event_published_idx ON filing_event (region_code text_pattern_ops, at) WHERE published;

CREATE FUNCTION filing_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'filing_event is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER filing_event_no_update BEFORE UPDATE OR DELETE ON filing_event
  FOR EACH ROW EXECUTE FUNCTION filing_event_is_append_only();

-- A facility's standing filing: created when its initial filing is approved, its filed data replaced by each approved
-- change, ended by an approved deregistration. A facility filed again later gets a new record and number.
CREATE TABLE filing_record (
  region_code             text NOT NULL REFERENCES region (code),
  id                      bigint GENERATED ALWAYS AS IDENTITY,
  facility_id             bigint NOT NULL REFERENCES facility (id),
  organisation_id         bigint NOT NULL REFERENCES organisation (id),
  domain                  text NOT NULL CHECK (domain IN ('elderly_care', 'childcare')),
  filing_number           text NOT NULL UNIQUE CHECK (filing_number ~ '^[A-Z]{2}[0-9]{6}-[0-9]{4}-[0-9]{4,}$'),
  filed_on                date NOT NULL,
  fields                  jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  initial_filing_id       bigint NOT NULL REFERENCES filing (id),
  last_filing_id          bigint NOT NULL REFERENCES filing (id),
  updated_on              date NOT NULL,
  deregistered_on         date,
  PRIMARY KEY (region_code, id),
  CHECK (updated_on >= filed_on),
  CHECK (deregistered_on IS NULL OR deregistered_on >= filed_on)
);
CREATE UNIQUE INDEX filing_record_id_idx ON filing_record (id);
CREATE UNIQUE INDEX filing_record_one_live_per_facility ON filing_record (facility_id) WHERE deregistered_on IS NULL;
CREATE INDEX filing_record_subtree_idx ON filing_record (region_code text_pattern_ops) WHERE deregistered_on IS NULL;
