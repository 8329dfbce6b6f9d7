// Just enough of xlsx to read back the server's result file in the browser (the bad rows and their reasons), so
// the clerk sees them on the page without opening Excel. An xlsx is a zip of XML parts: find the parts in the zip's
// central directory, inflate them with the browser's DecompressionStream, read the cells with DOMParser.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function entries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const found = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== CENTRAL) throw new Error('broken zip directory');
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    found.set(name, { name, method, compressedSize, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return found;
}

async function inflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function readPart(bytes: Uint8Array<ArrayBuffer>, entry: ZipEntry): Promise<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(entry.localOffset, true) !== LOCAL) throw new Error('broken zip entry');
  const start =
    entry.localOffset +
    30 +
    view.getUint16(entry.localOffset + 26, true) +
    view.getUint16(entry.localOffset + 28, true);
  const data = bytes.slice(start, start + entry.compressedSize);
  const raw = entry.method === 0 ? data : entry.method === 8 ? await inflate(data) : null;
  if (!raw) throw new Error(`unsupported zip compression ${entry.method}`);
  return new TextDecoder().decode(raw);
}

function xml(text: string): Document {
  return new DOMParser().parseFromString(text, 'application/xml');
}

/** Text of an element's <t> descendants (rich text runs included). */
function textOf(element: Element): string {
  return Array.from(element.getElementsByTagName('t'))
    .map((t) => t.textContent ?? '')
    .join('');
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const char of ref.replace(/\d+$/, '')) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

/** The rows of one worksheet (by name, else the first) as arrays of cell texts; row 1 is the header. */
export async function readSheet(file: ArrayBuffer, sheetName?: string): Promise<string[][]> {
  const bytes = new Uint8Array(file);
  const parts = entries(bytes);
  const part = async (name: string) => {
    const entry = parts.get(name);
    return entry ? readPart(bytes, entry) : null;
  };

  let target = 'xl/worksheets/sheet1.xml';
  const workbook = await part('xl/workbook.xml');
  const rels = await part('xl/_rels/workbook.xml.rels');
  if (workbook && rels && sheetName) {
    const sheet = Array.from(xml(workbook).getElementsByTagName('sheet')).find(
      (element) => element.getAttribute('name') === sheetName,
    );
    const id =
      sheet?.getAttribute('r:id') ??
      sheet?.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
    const relation = Array.from(xml(rels).getElementsByTagName('Relationship')).find(
      (element) => element.getAttribute('Id') === id,
    );
    const path = relation?.getAttribute('Target');
    if (path) target = path.startsWith('/') ? path.slice(1) : `xl/${path}`;
  }

  const sharedText = await part('xl/sharedStrings.xml');
  const shared = sharedText ? Array.from(xml(sharedText).getElementsByTagName('si')).map(textOf) : [];
  const sheetText = await part(target);
  if (!sheetText) return [];
  return Array.from(xml(sheetText).getElementsByTagName('row')).map((row) => {
    const cells: string[] = [];
    for (const cell of Array.from(row.getElementsByTagName('c'))) {
      const index = columnIndex(cell.getAttribute('r') ?? 'A1');
      const type = cell.getAttribute('t');
      const value = cell.getElementsByTagName('v')[0]?.textContent ?? '';
      cells[index] =
        type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? textOf(cell) : value;
    }
    return Array.from(cells, (text) => text ?? '');
  });
}
