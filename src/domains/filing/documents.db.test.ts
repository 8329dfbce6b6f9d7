import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { MAX_DOCUMENT_BYTES } from './documents.ts';
import { TINY_PDF, TINY_PNG } from './fixtures.ts';
import { addFacility, demoOrganisationId, exampleFields, submittedFiling } from './test-support.ts';

/**
 * Filing documents are stored with their SHA-256, refused when they are not what they claim to be, and never handed
 * back when the stored bytes no longer match their checksum.
 */
describe('filing documents', () => {
  let server: TestServer;
  let provider: Session;
  let officer: Session;
  let filingId: number;
  const url = () => `/api/provider/filings/${filingId}/documents`;
  const upload = (body: Record<string, unknown>) =>
    provider.request('POST', url(), {
      type: 'other',
      fileName: '说明.pdf',
      contentType: 'application/pdf',
      content: TINY_PDF.toString('base64'),
      ...body,
    });
  const documentCount = async () =>
    Number(
      (
        await server.database.db
          .selectFrom('filing_document')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    server = await startTestServer({ web: false });
    const facilityId = await addFacility(server.database.db, {
      regionCode: '340603',
      organisationId: await demoOrganisationId(server.database.db),
      name: '康乐养老院',
      type: 'care_home',
    });
    provider = await logIn(server.app, 'provider.demo');
    officer = await logIn(server.app, 'xiangshan.civil');
    const created = await provider.request('POST', '/api/provider/filings', {
      facilityId,
      kind: 'initial',
      fields: exampleFields('elderly_care'),
    });
    assert.equal(created.status, 201);
    filingId = created.body.id;
  });
  after(() => server?.close());

  it('stores the bytes with their SHA-256 and gives back the same bytes', async () => {
    const content = Buffer.concat([TINY_PDF, crypto.randomBytes(2000)]);
    const checksum = crypto.createHash('sha256').update(content).digest('hex');
    const stored = await upload({ content: content.toString('base64'), sha256: checksum.toUpperCase() });
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    assert.equal(stored.body.sha256, checksum);
    assert.equal(stored.body.sizeBytes, content.length);
    const row = await server.database.db
      .selectFrom('filing_document')
      .select(['sha256', 'content'])
      .where('id', '=', stored.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.sha256.toString('hex'), checksum);
    assert.deepEqual(row.content, content);
    const back = await provider.request('GET', `${url()}/${stored.body.id}`);
    assert.equal(back.status, 200);
    assert.deepEqual(Buffer.from(back.body.content, 'base64'), content);
    assert.equal(back.body.sha256, checksum);
  });

  it('refuses a checksum that does not match what arrived (damaged in transit), writing nothing', async () => {
    const before = await documentCount();
    const reply = await upload({ sha256: '0'.repeat(64) });
    assert.equal(reply.status, 400);
    assert.deepEqual(
      reply.body.error.fields.map((f: any) => f.path),
      ['body.sha256'],
    );
    assert.equal(await documentCount(), before);
  });

  it('refuses other file types and content that is not what it claims, with a 4xx naming the field', async () => {
    const before = await documentCount();
    const word = await upload({ contentType: 'application/msword' });
    assert.equal(word.status, 400);
    assert.deepEqual(
      word.body.error.fields.map((f: any) => f.path),
      ['body.contentType'],
    );
    const disguised = await upload({
      contentType: 'application/pdf',
      content: Buffer.from('MZ\x90\x00 not a pdf').toString('base64'),
    });
    assert.equal(disguised.status, 400);
    assert.deepEqual(
      disguised.body.error.fields.map((f: any) => f.path),
      ['body.contentType'],
    );
    const notBase64 = await upload({ content: '%%%%' });
    assert.equal(notBase64.status, 400);
    assert.deepEqual(
      notBase64.body.error.fields.map((f: any) => f.path),
      ['body.content'],
    );
    const path = await upload({ fileName: '../../etc/passwd' });
    assert.equal(path.status, 400);
    assert.equal(await documentCount(), before);
    const png = await upload({
      type: 'premises_proof',
      fileName: '平面图.png',
      contentType: 'image/png',
      content: TINY_PNG.toString('base64'),
    });
    assert.equal(png.status, 201, 'a PNG is fine');
  });

  it('accepts a 10 MiB scan on this route only, and refuses anything larger', async () => {
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20);
    TINY_PDF.copy(big);
    const fits = await upload({ content: big.toString('base64') });
    assert.equal(fits.status, 201, 'exactly 10 MiB is accepted although the server limit is 1 MiB');
    const over = Buffer.concat([big, Buffer.from('x')]);
    const tooBig = await upload({ content: over.toString('base64') });
    assert.equal(tooBig.status, 400);
    assert.deepEqual(
      tooBig.body.error.fields.map((f: any) => f.path),
      ['body.content'],
    );
    const huge = await provider.request('POST', url(), { content: 'A'.repeat(20 * 1024 * 1024) });
    assert.equal(huge.status, 413, 'a body past the route limit never reaches the handler');
    const elsewhere = await provider.request('PATCH', `/api/provider/filings/${filingId}`, {
      fields: { ...exampleFields('elderly_care'), name: 'x'.repeat(2 * 1024 * 1024) },
    });
    assert.equal(elsewhere.status, 413, 'other routes keep the 1 MiB limit');
  });

  it('the database refuses bytes that do not match the stored checksum', async () => {
    const [document] = await server.database.db.selectFrom('filing_document').select('id').limit(1).execute();
    await assert.rejects(
      sql`UPDATE filing_document SET content = content || '\\x00'::bytea, size_bytes = size_bytes + 1
          WHERE id = ${document.id}`.execute(server.database.db),
      /filing_document_checksum/,
    );
  });

  it('a stored document whose bytes rotted is never handed out', async () => {
    const stored = await upload({ fileName: '将损坏.pdf' });
    assert.equal(stored.status, 201);
    // Simulate corruption below the database's own check (a restored backup, a disk fault).
    await sql`ALTER TABLE filing_document DROP CONSTRAINT filing_document_checksum`.execute(
      server.database.db,
    );
    await sql`UPDATE filing_document SET content = overlay(content PLACING '\\x58'::bytea FROM 10)
              WHERE id = ${stored.body.id}`.execute(server.database.db);
    const reply = await provider.request('GET', `${url()}/${stored.body.id}`);
    assert.equal(reply.status, 500);
    assert.equal(reply.body.error.code, 'document_integrity_failed');
    assert.equal(reply.body.error.content, undefined);
  });

  it('documents are read by the department once submitted, and frozen from then on', async () => {
    const facilityId = await addFacility(server.database.db, {
      regionCode: '340603',
      organisationId: await demoOrganisationId(server.database.db),
      name: '康乐二院',
      type: 'care_home',
    });
    const submitted = await submittedFiling(provider, facilityId, 'elderly_care');
    const detail = await officer.request('GET', `/api/filings/${submitted}`);
    assert.equal(detail.status, 200);
    const document = detail.body.documents[0];
    const read = await officer.request('GET', `/api/filings/${submitted}/documents/${document.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(Buffer.from(read.body.content, 'base64'), TINY_PDF);
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'filing_document')
      .where('action', '=', 'read')
      .execute();
    assert.ok(
      audit.some((entry) => entry.entity_id === String(document.id)),
      'the read is audited',
    );
    const remove = await provider.request(
      'DELETE',
      `/api/provider/filings/${submitted}/documents/${document.id}`,
    );
    assert.equal(remove.status, 409);
    const add = await provider.request('POST', `/api/provider/filings/${submitted}/documents`, {
      type: 'other',
      fileName: 'late.pdf',
      contentType: 'application/pdf',
      content: TINY_PDF.toString('base64'),
    });
    assert.equal(add.status, 409);
    assert.equal(add.body.error.code, 'filing_not_editable');
    const wrongFiling = await officer.request(
      'GET',
      `/api/filings/${submitted}/documents/${document.id + 100000}`,
    );
    assert.equal(wrongFiling.status, 404);
  });
});
