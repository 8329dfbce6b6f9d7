-- People registry: what the city knows about each elder and young child (living situation, conditions with
-- validity periods, capability level), households linking generations, relationships and revocable consents.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Duplicate detection compares addresses typed by different clerks: spacing, punctuation, full-width digits and a
-- leading province/city name must not hide a match. Defined once here so the stored key and a query's key agree.
CREATE FUNCTION person_address_key(address text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
  SELECT nullif(
    regexp_replace(
      regexp_replace(
        lower(translate(address,
          '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
          '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')),
        '[[:space:]!-/:-@[-`{-~　，。、；：？！“”‘’（）【】《》〈〉「」『』—－–·•…～]', '', 'g'),
      '^([^省市区县]{2,3}省)?([^省市区县路街]{2,4}市)?', ''),
    '')
$$;

-- person.region_code is where the person lives (常住); registered_region_code is the household registration
-- (户籍) place, which may lie outside the city.
ALTER TABLE person
  ADD COLUMN registered_region_code text REFERENCES region (code),
  ADD COLUMN living_situation text CHECK (living_situation IN ('alone', 'empty_nest', 'left_behind', 'with_family')),
  ADD COLUMN capability_level smallint CHECK (capability_level BETWEEN 0 AND 4),
  ADD COLUMN capability_assessed_on date,
  ADD COLUMN address_key text GENERATED ALWAYS AS (person_address_key(address)) STORED,
  ADD CONSTRAINT person_capability_dated CHECK ((capability_level IS NULL) = (capability_assessed_on IS NULL));

-- Lists run in (region_code, id) order over a subtree range (see listPeople): the primary key serves a plain subtree,
-- these serve a subtree filtered by living situation or capability level, each reading one page and stopping.
CREATE INDEX person_living_situation_idx ON person (living_situation, region_code, id)
  WHERE living_situation IS NOT NULL;
CREATE INDEX person_capability_idx ON person (capability_level, region_code, id) WHERE capability_level IS NOT NULL;
-- Subtree filters written as LIKE prefix elsewhere.
CREATE INDEX person_region_pattern_idx ON person (region_code text_pattern_ops);
CREATE INDEX person_duplicate_key_idx ON person (name, birth_date, address_key) WHERE address_key IS NOT NULL;

-- Conditions (特困, 低保, 低收入, 计划生育特殊家庭, disability with its grade, dementia) hold over [valid_from, valid_to):
-- valid_to is the first day the condition no longer holds; ending one sets valid_to, history is never deleted.
-- A record ended on its first day (empty period) was entered in error and is kept as such.
CREATE TABLE person_condition (
  region_code      text NOT NULL REFERENCES region (code),
  id               bigint GENERATED ALWAYS AS IDENTITY,
  person_id        bigint NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('extreme_poverty', 'minimum_living_allowance', 'low_income',
                                                 'family_planning_special', 'disability', 'dementia')),
  disability_grade smallint CHECK (disability_grade BETWEEN 1 AND 4),
  valid_from       date NOT NULL,
  valid_to         date,
  source           text CHECK (source <> '' AND length(source) <= 200),
  created_by       bigint REFERENCES account (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  ended_by         bigint REFERENCES account (id),
  ended_at         timestamptz,
  PRIMARY KEY (region_code, id),
  -- The condition lives where its person lives, and moves with them.
  FOREIGN KEY (region_code, person_id) REFERENCES person (region_code, id) ON UPDATE CASCADE,
  CHECK ((kind = 'disability') = (disability_grade IS NOT NULL)),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK ((ended_at IS NULL) = (ended_by IS NULL)),
  CONSTRAINT person_condition_no_overlap
    EXCLUDE USING gist (person_id WITH =, kind WITH =, daterange(valid_from, valid_to, '[)') WITH &&)
);
CREATE UNIQUE INDEX person_condition_id_idx ON person_condition (id);
-- "Does this person have a live condition of this kind": the probe a filtered list makes per candidate person.
CREATE INDEX person_condition_person_idx ON person_condition (person_id, kind, valid_from, valid_to);
-- "Persons of a subtree with a live condition of this kind" in list order, read from the index alone.
CREATE INDEX person_condition_list_idx
  ON person_condition (kind, region_code, person_id) INCLUDE (valid_from, valid_to);

-- A household (户) links the generations living together, so an elder and a grandchild in one home count once.
CREATE TABLE household (
  region_code    text NOT NULL REFERENCES region (code),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  address        text CHECK (address <> '' AND length(address) <= 300),
  -- The head (户主) last registered, NULL once they leave; the head on a given date comes from the memberships.
  head_person_id bigint REFERENCES person (id),
  created_by     bigint REFERENCES account (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id)
);
CREATE UNIQUE INDEX household_id_idx ON household (id);
CREATE INDEX household_region_pattern_idx ON household (region_code text_pattern_ops, id);

-- Membership over [joined_on, left_on): a person belongs to one household at a time, a household has one head.
CREATE TABLE household_member (
  region_code  text NOT NULL REFERENCES region (code),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  household_id bigint NOT NULL,
  person_id    bigint NOT NULL REFERENCES person (id),
  relation     text NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'grandchild', 'parent', 'grandparent', 'other')),
  joined_on    date NOT NULL,
  left_on      date,
  created_by   bigint REFERENCES account (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, household_id) REFERENCES household (region_code, id) ON UPDATE CASCADE,
  CHECK (left_on IS NULL OR left_on >= joined_on),
  CONSTRAINT household_member_one_household
    EXCLUDE USING gist (person_id WITH =, daterange(joined_on, left_on, '[)') WITH &&),
  CONSTRAINT household_member_one_head
    EXCLUDE USING gist (household_id WITH =, daterange(joined_on, left_on, '[)') WITH &&) WHERE (relation = 'head')
);
CREATE UNIQUE INDEX household_member_id_idx ON household_member (id);
CREATE INDEX household_member_household_idx ON household_member (household_id, joined_on);
CREATE INDEX household_member_person_idx ON household_member (person_id);

-- "from is <kind> to": child_of (from is a child of to), guardian_of (from is the guardian of to), spouse_of,
-- relative_of. One row per pair and kind whichever way round it was entered.
CREATE TABLE person_relationship (
  region_code    text NOT NULL REFERENCES region (code),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  from_person_id bigint NOT NULL,
  to_person_id   bigint NOT NULL REFERENCES person (id),
  kind           text NOT NULL CHECK (kind IN ('child_of', 'guardian_of', 'spouse_of', 'relative_of')),
  created_by     bigint REFERENCES account (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, from_person_id) REFERENCES person (region_code, id) ON UPDATE CASCADE,
  CHECK (from_person_id <> to_person_id)
);
CREATE UNIQUE INDEX person_relationship_id_idx ON person_relationship (id);
CREATE UNIQUE INDEX person_relationship_pair_idx
  ON person_relationship (least(from_person_id, to_person_id), greatest(from_person_id, to_person_id), kind);
CREATE INDEX person_relationship_from_idx ON person_relationship (from_person_id);
CREATE INDEX person_relationship_to_idx ON person_relationship (to_person_id);

-- Consent that the grantee may act for the person ('act_for'), given by the person or their guardian (grantor),
-- recorded by an account; live from granted_at until revoked. Revoking sets revoked_at, nothing is deleted.
CREATE TABLE consent (
  region_code       text NOT NULL REFERENCES region (code),
  id                bigint GENERATED ALWAYS AS IDENTITY,
  person_id         bigint NOT NULL,
  grantor_person_id bigint NOT NULL REFERENCES person (id),
  grantee_person_id bigint NOT NULL REFERENCES person (id),
  scope             text NOT NULL CHECK (scope IN ('act_for')),
  granted_at        timestamptz NOT NULL,
  granted_by        bigint NOT NULL REFERENCES account (id),
  revoked_at        timestamptz,
  revoked_by        bigint REFERENCES account (id),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, person_id) REFERENCES person (region_code, id) ON UPDATE CASCADE,
  CHECK (grantee_person_id <> person_id),
  CHECK (revoked_at IS NULL OR revoked_at >= granted_at),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE UNIQUE INDEX consent_id_idx ON consent (id);
CREATE UNIQUE INDEX consent_live_idx ON consent (person_id, grantee_person_id, scope) WHERE revoked_at IS NULL;
CREATE INDEX consent_grantee_idx ON consent (grantee_person_id) WHERE revoked_at IS NULL;
CREATE INDEX consent_person_idx ON consent (person_id);
