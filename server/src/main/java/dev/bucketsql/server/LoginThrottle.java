package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failed logins from one client address,
 * that address is refused (HTTP 429, before any password check) for a delay that doubles with every
 * further failure, from {@link #FIRST_DELAY} up to {@link #MAX_DELAY}. An address is forgotten
 * {@link #FORGET_AFTER} after its last failure.
 *
 * <p>A successful login does not clear the count: otherwise a user with an account of their own
 * could interleave their own logins with guesses at someone else's password. Successful logins of
 * other addresses cost one map lookup. At most {@link #MAX_ADDRESSES} addresses are tracked; past
 * that the one tracked longest is dropped, so memory stays bounded whatever the number of clients.
 */
final class LoginThrottle {
  /** Failed logins an address may make before it is refused for a while. */
  static final int FREE_FAILURES = 5;

  /** The first refusal's length; each further failure doubles it. */
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);

  /** The longest refusal. */
  static final Duration MAX_DELAY = Duration.ofMinutes(5);

  /** How long after its last failure an address starts afresh. */
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);

  /** The most addresses tracked at once. */
  static final int MAX_ADDRESSES = 10_000;

  private final LongSupplier nanoClock;
  private final Map<String, Failures> byAddress =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  LoginThrottle() {
    this(System::nanoTime);
  }

  LoginThrottle(LongSupplier nanoClock) {
    this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
  }

  /**
   * How long {@code address} must wait before its next login is checked.
   *
   * @return whole seconds, rounded up; 0 when it may log in now
   */
  synchronized long retryAfterSeconds(String address) {
    Failures failures = byAddress.get(address);
    if (failures == null) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    if (now - failures.lastFailure >= FORGET_AFTER.toNanos()) {
      byAddress.remove(address);
      return 0;
    }
    long left = failures.refusedUntil - now;
    return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
  }

  /** Counts a failed login of {@code address}. */
  synchronized void failed(String address) {
    long now = nanoClock.getAsLong();
    Failures failures = byAddress.get(address);
    if (failures == null || now - failures.lastFailure >= FORGET_AFTER.toNanos()) {
      // Removed first so that the address moves to the young end of the map.
      byAddress.remove(address);
      failures = new Failures();
      failures.refusedUntil = now; // nanoTime may be negative: never compare with 0
      byAddress.put(address, failures);
    }
    failures.count++;
    failures.lastFailure = now;
    if (failures.count > FREE_FAILURES) {
      int doublings = Math.min(failures.count - FREE_FAILURES - 1, 30);
      long delay = Math.min(MAX_DELAY.toNanos(), FIRST_DELAY.toNanos() << doublings);
      failures.refusedUntil = now + (delay < 0 ? MAX_DELAY.toNanos() : delay);
    }
  }

  /** How many addresses are tracked; for tests. */
  synchronized int trackedAddresses() {
    return byAddress.size();
  }

  /** One address's failed logins. */
  private static final class Failures {
    int count;
    long lastFailure;
    long refusedUntil;
  }
}
