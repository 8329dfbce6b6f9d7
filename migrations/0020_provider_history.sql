-- The history of organisations' and staff members' fields, as person_change (0016) keeps a person's: one row per
-- changed field of each edit, with who made it and when, written in the edit's own transaction. The audit log names
-- what was touched, never the values; these tables are read with the record, under its own permission and scope.
-- Staff ID numbers never change through an edit, so no value here is an ID number.
CREATE TABLE organisation_change (
  region_code     text NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  organisation_id bigint NOT NULL,
  changed_at      timestamptz NOT NULL,
  account_id      bigint REFERENCES account (id),
  field           text NOT NULL CHECK (field IN (
    'regionCode', 'uscc', 'name', 'organisationType', 'ownership', 'legalPerson', 'contactName', 'contactPhone',
    'address'
  )),
  old_value       text,
  new_value       text,
  PRIMARY KEY (region_code, id),
  -- The history moves with the organisation to another region; an organisation removed as registered by mistake
  -- (allowed only while nothing refers to it) takes its history along, the audit log still records both.
  FOREIGN KEY (region_code, organisation_id) REFERENCES organisation (region_code, id)
    ON UPDATE CASCADE ON DELETE CASCADE,
  CHECK (old_value IS DISTINCT FROM new_value)
);
CREATE INDEX organisation_change_organisation_idx
  ON organisation_change (region_code, organisation_id, changed_at DESC, id DESC);

CREATE TABLE staff_change (
  region_code text NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  staff_id    bigint NOT NULL,
  changed_at  timestamptz NOT NULL,
  account_id  bigint REFERENCES account (id),
  field       text NOT NULL CHECK (field IN (
    'regionCode', 'facilityId', 'domain', 'name', 'role', 'employedFrom', 'employedTo'
  )),
  old_value   text,
  new_value   text,
  PRIMARY KEY (region_code, id),
  -- A member moving with their facility (or to a facility in another region) takes the history along.
  FOREIGN KEY (region_code, staff_id) REFERENCES staff_member (region_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
  CHECK (old_value IS DISTINCT FROM new_value)
);
CREATE INDEX staff_change_staff_idx ON staff_change (region_code, staff_id, changed_at DESC, id DESC);
