-- Persons (elders, young children, guardians). The ID number is never stored in plain text:
-- AES-256-GCM ciphertext with the id of the key that made it, and a keyed hash (HMAC-SHA-256) to find it.
CREATE TABLE person (
  region_code     text NOT NULL REFERENCES region (code),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  name            text NOT NULL CHECK (name <> '' AND length(name) <= 100),
  sex             text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date      date NOT NULL CHECK (birth_date >= DATE '1880-01-01'),
  id_number_cipher bytea,
  id_number_key_id text,
  id_number_hash  bytea,
  address         text CHECK (length(address) <= 300),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  CHECK ((id_number_cipher IS NULL) = (id_number_hash IS NULL)),
  CHECK ((id_number_cipher IS NULL) = (id_number_key_id IS NULL))
);
CREATE UNIQUE INDEX person_id_number_hash_idx ON person (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE UNIQUE INDEX person_id_idx ON person (id);
