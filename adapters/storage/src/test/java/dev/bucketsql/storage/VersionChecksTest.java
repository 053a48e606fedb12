package dev.bucketsql.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One query's version checks: each object version is checked once, a caller arriving while the
 * check runs waits for it and shares its failure, and other versions or keys are checked apart.
 */
class VersionChecksTest {
  @Test
  void eachVersionIsCheckedOnce() {
    VersionChecks checks = new VersionChecks();
    AtomicInteger runs = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      checks.once("a.parquet", "e1", runs::incrementAndGet);
    }
    checks.once("a.parquet", "e2", runs::incrementAndGet);
    checks.once("b.parquet", "e1", runs::incrementAndGet);
    assertThat(runs).hasValue(3);
    assertThat(checks.size()).isEqualTo(3);
  }

  @Test
  void aCallerArrivingDuringTheCheckWaitsAndSharesItsFailure() throws Exception {
    VersionChecks checks = new VersionChecks();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Runnable failing =
        () -> {
          runs.incrementAndGet();
          started.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new ObjectChangedException("a.parquet", "e1", 0);
        };
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> checks.once("a.parquet", "e1", failing));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(() -> checks.once("a.parquet", "e1", failing));
    Thread.sleep(50);
    assertThat(second).isNotDone();
    release.countDown();
    for (CompletableFuture<Void> f : List.of(first, second)) {
      assertThatThrownBy(f::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ObjectChangedException.class)
          .hasMessageContaining("'a.parquet' changed");
    }
    assertThat(runs).hasValue(1);
    // A later caller of the same query meets the same failure without asking again.
    assertThatThrownBy(() -> checks.once("a.parquet", "e1", failing))
        .isInstanceOf(ObjectChangedException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aCheckStartedAheadRunsOnTheExecutorAndAnswersEveryLaterCaller() throws Exception {
    VersionChecks checks = new VersionChecks();
    AtomicInteger runs = new AtomicInteger();
    List<Runnable> queued = new java.util.ArrayList<>();
    checks.start("a.parquet", "e1", runs::incrementAndGet, () -> {}, queued::add, this);
    checks.start("a.parquet", "e1", runs::incrementAndGet, () -> {}, queued::add, this);
    assertThat(queued).hasSize(1);
    assertThat(runs).hasValue(0);
    queued.get(0).run();
    assertThat(runs).hasValue(1);
    checks.once("a.parquet", "e1", runs::incrementAndGet);
    checks.start("a.parquet", "e1", runs::incrementAndGet, () -> {}, queued::add, this);
    assertThat(runs).hasValue(1);
    assertThat(queued).hasSize(1);
  }

  @Test
  void aCheckNoThreadPickedUpYetRunsOnTheFirstCallerThatNeedsItAndOnlyThere() {
    VersionChecks checks = new VersionChecks();
    AtomicInteger runs = new AtomicInteger();
    List<Runnable> queued = new java.util.ArrayList<>();
    Runnable failing =
        () -> {
          runs.incrementAndGet();
          throw new ObjectChangedException("b.parquet", "e1", 0);
        };
    checks.start("b.parquet", "e1", failing, () -> {}, queued::add, this);
    assertThatThrownBy(() -> checks.once("b.parquet", "e1", runs::incrementAndGet))
        .isInstanceOf(ObjectChangedException.class)
        .hasMessageContaining("'b.parquet' changed");
    assertThat(runs).hasValue(1);
    // the executor reaching it late runs nothing, and the failure stays for every caller
    queued.get(0).run();
    assertThat(runs).hasValue(1);
    assertThatThrownBy(() -> checks.once("b.parquet", "e1", runs::incrementAndGet))
        .isInstanceOf(ObjectChangedException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aCheckTheExecutorRefusesIsLeftForTheFirstCaller() {
    VersionChecks checks = new VersionChecks();
    AtomicInteger runs = new AtomicInteger();
    checks.start(
        "c.parquet",
        "e1",
        runs::incrementAndGet,
        () -> {},
        r -> {
          throw new java.util.concurrent.RejectedExecutionException("busy");
        },
        this);
    assertThat(runs).hasValue(0);
    checks.once("c.parquet", "e1", runs::incrementAndGet);
    checks.once("c.parquet", "e1", runs::incrementAndGet);
    assertThat(runs).hasValue(1);
  }

  @Test
  void cancellingEndsWhatWasStartedAndLaterCallersAskThemselves() throws Exception {
    VersionChecks checks = new VersionChecks();
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger aborts = new AtomicInteger();
    List<Runnable> queued = new java.util.ArrayList<>();
    // one no thread has picked up yet
    checks.start(
        "a.parquet", "e1", runs::incrementAndGet, aborts::incrementAndGet, queued::add, this);
    // one in flight, blocked until interrupted
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    Runnable blocking =
        () -> {
          runs.incrementAndGet();
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw new ObjectChangedException("b.parquet", "e1", 0);
          }
        };
    checks.start(
        "b.parquet",
        "e1",
        blocking,
        aborts::incrementAndGet,
        r -> {
          Thread t = new Thread(r);
          t.start();
        },
        this);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(checks.startedRunning()).isEqualTo(2);
    checks.cancelStarted(this);
    assertThat(aborts).hasValue(2);
    // the one in flight was interrupted, and its failure reaches no one
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (interrupted.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(interrupted).hasValue(1);
    assertThat(checks.startedRunning()).isZero();
    // the pending one never runs, even when an executor reaches it late
    queued.get(0).run();
    assertThat(runs).hasValue(1);
    // a caller that needs either version asks itself, once
    checks.once("a.parquet", "e1", runs::incrementAndGet);
    checks.once("b.parquet", "e1", runs::incrementAndGet);
    checks.once("b.parquet", "e1", runs::incrementAndGet);
    assertThat(runs).hasValue(3);
    // a check started after the cancel is not started again: the version is known
    checks.start(
        "a.parquet", "e1", runs::incrementAndGet, aborts::incrementAndGet, queued::add, this);
    assertThat(queued).hasSize(1);
  }

  @Test
  void aCheckTwoExecutionsStartedEndsWithTheLastOfThemAndItsWaitersFail() throws Exception {
    VersionChecks checks = new VersionChecks();
    AtomicInteger aborts = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Runnable blocking =
        () -> {
          started.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    Object first = new Object();
    Object second = new Object();
    java.util.concurrent.Executor thread = r -> new Thread(r).start();
    checks.start("a.parquet", "e1", blocking, aborts::incrementAndGet, thread, first);
    checks.start("a.parquet", "e1", blocking, aborts::incrementAndGet, thread, second);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(() -> checks.once("a.parquet", "e1", () -> {}));
    checks.cancelStarted(first);
    Thread.sleep(50);
    assertThat(aborts).hasValue(0);
    assertThat(waiting).isNotDone();
    assertThat(checks.startedRunning()).isEqualTo(1);
    checks.cancelStarted(second);
    assertThat(aborts).hasValue(1);
    assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(java.util.concurrent.CancellationException.class)
        .hasMessageContaining("ended with the execution that started it");
    // a later caller asks again itself
    AtomicInteger runs = new AtomicInteger();
    checks.once("a.parquet", "e1", runs::incrementAndGet);
    assertThat(runs).hasValue(1);
    release.countDown();
  }

  @Test
  void aCallerWaitingForACheckStopsWhenItsQueryStops() throws Exception {
    java.util.concurrent.atomic.AtomicReference<String> stop =
        new java.util.concurrent.atomic.AtomicReference<>();
    VersionChecks checks = new VersionChecks(stop::get);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    checks.start(
        "a.parquet",
        "e1",
        () -> {
          started.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        () -> {},
        r -> new Thread(r).start(),
        this);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(() -> checks.once("a.parquet", "e1", () -> {}));
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    long before = System.nanoTime();
    stop.set("query cancelled");
    assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(java.util.concurrent.CancellationException.class)
        .hasMessage("query cancelled while waiting for the version check of object 'a.parquet'");
    assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(2));
    release.countDown();
  }

  @Test
  void onlyAQueryNodeHoldsChecksAndItsChildrenShareThem() {
    IoStats connection = new IoStats();
    assertThat(connection.versionChecks()).isNull();
    assertThat(connection.child().versionChecks()).isNull();
    IoStats query = connection.forQuery();
    assertThat(query.child().child().versionChecks()).isSameAs(query.versionChecks()).isNotNull();
    assertThat(connection.forQuery().versionChecks()).isNotSameAs(query.versionChecks());
  }

  /**
   * A started check that ends with its execution before it answered is asked again, at the wait,
   * with the check of the reader that read the version: the started one's request was aborted for
   * good, and running it again failed the query with "the request was aborted" (fuzz seed 9411).
   */
  @Test
  void awaitStartedAsksAgainWithTheReadersOwnCheckForOneCancelledWithItsExecution() {
    VersionChecks checks = new VersionChecks();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger own = new AtomicInteger();
    List<Runnable> queued = new java.util.ArrayList<>();
    Object execution = new Object();
    checks.start("a.parquet", "e1", started::incrementAndGet, () -> {}, queued::add, execution);
    assertThat(checks.deferRead("a.parquet", "e1", own::incrementAndGet)).isTrue();
    checks.cancelStarted(execution);
    checks.awaitStarted();
    assertThat(started).hasValue(0);
    assertThat(own).hasValue(1);
    // asked once: the next wait finds the answer
    checks.awaitStarted();
    assertThat(own).hasValue(1);
  }

  /**
   * A check another execution of the query started, cancelled with it while this execution waits
   * for it, is asked again with the reader's own check: the waiting execution goes on, it is not
   * stopped as the ending one is.
   */
  @Test
  void awaitStartedAsksAgainWhenTheCheckEndsWithAnotherExecutionWhileItWaits() throws Exception {
    VersionChecks checks = new VersionChecks();
    AtomicInteger own = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(1);
    Object other = new Object();
    checks.start(
        "a.parquet",
        "e1",
        () -> {
          running.countDown();
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        () -> {},
        r -> new Thread(r).start(),
        other);
    assertThat(checks.deferRead("a.parquet", "e1", own::incrementAndGet)).isTrue();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(checks::awaitStarted);
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    checks.cancelStarted(other);
    waiting.get(10, TimeUnit.SECONDS);
    assertThat(own).hasValue(1);
  }

  @Test
  void awaitStartedRunsWhatNoThreadPickedUpWaitsForTheRestAndThrowsTheFirstFailure()
      throws Exception {
    VersionChecks checks = new VersionChecks();
    AtomicInteger runs = new AtomicInteger();
    List<Runnable> queued = new java.util.ArrayList<>();
    assertThat(checks.started("a.parquet", "e1")).isFalse();
    checks.start("a.parquet", "e1", runs::incrementAndGet, () -> {}, queued::add, this);
    assertThat(checks.started("a.parquet", "e1")).isTrue();
    assertThat(checks.started("a.parquet", "e2")).isFalse();
    assertThat(checks.deferRead("a.parquet", "e2", runs::incrementAndGet)).isFalse();
    assertThat(checks.deferRead("a.parquet", "e1", runs::incrementAndGet)).isTrue();
    // one check runs on another thread and answers late
    CountDownLatch release = new CountDownLatch(1);
    checks.start(
        "b.parquet",
        "e1",
        () -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          runs.incrementAndGet();
        },
        () -> {},
        r -> new Thread(r).start(),
        this);
    assertThat(checks.deferRead("b.parquet", "e1", runs::incrementAndGet)).isTrue();
    // a started check no reader read without waiting is not waited for
    checks.start("c.parquet", "e1", runs::incrementAndGet, () -> {}, queued::add, this);
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(checks::awaitStarted);
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    release.countDown();
    waiting.get(10, TimeUnit.SECONDS);
    assertThat(runs).hasValue(2);
    // the queued one ran on the waiting caller, once
    queued.get(0).run();
    assertThat(runs).hasValue(2);
    Runnable failing =
        () -> {
          runs.incrementAndGet();
          throw new ObjectChangedException("d.parquet", "e1", 0);
        };
    checks.start("d.parquet", "e1", failing, () -> {}, r -> {}, this);
    assertThat(checks.deferRead("d.parquet", "e1", runs::incrementAndGet)).isTrue();
    // a check no thread picked up fails on the waiting caller, and again for the next
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(checks::awaitStarted)
          .isInstanceOf(ObjectChangedException.class)
          .hasMessageContaining("'d.parquet' changed");
    }
    assertThat(runs).hasValue(3);
  }
}
