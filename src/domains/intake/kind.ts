// What an intake kind is: the sheet a clerk fills in (columns, instructions), the rules a row must pass on its own
// (pure), the columns it is staged as, the checks that need the database (run in bulk over the staged file) and the
// apply step that writes the registry idempotently on the kind's natural key.
import type { RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { Permission } from '../../server/access.ts';
import type { PrincipalType } from '../accounts/tables.ts';
import type { Actor } from '../audit/record.ts';
import type { FacilityDomain } from '../providers/facility-types.ts';
import type { CellValue, Column } from './columns.ts';
import type { SealedBytes } from './sealed-bytes.ts';
import type { IdNumberSealer } from './sealer.ts';
import type { IntakeKindKey } from './tables.ts';

/** A row's cells read by their columns, by column key. */
export type RowValues = Record<string, CellValue>;

/** Where the uploader may write. */
export interface IntakeScope {
  /** Region prefixes a government uploader writes (null: everywhere, or a provider bound by organisation instead). */
  regions: string[] | null;
  /** Whether a record of this region (and, for providers' records, domain) may be written. */
  reaches(regionCode: string, domain?: FacilityDomain): boolean;
  /** The organisations a provider uploader acts for; null for government uploaders. */
  organisations: number[] | null;
  /**
   * For providers' records, the (domain, region subtree) pairs a government uploader writes, for checks in SQL on
   * records whose domain the database knows; null: every domain everywhere (or a provider uploader).
   */
  domains?: { domain: FacilityDomain; regionCode: string }[] | null;
}

export interface RowContext {
  /** Today in China (YYYY-MM-DD): dates may not lie after it. */
  today: string;
  now: Date;
  scope: IntakeScope;
}

export interface SqlContext {
  today: string;
  accountId: number;
  scope: IntakeScope;
  /** Who uploads, for what an apply step audits beyond the per-region counts (e.g. staff moved with organisations). */
  actor?: Actor;
}

/** A staged field: what COPY writes for a row. */
export type StagedValue = string | number | boolean | Buffer | SealedBytes | null;

export interface StagingColumn {
  name: string;
  /** Its SQL type in the staging table. */
  type: string;
}

/** A natural key no two rows of one file may share (e.g. the ID number's hash). */
export interface FileKey {
  /** Staging columns of the key. */
  columns: string[];
  /** What the repeat is called in the reason, e.g. 身份证号码相同. */
  label: string;
  /** The rows the key applies to, over the staging row `s`; all rows when absent. */
  where?: RawBuilder<boolean>;
  /**
   * When the key is a checked ID number alone: the row value holding it. Its repeats are then found in memory as
   * the rows are read (see seen-id-numbers.ts), not in SQL.
   */
  idNumber?: string;
}

/** What an apply step did in one region: the audit log gets one entry per region with these counts. */
export interface RegionCounts {
  regionCode: string;
  created: number;
  updated: number;
}

export interface IntakeKind {
  key: IntakeKindKey;
  /** 人员信息: the title of the template and of messages. */
  title: string;
  /** The data sheet's name in the template. */
  sheetName: string;
  /** The audit log's entity for what the kind writes. */
  entity: string;
  /** The registry's write permission, held in the region of every row. */
  permission: Permission;
  /** What a provider principal must hold instead, for kinds providers upload for their own organisations. */
  providerPermission?: Permission;
  principals: readonly PrincipalType[];
  columns: readonly Column[];
  /** The 说明 sheet's paragraphs, besides the generic ones. */
  instructions: readonly string[];
  /** Where a row's record lives, for the uploader's scope (domain for providers' records). */
  placeOf(row: RowValues): { regionCode: string; domain?: FacilityDomain } | null;
  /** Reasons in Chinese why a row whose cells read cleanly still cannot be taken; pure. */
  validate(row: RowValues, ctx: RowContext): string[];
  /** The staging table's columns after row_no, in the order `stage` returns them. */
  staging: readonly StagingColumn[];
  /** The staged fields of a valid row; ID numbers are sealed here, never staged in plain text. */
  stage(row: RowValues, sealer: IdNumberSealer): StagedValue[];
  /**
   * Checks against the database and across the file, over the staging table `intake_staging`: each query selects
   * (row_no integer, reason text) for the rows it refuses.
   */
  checks(ctx: SqlContext): RawBuilder<{ row_no: number; reason: string }>[];
  /** Keys a row may not repeat from an earlier row of the file: each repeat is refused naming the first row. */
  repeats?: readonly FileKey[];
  /**
   * Whether a large file may be checked and applied in chunks, in row order and in the one transaction, while the
   * next chunk is read. Only for kinds whose checks compare a row with the registry and never with the file's other
   * rows except through `repeats` (those the pipeline checks across chunks): a chunk's checks see the earlier chunks
   * applied.
   */
  appliesInChunks?: boolean;
  /** Writes the staged rows (all valid) into the registry: creates new ones, updates changed ones, leaves equal ones. */
  apply(tx: Tx, ctx: SqlContext): Promise<RegionCounts[]>;
}
