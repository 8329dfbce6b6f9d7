-- Administrative divisions of China (GB/T 2260 + NBS statistical codes), five levels.
-- A code nests its parent's code (34 > 3406 > 340603 > 340603001 > 340603001001); `path` records the actual
-- ancestry so that a later boundary change (a county moved to another city) keeps subtree queries right.
CREATE TABLE region (
  code          text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  name          text NOT NULL CHECK (name <> ''),
  level         text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
  parent_code   text REFERENCES region (code),
  path          text NOT NULL,
  township_type text CHECK (township_type IN ('street', 'town', 'township', 'other')),
  stat_code     char(12) NOT NULL,
  valid_from    date NOT NULL DEFAULT DATE '2023-01-01',
  valid_to      date,
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  CHECK ((level = 'province') = (parent_code IS NULL)),
  CHECK ((level = 'township') = (township_type IS NOT NULL)),
  CHECK (path = code OR path LIKE '%.' || code)
);
CREATE INDEX region_path_idx ON region (path text_pattern_ops);
CREATE INDEX region_parent_idx ON region (parent_code);
