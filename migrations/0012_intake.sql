-- Spreadsheet intake (Excel/CSV upload into the registries). A job is one uploaded file: it is validated as a whole
-- and applied all-or-nothing in the background, and the uploader follows its progress and fetches the result file.
-- The uploaded file itself is never kept (it holds ID numbers in plain text): only its size and SHA-256.
CREATE TABLE intake_job (
  -- The root of the uploader's scope (their role's region, their organisation's region), so the job is found where
  -- the uploader works; the rows themselves may lie anywhere below it.
  region_code    text NOT NULL REFERENCES region (code),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  account_id     bigint NOT NULL REFERENCES account (id),
  kind           text NOT NULL CHECK (kind IN (
    'people', 'households', 'population', 'organisations', 'facilities', 'capacity', 'staff')),
  file_name      text CHECK (length(file_name) <= 255),
  file_format    text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  file_bytes     bigint NOT NULL CHECK (file_bytes >= 0),
  file_sha256    bytea NOT NULL CHECK (length(file_sha256) = 32),
  -- queued → validating → applying → done; validating → rejected when any row is bad (nothing applied);
  -- failed when the file as a whole cannot be read (wrong headers, not a spreadsheet) or the server gave up.
  status         text NOT NULL DEFAULT 'queued' CHECK (status IN (
    'queued', 'validating', 'applying', 'done', 'rejected', 'failed')),
  progress       real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  rows_read      integer NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
  rows_bad       integer NOT NULL DEFAULT 0 CHECK (rows_bad >= 0 AND rows_bad <= rows_read),
  rows_created   integer NOT NULL DEFAULT 0 CHECK (rows_created >= 0),
  rows_updated   integer NOT NULL DEFAULT 0 CHECK (rows_updated >= 0),
  rows_unchanged integer NOT NULL DEFAULT 0 CHECK (rows_unchanged >= 0),
  message_zh     text CHECK (length(message_zh) <= 1000),
  message_en     text CHECK (length(message_en) <= 1000),
  -- The bad rows with their reasons (xlsx, ID numbers masked), at most a capped number of rows.
  result_file    bytea,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  PRIMARY KEY (region_code, id),
  CHECK ((finished_at IS NULL) = (status IN ('queued', 'validating', 'applying'))),
  CHECK (status <> 'done' OR (rows_bad = 0 AND rows_created + rows_updated + rows_unchanged = rows_read)),
  CHECK (status <> 'rejected' OR rows_bad > 0),
  CHECK ((message_zh IS NULL) = (message_en IS NULL))
);
CREATE UNIQUE INDEX intake_job_id_idx ON intake_job (id);
CREATE INDEX intake_job_account_idx ON intake_job (account_id, created_at);
