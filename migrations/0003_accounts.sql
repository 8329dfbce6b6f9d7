-- Accounts, their scoped roles, server-side sessions and API tokens.
CREATE TABLE account (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name   text NOT NULL CHECK (display_name <> ''),
  principal_type text NOT NULL CHECK (principal_type IN ('government', 'provider', 'family', 'system')),
  password_hash  text,
  failed_logins  integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until   timestamptz,
  disabled_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- A government role is scoped to a region subtree and a domain; a provider role to one organisation;
-- a family role to the person the account belongs to.
CREATE TABLE account_role (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id      bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('officer', 'viewer', 'provider_admin', 'provider_staff', 'family_member', 'platform_admin')),
  region_code     text REFERENCES region (code),
  domain          text CHECK (domain IN ('elderly_care', 'childcare', 'planning')),
  organisation_id bigint,
  person_region_code text,
  person_id       bigint,
  CHECK (role NOT IN ('officer', 'viewer') OR (region_code IS NOT NULL AND domain IS NOT NULL)),
  CHECK (role NOT IN ('provider_admin', 'provider_staff') OR organisation_id IS NOT NULL),
  UNIQUE (account_id, role, region_code, domain, organisation_id)
);

CREATE TABLE session (
  token_hash   bytea PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           inet,
  user_agent   text,
  CHECK (expires_at > created_at)
);
CREATE INDEX session_account_idx ON session (account_id);

CREATE TABLE api_token (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (name <> ''),
  token_hash   bytea NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
