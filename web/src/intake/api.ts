// The intake API (src/domains/intake): kinds, templates, uploads as raw files, job progress and result files.
import { ApiError, api } from '../api/client';
import type { ApiErrorBody, LocalizedText } from '../api/types';

export const INTAKE_KIND_KEYS = [
  'people',
  'households',
  'population',
  'organisations',
  'facilities',
  'capacity',
  'staff',
] as const;
export type IntakeKindKey = (typeof INTAKE_KIND_KEYS)[number];

export type IntakeStatus = 'queued' | 'validating' | 'applying' | 'done' | 'rejected' | 'failed';
export const FINISHED: ReadonlySet<IntakeStatus> = new Set(['done', 'rejected', 'failed']);

export interface IntakeKindInfo {
  key: IntakeKindKey;
  /** 人员信息 */
  title: string;
  sheetName: string;
  columns: { key: string; header: string; type: string; required: boolean }[];
}

export interface RowProblem {
  /** The row's number in the uploaded file (the header is row 1). */
  row: number;
  /** What the row's first column says (姓名, 机构名称 …), to recognise it. */
  label: string;
  reasons: string[];
}

export interface IntakeJob {
  id: number;
  kind: IntakeKindKey;
  fileName: string | null;
  fileFormat: 'csv' | 'xlsx';
  fileBytes: number;
  status: IntakeStatus;
  /** 0–1 */
  progress: number;
  rowsRead: number;
  rowsBad: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  /** Why a file failed as a whole (no header, missing columns…). */
  message: LocalizedText | null;
  /** Whether GET …/result.xlsx has a file (once the job is done or rejected). */
  resultAvailable: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The result file's headers (src/domains/intake/result-file.ts). */
export const RESULT_SHEET = '错误行';
export const ROW_NUMBER_HEADER = '行号';
export const REASON_HEADER = '错误原因';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function fetchKinds(signal?: AbortSignal): Promise<{ kinds: IntakeKindInfo[] }> {
  return api.get('/api/intake/kinds', { signal });
}

export function fetchJob(id: number, signal?: AbortSignal): Promise<IntakeJob> {
  return api.get(`/api/intake/jobs/${id}`, { signal });
}

export const templatePath = (kind: IntakeKindKey) => `/api/intake/${kind}/template`;
export const resultPath = (jobId: number) => `/api/intake/jobs/${jobId}/result.xlsx`;

/** The content type of an upload: the server reads CSV (UTF-8 or GBK) and xlsx. */
export function uploadContentType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE;
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  return null;
}

/**
 * Sends the file itself as the request body (not JSON, not multipart) with its content type, as
 * POST /api/intake/:kind expects; resolves with the job the server queued.
 */
export async function uploadFile(kind: IntakeKindKey, file: File, contentType: string): Promise<IntakeJob> {
  let response: Response;
  try {
    response = await fetch(`/api/intake/${kind}?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Accept: 'application/json' },
      body: file,
      credentials: 'include',
    });
  } catch {
    throw new ApiError({
      code: 'network_error',
      status: 0,
      messages: {
        'zh-CN': '无法连接服务器，请检查网络后重试。',
        'en-US': 'Could not reach the server. Check your connection and try again.',
      },
    });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body as ApiErrorBody | null)?.error;
    throw new ApiError({
      code: error?.code ?? `http_${response.status}`,
      status: response.status,
      messages: error?.message ?? {
        'zh-CN': `上传失败（HTTP ${response.status}）`,
        'en-US': `The upload failed (HTTP ${response.status})`,
      },
      fields: error?.fields,
      requestId: error?.requestId,
    });
  }
  return body as IntakeJob;
}

/** The bad rows of a rejected upload, read back from its result file (row number, first column, reasons). */
export async function fetchResultRows(jobId: number, signal?: AbortSignal): Promise<RowProblem[]> {
  const response = await fetch(resultPath(jobId), { credentials: 'include', signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const { readSheet } = await import('./xlsx');
  const [header, ...rows] = await readSheet(await response.arrayBuffer(), RESULT_SHEET);
  if (!header) return [];
  const rowAt = header.indexOf(ROW_NUMBER_HEADER);
  const reasonAt = header.indexOf(REASON_HEADER);
  const labelAt = header.findIndex((text, index) => index !== rowAt && index !== reasonAt && text);
  if (rowAt < 0 || reasonAt < 0) return [];
  return rows
    .filter((cells) => cells[rowAt])
    .map((cells) => ({
      row: Number(cells[rowAt]),
      label: labelAt >= 0 ? (cells[labelAt] ?? '') : '',
      reasons: (cells[reasonAt] ?? '').split('；').filter(Boolean),
    }));
}
