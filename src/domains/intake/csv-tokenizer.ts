// CSV records out of decoded text, RFC 4180: fields split by commas, records by CRLF, LF or CR; a field starting with
// a double quote runs to the closing quote, may hold commas and line breaks, and writes a quote as "". Lenient the
// way clerks' files need: a quote inside an unquoted field is kept as typed, text after a closing quote is kept, empty
// lines are skipped and records may have any number of fields.
// Why not csv-parse: at a million rows its general machinery cost ~5 µs per row; here the common case (short
// unquoted fields) is one scan and one slice per field.

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** A record longer than this is no clerk's row; refusing it keeps a broken file from holding all of it in memory. */
export const MAX_RECORD_CHARS = 1 << 20;

export class CsvSyntaxError extends Error {}

/**
 * Emits each complete record of `text` and returns where the first incomplete one starts (text.length when none).
 * With `final`, the text is the end of the file: its last record is complete, and an open quote is an error.
 */
export function tokenizeCsv(text: string, final: boolean, emit: (cells: string[]) => void): number {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      // An empty line: no record. A CR at the end may be the first half of a CRLF.
      if (c === CR && i + 1 === n && !final) return start;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      continue;
    }
    const cells: string[] = [];
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1 || (q + 1 === n && !final)) {
            if (final)
              throw new CsvSyntaxError(`a quoted field that starts at character ${start} is not closed`);
            return start;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        const rest = i;
        while (i < n && (c = text.charCodeAt(i)) !== COMMA && c !== LF && c !== CR) i++;
        cells.push(i > rest ? value + text.slice(rest, i) : value);
      } else {
        const from = i;
        while (i < n && (c = text.charCodeAt(i)) !== COMMA && c !== LF && c !== CR) i++;
        cells.push(text.slice(from, i));
      }
      if (i === n) {
        if (!final) return start;
        emit(cells);
        return n;
      }
      c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 === n && !final) return start;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      emit(cells);
      break;
    }
  }
  return n;
}
