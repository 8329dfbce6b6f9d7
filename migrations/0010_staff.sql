-- Staff of providers, their certificates and the background checks the childcare standards require. Staff records
-- are personal data: the ID number is stored as ciphertext, key id and keyed hash only, as for persons.
CREATE TABLE staff_member (
  -- The facility's region when the member works at one, else the organisation's.
  region_code     text NOT NULL REFERENCES region (code),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  facility_id     bigint,
  domain          text NOT NULL CHECK (domain IN ('elderly_care', 'childcare')),
  name            text NOT NULL CHECK (name <> '' AND length(name) <= 100),
  role            text NOT NULL CHECK (role IN (
    'carer', 'nurse', 'childcare_worker', 'health_worker', 'social_worker', 'manager', 'other')),
  -- The first and the last day of employment (both included); NULL while employed.
  employed_from   date NOT NULL CHECK (employed_from >= DATE '1949-10-01'),
  employed_to     date,
  id_number_cipher bytea,
  id_number_key_id text,
  id_number_hash  bytea,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  -- With a facility, it must be one of the member's organisation and domain, in the member's region; the facility
  -- moving region carries its staff along.
  FOREIGN KEY (region_code, facility_id, organisation_id, domain)
    REFERENCES facility (region_code, id, organisation_id, domain) ON UPDATE CASCADE,
  CHECK (employed_to IS NULL OR employed_to >= employed_from),
  CHECK (role <> 'childcare_worker' OR domain = 'childcare'),
  CHECK (role <> 'carer' OR domain = 'elderly_care'),
  CHECK ((id_number_cipher IS NULL) = (id_number_hash IS NULL)),
  CHECK ((id_number_cipher IS NULL) = (id_number_key_id IS NULL))
);
CREATE UNIQUE INDEX staff_member_id_idx ON staff_member (id);
CREATE INDEX staff_member_subtree_idx ON staff_member (region_code text_pattern_ops, domain, role);
CREATE INDEX staff_member_organisation_idx ON staff_member (organisation_id);
CREATE INDEX staff_member_facility_idx ON staff_member (facility_id);
CREATE INDEX staff_member_id_number_hash_idx ON staff_member (id_number_hash) WHERE id_number_hash IS NOT NULL;

-- A qualification (养老护理员, 保育师, nurse, social worker …) or a health certificate. valid_to is the last day it is
-- valid; NULL when it does not expire.
CREATE TABLE staff_certificate (
  region_code      text NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  staff_id         bigint NOT NULL,
  certificate_type text NOT NULL CHECK (certificate_type IN (
    'elderly_carer', 'childcare_worker', 'nurse', 'social_worker', 'health_certificate', 'doctor', 'teacher',
    'other')),
  number           text NOT NULL CHECK (number <> '' AND length(number) <= 64),
  issuer           text NOT NULL CHECK (issuer <> '' AND length(issuer) <= 200),
  valid_from       date NOT NULL CHECK (valid_from >= DATE '1949-10-01'),
  valid_to         date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, staff_id) REFERENCES staff_member (region_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  UNIQUE (staff_id, certificate_type, number)
);
CREATE UNIQUE INDEX staff_certificate_id_idx ON staff_certificate (id);

-- A check the childcare standards require of staff: a health certificate (before starting and yearly) and no record
-- of abuse or violence. valid_to is the last day the check counts; NULL when it does not lapse.
CREATE TABLE staff_background_check (
  region_code text NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  staff_id    bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('health_certificate', 'no_abuse_record')),
  result      text NOT NULL CHECK (result IN ('passed', 'failed')),
  checked_on  date NOT NULL CHECK (checked_on >= DATE '1949-10-01'),
  valid_to    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, staff_id) REFERENCES staff_member (region_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
  CHECK (valid_to IS NULL OR valid_to >= checked_on)
);
CREATE UNIQUE INDEX staff_background_check_id_idx ON staff_background_check (id);
CREATE INDEX staff_background_check_staff_idx ON staff_background_check (staff_id);
CREATE INDEX staff_certificate_staff_idx ON staff_certificate (staff_id);
