package dev.bucketsql.cli;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one {@code bucketsql doctor} check.
 *
 * @param name what was checked, e.g. "TCP connect"
 * @param status pass, fail, or skip (an earlier check failed, or nothing to check)
 * @param detail what was seen, with figures
 * @param fix what to do about a failure; empty when it passed
 */
record DoctorCheck(String name, Status status, String detail, String fix) {
  DoctorCheck {
    requireNonNull(name, "name is null");
    requireNonNull(status, "status is null");
    requireNonNull(detail, "detail is null");
    requireNonNull(fix, "fix is null");
  }

  /** How a check ended. */
  enum Status {
    PASS,
    FAIL,
    SKIP
  }

  static DoctorCheck pass(String name, String detail) {
    return new DoctorCheck(name, Status.PASS, detail, "");
  }

  static DoctorCheck fail(String name, String detail, String fix) {
    return new DoctorCheck(name, Status.FAIL, detail, fix);
  }

  static DoctorCheck skip(String name, String why) {
    return new DoctorCheck(name, Status.SKIP, why, "");
  }
}
