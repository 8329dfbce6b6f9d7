-- Caring visits run by the platform itself: the record of the scheduler's runs (daily roster sync, monthly task
-- generation per district), and a cheaper visit_task for generating a city's month of tasks (issue 5: ≤ 10 s for
-- 300,000 targets).

-- One row per run of a job for a district: when, what (the day synced or the month generated), the counts, and the
-- outcome. A successful run is written in the same transaction as its work, so "done" means the work committed; a
-- failed run is written after the rollback with the reason. Who: run_by_account_id NULL is the platform's scheduler.
CREATE TABLE visit_job_run (
  region_code       text NOT NULL REFERENCES region (code),
  id                bigint GENERATED ALWAYS AS IDENTITY,
  job               text NOT NULL CHECK (job IN ('roster_sync', 'task_generation')),
  period            date NOT NULL,
  started_at        timestamptz NOT NULL,
  finished_at       timestamptz NOT NULL,
  outcome           text NOT NULL CHECK (outcome IN ('done', 'failed')),
  counts            jsonb NOT NULL DEFAULT '{}',
  error             text CHECK (length(error) <= 2000),
  run_by_account_id bigint REFERENCES account (id),
  PRIMARY KEY (region_code, id),
  CHECK (finished_at >= started_at),
  CHECK ((outcome = 'failed') = (error IS NOT NULL)),
  CHECK (job <> 'task_generation' OR extract(day FROM period) = 1)
);
-- A job succeeds at most once per district and period, whichever instance ran it.
CREATE UNIQUE INDEX visit_job_run_done_idx ON visit_job_run (region_code, job, period) WHERE outcome = 'done';
-- The district console's latest runs.
CREATE INDEX visit_job_run_recent_idx ON visit_job_run (region_code text_pattern_ops, started_at DESC);

-- A task's region is its target's (the composite foreign key to visit_target, whose region_code references region),
-- so the direct reference to region only repeated that check for every generated task.
ALTER TABLE visit_task DROP CONSTRAINT visit_task_region_code_fkey;
