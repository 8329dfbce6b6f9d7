-- Provider organisations (care homes, childcare institutions, home-care companies …), identified by their
-- unified social credit code. Provider accounts are scoped to one of them.
CREATE TABLE organisation (
  region_code text NOT NULL REFERENCES region (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  uscc        char(18) NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  name        text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id)
);
CREATE UNIQUE INDEX organisation_id_idx ON organisation (id);
ALTER TABLE account_role
  ADD CONSTRAINT account_role_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisation (id),
  ADD CONSTRAINT account_role_person_fk FOREIGN KEY (person_region_code, person_id) REFERENCES person (region_code, id)
    ON UPDATE CASCADE,
  ADD CONSTRAINT account_role_family_person CHECK (role <> 'family_member' OR person_id IS NOT NULL);
