-- The monthly visit rate per community kept current by the writes, so that evaluating a region reads a few rows per
-- community instead of counting distinct targets over every roster period of its subtree (issue 4: a change is
-- current within 1 s at a province's scale).
--
-- For each community (the region_code of the roster) and month:
--   targets_change  how many targets start to be on the roster in that month, less those whose last month on the
--                   roster was the month before: the targets of a month are the sum of targets_change up to it, so
--                   an open-ended roster period is one row, not one per month for ever;
--   visited         targets on the roster in that month with a verified visit in it (visit_month_visited).
-- A target on the roster in a month is one with a period overlapping it (entered_on before the month ends, left_on
-- after it starts), counted once however many periods overlap it, as the rate has always counted them.
--
-- Triggers on visit_roster_period and visit_month_visited keep it current in the writing transaction whatever the
-- writer (roster sync, overrides, verification, demo, bench, a cascaded region change): they recount the persons a
-- statement touched, before and after, and add the difference.
CREATE TABLE visit_rate_month (
  region_code     text NOT NULL REFERENCES region (code),
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  targets_change  integer NOT NULL,
  -- No CHECK (visited >= 0): a trigger adds differences by INSERT … ON CONFLICT, whose proposed row is checked.
  visited         integer NOT NULL,
  PRIMARY KEY (region_code, month)
);
CREATE INDEX visit_rate_month_month_idx ON visit_rate_month (month, region_code) INCLUDE (targets_change, visited);
-- The triggers below read one person's verified months on every write.
CREATE INDEX visit_month_visited_person_idx ON visit_month_visited (person_id, month);

-- What a set of persons' roster periods and verified visits add to visit_rate_month: for each person and community,
-- the months on the roster merged into runs (so overlapping or adjacent periods count a month once), +1 where a run
-- starts and -1 in the month after it ends, and +1 visited for each month with a verified visit inside a run.
CREATE FUNCTION visit_rate_contribution(periods visit_roster_period[], visits visit_month_visited[])
RETURNS TABLE (region_code text, month date, targets_change integer, visited integer)
LANGUAGE sql IMMUTABLE AS $$
  WITH months AS (
    -- A period covers month M when entered_on < the end of M and left_on > the start of M.
    SELECT p.region_code, p.person_id, date_trunc('month', p.entered_on)::date AS first_month,
           CASE WHEN p.left_on IS NULL THEN 'infinity'::date
                ELSE (date_trunc('month', p.left_on - 1) + interval '1 month')::date END AS end_month
      FROM unnest(periods) p
  ), starts AS (
    SELECT m.*, CASE WHEN m.first_month <= max(m.end_month) OVER (
                   PARTITION BY m.region_code, m.person_id ORDER BY m.first_month, m.end_month
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS starts_run
      FROM months m WHERE m.end_month > m.first_month
  ), runs AS (
    SELECT s.region_code, s.person_id, min(s.first_month) AS first_month, max(s.end_month) AS end_month
      FROM (SELECT starts.*, sum(starts_run) OVER (
                     PARTITION BY region_code, person_id ORDER BY first_month, end_month ROWS UNBOUNDED PRECEDING) AS run
              FROM starts) s
     GROUP BY s.region_code, s.person_id, s.run
  ), parts AS (
    SELECT r.region_code, r.first_month AS month, 1 AS targets_change, 0 AS visited FROM runs r
    UNION ALL
    SELECT r.region_code, r.end_month, -1, 0 FROM runs r WHERE r.end_month <> 'infinity'
    UNION ALL
    SELECT v.region_code, v.month, 0, 1
      FROM unnest(visits) v
      JOIN runs r ON r.region_code = v.region_code AND r.person_id = v.person_id
                 AND v.month >= r.first_month AND v.month < r.end_month
  )
  SELECT parts.region_code, parts.month, sum(parts.targets_change)::int, sum(parts.visited)::int
    FROM parts GROUP BY parts.region_code, parts.month
$$;

-- Recounts the persons a statement touched: their rows now against their rows before the statement (now, less the
-- rows the statement wrote, plus the rows it replaced or removed), and adds the difference.
CREATE FUNCTION visit_rate_refresh(
  persons bigint[],
  new_periods visit_roster_period[], old_periods visit_roster_period[],
  new_visits visit_month_visited[], old_visits visit_month_visited[]
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  periods_now visit_roster_period[];
  visits_now visit_month_visited[];
  periods_before visit_roster_period[];
  visits_before visit_month_visited[];
  emptied_regions text[];
  emptied_months date[];
BEGIN
  IF coalesce(cardinality(persons), 0) = 0 THEN RETURN; END IF;
  SELECT coalesce(array_agg(p), '{}') INTO periods_now
    FROM visit_roster_period p WHERE p.person_id IN (SELECT unnest(persons));
  SELECT coalesce(array_agg(v), '{}') INTO visits_now
    FROM visit_month_visited v WHERE v.person_id IN (SELECT unnest(persons));
  SELECT coalesce(array_agg(x.p), '{}') INTO periods_before FROM (
    SELECT p FROM unnest(periods_now) p
     WHERE NOT EXISTS (SELECT FROM unnest(new_periods) n WHERE n.id = p.id)
    UNION ALL SELECT o FROM unnest(old_periods) o) x(p);
  SELECT coalesce(array_agg(x.v), '{}') INTO visits_before FROM (
    SELECT v FROM unnest(visits_now) v
     WHERE NOT EXISTS (SELECT FROM unnest(new_visits) n
                        WHERE n.region_code = v.region_code AND n.person_id = v.person_id AND n.month = v.month)
    UNION ALL SELECT o FROM unnest(old_visits) o) x(v);
  -- In key order, so that two writers touching the same communities lock their rows in the same order.
  WITH changed AS (
    INSERT INTO visit_rate_month AS t (region_code, month, targets_change, visited)
    SELECT d.region_code, d.month, sum(d.targets_change), sum(d.visited)
      FROM (SELECT c.region_code, c.month, c.targets_change, c.visited
              FROM visit_rate_contribution(periods_now, visits_now) c
            UNION ALL
            SELECT c.region_code, c.month, -c.targets_change, -c.visited
              FROM visit_rate_contribution(periods_before, visits_before) c) d
     GROUP BY d.region_code, d.month
    HAVING sum(d.targets_change) <> 0 OR sum(d.visited) <> 0
     ORDER BY d.region_code, d.month
    ON CONFLICT (region_code, month) DO UPDATE
      SET targets_change = t.targets_change + excluded.targets_change, visited = t.visited + excluded.visited
    RETURNING t.region_code, t.month, t.targets_change, t.visited)
  SELECT array_agg(changed.region_code), array_agg(changed.month) INTO emptied_regions, emptied_months
    FROM changed WHERE changed.targets_change = 0 AND changed.visited = 0;
  -- A month where nothing changes any more is no row at all.
  DELETE FROM visit_rate_month t USING unnest(emptied_regions, emptied_months) e(region_code, month)
   WHERE t.region_code = e.region_code AND t.month = e.month AND t.targets_change = 0 AND t.visited = 0;
END
$$;

-- One function per table, three triggers each: a statement's transition tables exist only for its own event, and
-- their rows are anonymous records until cast to the table's type.
CREATE FUNCTION visit_rate_roster_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM visit_rate_refresh(ARRAY(SELECT DISTINCT n.person_id FROM new_rows n),
      ARRAY(SELECT ROW(n.*)::visit_roster_period FROM new_rows n), '{}', '{}', '{}');
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM visit_rate_refresh(ARRAY(SELECT n.person_id FROM new_rows n UNION SELECT o.person_id FROM old_rows o),
      ARRAY(SELECT ROW(n.*)::visit_roster_period FROM new_rows n), ARRAY(SELECT ROW(o.*)::visit_roster_period FROM old_rows o), '{}', '{}');
  ELSE
    PERFORM visit_rate_refresh(ARRAY(SELECT DISTINCT o.person_id FROM old_rows o),
      '{}', ARRAY(SELECT ROW(o.*)::visit_roster_period FROM old_rows o), '{}', '{}');
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER visit_rate_roster_inserted AFTER INSERT ON visit_roster_period
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_rate_roster_changed();
CREATE TRIGGER visit_rate_roster_updated AFTER UPDATE ON visit_roster_period
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_rate_roster_changed();
CREATE TRIGGER visit_rate_roster_deleted AFTER DELETE ON visit_roster_period
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_rate_roster_changed();

CREATE FUNCTION visit_rate_visited_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM visit_rate_refresh(ARRAY(SELECT DISTINCT n.person_id FROM new_rows n),
      '{}', '{}', ARRAY(SELECT ROW(n.*)::visit_month_visited FROM new_rows n), '{}');
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM visit_rate_refresh(ARRAY(SELECT n.person_id FROM new_rows n UNION SELECT o.person_id FROM old_rows o),
      '{}', '{}', ARRAY(SELECT ROW(n.*)::visit_month_visited FROM new_rows n), ARRAY(SELECT ROW(o.*)::visit_month_visited FROM old_rows o));
  ELSE
    PERFORM visit_rate_refresh(ARRAY(SELECT DISTINCT o.person_id FROM old_rows o),
      '{}', '{}', '{}', ARRAY(SELECT ROW(o.*)::visit_month_visited FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER visit_rate_visited_inserted AFTER INSERT ON visit_month_visited
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_rate_visited_changed();
CREATE TRIGGER visit_rate_visited_updated AFTER UPDATE ON visit_month_visited
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_rate_visited_changed();
CREATE TRIGGER visit_rate_visited_deleted AFTER DELETE ON visit_month_visited
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_rate_visited_changed();

-- What the records already say.
INSERT INTO visit_rate_month (region_code, month, targets_change, visited)
SELECT c.region_code, c.month, c.targets_change, c.visited
  FROM visit_rate_contribution((SELECT coalesce(array_agg(p), '{}') FROM visit_roster_period p),
                               (SELECT coalesce(array_agg(v), '{}') FROM visit_month_visited v)) c
 WHERE c.targets_change <> 0 OR c.visited <> 0;
