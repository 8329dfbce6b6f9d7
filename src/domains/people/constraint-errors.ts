import { AppError, fieldError } from '../../server/errors.ts';

export interface ConstraintMessage {
  code: string;
  path: string;
  zh: string;
  en: string;
}

/**
 * Runs a write and turns the violation of a named constraint into a 409 with a field error. Actions check these
 * rules first; this covers the race where two requests pass the check together and the database decides.
 */
export async function guarded<T>(
  work: () => Promise<T>,
  messages: Record<string, ConstraintMessage>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    const message = constraint === undefined ? undefined : messages[constraint];
    if (!message) throw error;
    throw conflict(message);
  }
}

export function conflict(message: ConstraintMessage): AppError {
  return new AppError(409, message.code, { 'zh-CN': message.zh, 'en-US': message.en }, [
    fieldError(message.path, message.zh, message.en),
  ]);
}
