import { inTransaction, type Db } from '../../db/database.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { afterFailure, isLocked } from './login-policy.ts';
import { verifyPassword, spendVerificationTime } from './password.ts';
import { createSession } from './queries.ts';
import { newSecret } from './secrets.ts';

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', {
    'zh-CN': '用户名或密码错误',
    'en-US': 'Wrong username or password',
  });

const accountLocked = (until: Date) =>
  new AppError(423, 'account_locked', {
    'zh-CN': `连续登录失败次数过多，账号已锁定至 ${until.toISOString()}`,
    'en-US': `Too many failed logins; the account is locked until ${until.toISOString()}`,
  });

/** Checks a password and opens a session; failures count towards a temporary lock. */
export async function logIn(
  db: Db,
  actor: Actor,
  input: { username: string; password: string; userAgent: string | null },
  now: Date,
): Promise<{ accountId: number; sessionToken: string }> {
  const username = input.username.trim().toLowerCase();
  const account = await db
    .selectFrom('account')
    .select(['id', 'password_hash', 'failed_logins', 'locked_until', 'disabled_at', 'principal_type'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!account || account.disabled_at) {
    await spendVerificationTime(input.password);
    throw invalidCredentials();
  }
  if (isLocked(account.locked_until, now)) throw accountLocked(account.locked_until!);
  const matches = await verifyPassword(account.password_hash, input.password);
  const subject = { ...actor, principal: null };
  if (!matches) {
    // Re-read under a row lock so simultaneous wrong attempts all count.
    const next = await inTransaction(db, async (tx) => {
      const current = await tx
        .selectFrom('account')
        .select('failed_logins')
        .where('id', '=', account.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const outcome = afterFailure(current.failed_logins, now);
      await tx
        .updateTable('account')
        .set({ failed_logins: outcome.failures, locked_until: outcome.lockedUntil })
        .where('id', '=', account.id)
        .execute();
      await recordAudit(tx, subject, {
        action: 'login_failed',
        entity: 'account',
        entityId: account.id,
        detail: { locked: outcome.lockedUntil !== null },
      });
      return outcome;
    });
    if (next.lockedUntil) throw accountLocked(next.lockedUntil);
    throw invalidCredentials();
  }
  const sessionToken = newSecret('lys_');
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable('account')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', account.id)
      .execute();
    await createSession(tx, account.id, sessionToken, now, { ip: actor.ip, userAgent: input.userAgent });
    await recordAudit(tx, subject, { action: 'login', entity: 'account', entityId: account.id });
  });
  return { accountId: account.id, sessionToken };
}
