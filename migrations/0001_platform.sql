-- Platform-wide key/value settings (e.g. which part of China this deployment serves).
CREATE TABLE setting (
  key        text PRIMARY KEY CHECK (key <> ''),
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
