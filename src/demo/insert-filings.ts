// Writes the planned filings with their documents and events, and the filing records they produced.
import crypto from 'node:crypto';
import type { Tx } from '../db/database.ts';
import type { DocumentType } from '../domains/filing/documents.ts';
import type { FilingPlan, PlannedFiling } from './filing-plan.ts';
import type { ProviderIds } from './insert-providers.ts';
import { idsInOrder, insertChunked } from './insert.ts';

/** A one-page PDF standing in for each scanned document of a demo filing. */
function demoDocument(type: DocumentType): { content: Buffer; sha256: Buffer } {
  const content = Buffer.from(
    `%PDF-1.4\n% laoyou demo document: ${type}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`,
  );
  return { content, sha256: crypto.createHash('sha256').update(content).digest() };
}

export async function insertFilings(
  tx: Tx,
  plan: FilingPlan,
  providers: ProviderIds,
  organisationOf: (filing: PlannedFiling) => string,
  reviewer: (filing: PlannedFiling) => number,
): Promise<void> {
  const facilityId = (filing: PlannedFiling) => providers.facilities.get(filing.facility)!;
  const rows = await insertChunked(plan.filings, (chunk) =>
    tx
      .insertInto('filing')
      .values(
        chunk.map((filing) => ({
          region_code: filing.countyCode,
          facility_region_code: filing.facility.regionCode,
          facility_id: facilityId(filing),
          organisation_id: providers.organisations.get(organisationOf(filing))!,
          domain: filing.domain,
          kind: filing.kind,
          status: filing.status,
          fields: JSON.stringify(filing.fields),
          created_at: filing.createdAt,
          updated_at: filing.events[filing.events.length - 1].at,
          submitted_at: filing.submittedAt,
          received_at: filing.receivedAt,
          decided_at: filing.decidedAt,
        })),
      )
      .returning(['id', 'facility_id as key'])
      .execute(),
  );
  const ids = idsInOrder(rows, plan.filings.map(facilityId), 'filings');
  const filingIds = new Map(plan.filings.map((filing, index) => [filing, ids[index]]));

  const documents = new Map<DocumentType, { content: Buffer; sha256: Buffer }>();
  const documentRows = plan.filings.flatMap((filing) =>
    filing.documents.map((type) => {
      if (!documents.has(type)) documents.set(type, demoDocument(type));
      return { filing, type, ...documents.get(type)! };
    }),
  );
  await insertChunked(documentRows, (chunk) =>
    tx
      .insertInto('filing_document')
      .values(
        chunk.map(({ filing, type, content, sha256 }) => ({
          region_code: filing.countyCode,
          filing_id: filingIds.get(filing)!,
          type,
          file_name: `${type}.pdf`,
          content_type: 'application/pdf' as const,
          size_bytes: content.length,
          sha256,
          content,
          uploaded_at: filing.createdAt,
        })),
      )
      .execute()
      .then(() => []),
  );

  const events = plan.filings.flatMap((filing) => filing.events.map((event) => ({ filing, event })));
  await insertChunked(events, (chunk) =>
    tx
      .insertInto('filing_event')
      .values(
        chunk.map(({ filing, event }) => ({
          region_code: filing.countyCode,
          filing_id: filingIds.get(filing)!,
          at: event.at,
          // Providers acted through accounts the demo does not have; the department's steps are its officer's.
          account_id: event.action === 'submit' || event.action === 'resubmit' ? null : reviewer(filing),
          action: event.action,
          from_status: event.from,
          to_status: event.to,
          reasons: event.reasons,
          deadline: event.deadline,
          published: event.published,
        })),
      )
      .execute()
      .then(() => []),
  );

  await insertChunked(plan.records, (chunk) =>
    tx
      .insertInto('filing_record')
      .values(
        chunk.map((record) => ({
          region_code: record.countyCode,
          facility_id: providers.facilities.get(record.facility)!,
          organisation_id: providers.organisations.get(organisationOf(record.initial))!,
          domain: record.domain,
          filing_number: record.filingNumber,
          filed_on: record.filedOn,
          fields: JSON.stringify(record.fields),
          initial_filing_id: filingIds.get(record.initial)!,
          last_filing_id: filingIds.get(record.last)!,
          updated_on: record.updatedOn,
          deregistered_on: record.deregisteredOn,
        })),
      )
      .execute()
      .then(() => []),
  );
}
