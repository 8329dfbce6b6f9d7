-- The history of a person's fields: one row per changed field of each change, with who changed it and when.
-- Kept beside the audit log rather than in it: the audit log names what was touched, never the values (it is read
-- for accountability across a whole region, and must not become a second copy of everyone's addresses), while a
-- person's history is read with the person, under the same permission and scope as the person.
-- The ID number never changes through an edit, so no value here is an ID number.
CREATE TABLE person_change (
  region_code text NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  person_id   bigint NOT NULL,
  changed_at  timestamptz NOT NULL,
  account_id  bigint REFERENCES account (id),
  field       text NOT NULL CHECK (field IN (
    'regionCode', 'name', 'sex', 'birthDate', 'address', 'registeredRegionCode', 'livingSituation',
    'capabilityLevel', 'capabilityAssessedOn'
  )),
  old_value   text,
  new_value   text,
  PRIMARY KEY (region_code, id),
  -- The history moves with the person when the person moves to another region.
  FOREIGN KEY (region_code, person_id) REFERENCES person (region_code, id) ON UPDATE CASCADE,
  CHECK (old_value IS DISTINCT FROM new_value)
);
CREATE INDEX person_change_person_idx ON person_change (region_code, person_id, changed_at DESC, id DESC);
