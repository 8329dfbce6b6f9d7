// Downloads through fetch, so that a refusal (403, 400 about a filter) shows the server's message instead of a
// browser error page, and the file keeps the name the server gives it.
import { ApiError } from '../api/client';
import type { ApiErrorBody } from '../api/types';
import { saveBlob } from '../filing/files';

/** The file name of a Content-Disposition header (RFC 5987 `filename*=UTF-8''…` first). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : null;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as ApiErrorBody;
    if (body?.error?.message) {
      return new ApiError({
        code: body.error.code,
        status: response.status,
        messages: body.error.message,
        fields: body.error.fields,
        requestId: body.error.requestId,
      });
    }
  } catch {
    // not JSON
  }
  return new ApiError({
    code: `http_${response.status}`,
    status: response.status,
    messages: {
      'zh-CN': `下载失败（HTTP ${response.status}），请稍后重试。`,
      'en-US': `The download failed (HTTP ${response.status}). Please try again later.`,
    },
  });
}

/** GETs a file and hands it to the browser as a download; rejects with ApiError when the server refuses. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'include' });
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
  if (!response.ok) throw await errorOf(response);
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  saveBlob(await response.blob(), name);
  return name;
}
