import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  afterFailure,
  AttemptThrottle,
  isLocked,
  LOGIN_POLICY,
  sessionExpiry,
  sessionIsLive,
  type LoginPolicy,
} from './login-policy.ts';

const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('login policy', () => {
  it('is the documented policy: 5 failures, 15-minute lock, 30-minute idle, 12-hour sessions, 20 tries a minute', () => {
    assert.deepEqual(LOGIN_POLICY, {
      maxFailures: 5,
      lockMinutes: 15,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      attemptsPerMinutePerAddress: 20,
    });
  });

  describe('afterFailure', () => {
    it('counts failures one by one without locking below the limit', () => {
      let failures = 0;
      for (let expected = 1; expected < LOGIN_POLICY.maxFailures; expected++) {
        const next = afterFailure(failures, T0);
        assert.deepEqual(next, { failures: expected, lockedUntil: null }, `failure ${expected}`);
        failures = next.failures;
      }
    });

    it('locks on the fifth consecutive failure for lockMinutes and restarts the count for after the lock', () => {
      const next = afterFailure(LOGIN_POLICY.maxFailures - 1, T0);
      assert.equal(next.failures, 0);
      assert.deepEqual(next.lockedUntil, at(15 * MINUTE));
    });

    it('also locks when an account somehow has more failures than the limit', () => {
      const next = afterFailure(LOGIN_POLICY.maxFailures + 3, T0);
      assert.deepEqual(next.lockedUntil, at(15 * MINUTE));
    });

    it('follows a given policy rather than the default one', () => {
      const strict: LoginPolicy = { ...LOGIN_POLICY, maxFailures: 2, lockMinutes: 1 };
      assert.deepEqual(afterFailure(0, T0, strict), { failures: 1, lockedUntil: null });
      assert.deepEqual(afterFailure(1, T0, strict), { failures: 0, lockedUntil: at(MINUTE) });
    });
  });

  describe('isLocked', () => {
    it('an account without a lock is not locked', () => {
      assert.equal(isLocked(null, T0), false);
    });

    it('is locked until the lock ends and free from that instant on', () => {
      const until = at(15 * MINUTE);
      assert.equal(isLocked(until, T0), true);
      assert.equal(isLocked(until, at(15 * MINUTE - 1)), true);
      assert.equal(isLocked(until, until), false);
      assert.equal(isLocked(until, at(16 * MINUTE)), false);
    });
  });

  describe('sessionIsLive', () => {
    const fresh = { lastSeenAt: T0, expiresAt: sessionExpiry(T0), revokedAt: null };

    it('a session ends 12 hours after it was created', () => {
      assert.deepEqual(sessionExpiry(T0), at(12 * HOUR));
    });

    it('a session used within the last 30 minutes is live', () => {
      assert.equal(sessionIsLive(fresh, T0), true);
      assert.equal(sessionIsLive(fresh, at(30 * MINUTE - 1)), true);
    });

    it('a session idle for 30 minutes or more is dead', () => {
      assert.equal(sessionIsLive(fresh, at(30 * MINUTE)), false);
      assert.equal(sessionIsLive(fresh, at(31 * MINUTE)), false);
    });

    it('a session in constant use still dies at its absolute expiry', () => {
      const busy = { ...fresh, lastSeenAt: at(12 * HOUR - MINUTE) };
      assert.equal(sessionIsLive(busy, at(12 * HOUR - 1)), true);
      assert.equal(sessionIsLive(busy, at(12 * HOUR)), false);
    });

    it('a revoked session is dead at once', () => {
      assert.equal(sessionIsLive({ ...fresh, revokedAt: T0 }, T0), false);
      assert.equal(sessionIsLive({ ...fresh, revokedAt: at(-HOUR) }, at(MINUTE)), false);
    });

    it('idle and absolute limits follow a given policy', () => {
      const short: LoginPolicy = { ...LOGIN_POLICY, sessionIdleMinutes: 5 };
      assert.equal(sessionIsLive(fresh, at(5 * MINUTE - 1), short), true);
      assert.equal(sessionIsLive(fresh, at(5 * MINUTE), short), false);
      assert.deepEqual(sessionExpiry(T0, { ...LOGIN_POLICY, sessionAbsoluteHours: 1 }), at(HOUR));
    });
  });

  describe('AttemptThrottle', () => {
    const start = T0.getTime();

    it('allows 20 attempts a minute from one address and refuses the 21st', () => {
      const throttle = new AttemptThrottle(20);
      for (let i = 0; i < 20; i++)
        assert.equal(throttle.allow('10.0.0.1', start + i * 1000), true, `try ${i}`);
      assert.equal(throttle.allow('10.0.0.1', start + 20_000), false);
      assert.equal(throttle.allow('10.0.0.1', start + 59_999), false);
    });

    it('counts each address on its own', () => {
      const throttle = new AttemptThrottle(2);
      assert.equal(throttle.allow('10.0.0.1', start), true);
      assert.equal(throttle.allow('10.0.0.1', start), true);
      assert.equal(throttle.allow('10.0.0.1', start), false);
      assert.equal(throttle.allow('10.0.0.2', start), true);
      assert.equal(throttle.allow('2001:db8::1', start), true);
    });

    it('is a sliding window: an attempt stops counting one minute after it was made', () => {
      const throttle = new AttemptThrottle(2);
      assert.equal(throttle.allow('a', start), true);
      assert.equal(throttle.allow('a', start + 30_000), true);
      assert.equal(throttle.allow('a', start + 59_999), false);
      assert.equal(throttle.allow('a', start + 60_000), true, 'the first attempt has left the window');
      assert.equal(throttle.allow('a', start + 60_001), false, 'the second one (at 30 s) still counts');
      assert.equal(throttle.allow('a', start + 90_000), true);
    });

    it('refused attempts do not extend the wait', () => {
      const throttle = new AttemptThrottle(1);
      assert.equal(throttle.allow('a', start), true);
      for (let i = 1; i < 60; i++) assert.equal(throttle.allow('a', start + i * 1000), false);
      assert.equal(throttle.allow('a', start + 60_000), true);
    });

    it('forgets idle addresses once it tracks more than 10 000, without forgetting busy ones', () => {
      const throttle = new AttemptThrottle(1);
      assert.equal(throttle.allow('busy', start + 59_000), true);
      for (let i = 0; i < 10_000; i++) throttle.allow(`idle-${i}`, start);
      const size = () => (throttle as unknown as { attempts: Map<string, number[]> }).attempts.size;
      assert.equal(size(), 10_001);
      // A minute later every idle-* attempt has expired; the next new address triggers the clean-up.
      assert.equal(throttle.allow('newcomer', start + 60_000), true);
      assert.equal(size(), 2, 'only the busy address and the newcomer remain');
      assert.equal(throttle.allow('busy', start + 60_000), false, 'the busy address still counts');
    });
  });
});
