/** The one error body every non-2xx answer carries. */
export interface LocalisedText {
  'zh-CN': string;
  'en-US': string;
}

export interface FieldError {
  path: string;
  message: LocalisedText;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly text: LocalisedText,
    readonly fields?: FieldError[],
  ) {
    super(text['en-US']);
  }
}

export const notFound = (what: string, zh: string) =>
  new AppError(404, 'not_found', { 'zh-CN': `未找到${zh}`, 'en-US': `${what} not found` });

export const forbidden = () =>
  new AppError(403, 'forbidden', { 'zh-CN': '无权访问该资源', 'en-US': 'You may not access this resource' });

export const unauthenticated = () =>
  new AppError(401, 'unauthenticated', { 'zh-CN': '请先登录', 'en-US': 'Please log in first' });

export const invalidInput = (fields: FieldError[]) =>
  new AppError(
    400,
    'invalid_input',
    { 'zh-CN': '输入有误，请检查标出的字段', 'en-US': 'The input is invalid; check the marked fields' },
    fields,
  );

export function fieldError(path: string, zh: string, en: string): FieldError {
  return { path, message: { 'zh-CN': zh, 'en-US': en } };
}

export interface ErrorBody {
  error: { code: string; message: LocalisedText; fields?: FieldError[]; requestId: string };
}
