// exceljs, loaded so that its streaming reader decodes UTF-8 across chunk boundaries. Its XML parser turns each chunk
// of a zip entry into a string on its own, so a Chinese character split between two chunks became two U+FFFD: a name
// silently corrupted, or a dropdown value refused, once every 16 KiB or so of text. The decoder it uses is replaced
// by a streaming one before any of exceljs is loaded (its modules capture it when they load), which is why every
// module of this domain takes ExcelJS from here and not from 'exceljs'.
//
// The decoder carries an incomplete character from one chunk to the next. exceljs parses a workbook's entries one
// after another and every XML entry ends in '>', so nothing is carried from one entry into the next; reading two
// workbooks at once in one process could interleave, and the intake reads one file at a time.
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

const require = createRequire(import.meta.url);
if (require.cache[require.resolve('exceljs/lib/utils/parse-sax.js')]) {
  // Too late to fix the decoder: fail loudly rather than corrupt names now and then.
  throw new Error('exceljs was loaded before src/domains/intake/excel.ts: import ExcelJS from there');
}
const decoding = require('exceljs/lib/utils/browser-buffer-decode.js') as {
  bufferToString: (chunk: string | Uint8Array) => string;
};
const decoder = new TextDecoder('utf-8');
decoding.bufferToString = (chunk) =>
  typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });

const ExcelJS = require('exceljs') as typeof ExcelJSModule;
export default ExcelJS;
