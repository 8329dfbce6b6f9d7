/** Rules of logging in, as pure functions of the account's state and a clock. */
export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  attemptsPerMinutePerAddress: number;
}

export const LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  lockMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  attemptsPerMinutePerAddress: 20,
};

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now;
}

/** After a failed attempt: the new failure count and, once the limit is reached, when the lock ends. */
export function afterFailure(
  failures: number,
  now: Date,
  policy: LoginPolicy = LOGIN_POLICY,
): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  if (next >= policy.maxFailures) {
    return { failures: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failures: next, lockedUntil: null };
}

export function sessionExpiry(createdAt: Date, policy: LoginPolicy = LOGIN_POLICY): Date {
  return new Date(createdAt.getTime() + policy.sessionAbsoluteHours * 3_600_000);
}

export function sessionIsLive(
  session: { lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null },
  now: Date,
  policy: LoginPolicy = LOGIN_POLICY,
): boolean {
  if (session.revokedAt) return false;
  if (session.expiresAt <= now) return false;
  return now.getTime() - session.lastSeenAt.getTime() < policy.sessionIdleMinutes * 60_000;
}

/** A sliding one-minute window of attempts per client address, kept in memory (one process serves a city). */
export class AttemptThrottle {
  private readonly attempts = new Map<string, number[]>();
  constructor(private readonly perMinute: number) {}

  /** Records an attempt; false when the address has used up its minute. */
  allow(address: string, now: number): boolean {
    const recent = (this.attempts.get(address) ?? []).filter((time) => now - time < 60_000);
    if (recent.length >= this.perMinute) {
      this.attempts.set(address, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) this.forgetOld(now);
    return true;
  }

  private forgetOld(now: number): void {
    for (const [address, times] of this.attempts) {
      if (times.every((time) => now - time >= 60_000)) this.attempts.delete(address);
    }
  }
}
