-- Append-only audit log of every write and every read of personal data.
CREATE TABLE audit_entry (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code    text,
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  account_id     bigint REFERENCES account (id),
  principal_type text,
  action         text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'read', 'login', 'login_failed', 'logout', 'export')),
  entity         text NOT NULL,
  entity_id      text,
  detail         jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip             inet,
  request_id     text
);
CREATE INDEX audit_entry_region_time_idx ON audit_entry (region_code text_pattern_ops, occurred_at);
CREATE INDEX audit_entry_entity_idx ON audit_entry (entity, entity_id);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
