// The checked ID numbers of a file read so far, each with the row it first came in: a repeat is found as the row is
// read, in any chunk, without a table of every keyed hash in PostgreSQL (a btree over a million random hashes in temp
// buffers cost ~5 µs per row). A checked number is fixed by its first 17 digits (the 18th is their check character),
// kept as two int32s beside the row number in an open-addressing table: 12 bytes a slot, at most half full, so ~24 MB
// for a million rows, and the upload size limit bounds it.

const EMPTY = 0; // row numbers start at 2 (row 1 is the header)

export class SeenIdNumbers {
  private slots = new Int32Array(3 * 1024);
  private size = 0;

  /** The row `idNumber` (checked, 18 characters) first came in; when it is new, `rowNo` becomes that row. */
  firstRow(idNumber: string, rowNo: number): number | undefined {
    let high = 0;
    for (let i = 0; i < 9; i++) high = high * 10 + idNumber.charCodeAt(i) - 48;
    let low = 0;
    for (let i = 9; i < 17; i++) low = low * 10 + idNumber.charCodeAt(i) - 48;
    const at = this.find(this.slots, high, low);
    if (this.slots[at + 2] !== EMPTY) return this.slots[at + 2];
    this.slots[at] = high;
    this.slots[at + 1] = low;
    this.slots[at + 2] = rowNo;
    if (++this.size * 2 > this.slots.length / 3) this.grow();
    return undefined;
  }

  /** The slot holding the key, or the empty slot where it belongs. */
  private find(slots: Int32Array, high: number, low: number): number {
    const capacity = slots.length / 3;
    let i = (Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b) >>> 0) % capacity;
    for (;;) {
      const at = i * 3;
      if (slots[at + 2] === EMPTY || (slots[at] === high && slots[at + 1] === low)) return at;
      i = i + 1 === capacity ? 0 : i + 1;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === EMPTY) continue;
      const to = this.find(this.slots, old[at], old[at + 1]);
      this.slots[to] = old[at];
      this.slots[to + 1] = old[at + 1];
      this.slots[to + 2] = old[at + 2];
    }
  }
}
