// Bulk writes of the demo: thousands of rows in a few statements, inside the loader's one transaction.

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest demo table. */
export const CHUNK_ROWS = 1_000;

/** Inserts rows chunk by chunk, returning what each chunk returned, in order. */
export async function insertChunked<Row, Returned>(
  rows: readonly Row[],
  insert: (chunk: Row[]) => Promise<Returned[]>,
): Promise<Returned[]> {
  const returned: Returned[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    returned.push(...(await insert(rows.slice(start, start + CHUNK_ROWS))));
  }
  return returned;
}

/**
 * Ids of inserted rows in the order the rows were given. PostgreSQL returns a VALUES list's rows in order; the key
 * each row came back with is compared anyway, so a change in that behaviour fails the load instead of mislinking.
 */
export function idsInOrder<Key>(
  returned: readonly { id: number; key: Key }[],
  expected: readonly Key[],
  what: string,
): number[] {
  if (returned.length !== expected.length)
    throw new Error(`${what}: ${returned.length} rows for ${expected.length}`);
  return returned.map((row, index) => {
    if (row.key !== expected[index]) throw new Error(`${what}: row ${index} came back out of order`);
    return row.id;
  });
}
