import type { Generated } from 'kysely';

export type Sex = 'male' | 'female';

export interface PersonTable {
  region_code: string;
  id: Generated<number>;
  name: string;
  sex: Sex;
  birth_date: string;
  id_number_cipher: Buffer | null;
  id_number_key_id: string | null;
  id_number_hash: Buffer | null;
  address: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PeopleTables {
  person: PersonTable;
}
