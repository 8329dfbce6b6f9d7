-- Population statistics (常住人口 resident / 户籍人口 registered) per region and year: the denominators of the plans'
-- indicators. One row is one published figure for one sex and one age range, so a census table of single years
-- (age_from = age_to), a yearly bulletin's bands (60+, 65+, 0–2) and an all-ages total (0+) fit side by side.
-- age_to NULL means open-ended (100+, 60+). Figures come from several sources for the same year and are kept apart
-- rather than overwritten: a census count and a later estimate are both facts about the data.
CREATE TABLE population_figure (
  region_code text NOT NULL REFERENCES region (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  year        integer NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  basis       text NOT NULL CHECK (basis IN ('resident', 'registered')),
  sex         text NOT NULL CHECK (sex IN ('male', 'female', 'total')),
  age_from    integer NOT NULL CHECK (age_from BETWEEN 0 AND 150),
  age_to      integer CHECK (age_to BETWEEN 0 AND 150),
  count       bigint NOT NULL CHECK (count >= 0),
  source      text NOT NULL CHECK (source IN ('census_2020', 'yearly_statistics', 'estimate')),
  entered_by  bigint REFERENCES account (id),
  entered_at  timestamptz NOT NULL DEFAULT now(),
  note        text CHECK (length(note) <= 500),
  PRIMARY KEY (region_code, id),
  CHECK (age_to IS NULL OR age_to >= age_from),
  -- 七普 counted the population as of 2020-11-01; a census figure for another year is a data-entry slip.
  CHECK (source <> 'census_2020' OR year = 2020),
  -- An open-ended band is one figure, whatever the NULL: without NULLS NOT DISTINCT two "60+" rows could coexist.
  CONSTRAINT population_figure_key UNIQUE NULLS NOT DISTINCT (region_code, year, basis, sex, age_from, age_to, source)
);
CREATE UNIQUE INDEX population_figure_id_idx ON population_figure (id);
