// The reviewer's inbox query, shared by the inbox route and its Excel export so both show the same filings.
import type { Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import type { FacilityDomain } from '../providers/facility-types.ts';
import { filingsWithFacility } from './queries.ts';
import { reviewCondition } from './reach.ts';
import type { FilingStatus } from './state-machine.ts';

export interface InboxFilter {
  region: string;
  /** Without one, the filings still waiting on the department. */
  status?: Exclude<FilingStatus, 'draft'>;
  domain?: FacilityDomain;
}

/** Submitted filings of the region the reviewer reaches, oldest submission first; paging is the caller's. */
export function inboxQuery(tx: Tx, principal: Principal, filter: InboxFilter) {
  let query = filingsWithFacility(tx)
    .where(reviewCondition(principal, filter.region))
    .where('filing.submitted_at', 'is not', null);
  query = filter.status
    ? query.where('filing.status', '=', filter.status)
    : query.where('filing.status', 'in', ['submitted', 'received', 'correction_requested']);
  if (filter.domain) query = query.where('filing.domain', '=', filter.domain);
  return query.orderBy('filing.submitted_at').orderBy('filing.id');
}
