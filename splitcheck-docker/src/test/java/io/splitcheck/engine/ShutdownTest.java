package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The exit cleanup waits for creates in flight (never calls {@link Shutdown#begin}: it is for the
 * JVM).
 */
class ShutdownTest {
  @Test
  void awaitCreatesLanded_waitsForACreateInFlight_andReturnsOnceItLands() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> create =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Shutdown.creating(
                    "POST /containers/create (test)",
                    () -> {
                      entered.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "id";
                    });
              } catch (EngineException e) {
                throw new IllegalStateException(e);
              } finally {
                entered.countDown();
              }
            });
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    assertFalse(Shutdown.awaitCreatesLanded(Duration.ofMillis(100)), "still in flight");
    release.countDown();
    assertTrue(Shutdown.awaitCreatesLanded(Duration.ofSeconds(10)));
    assertEquals("id", create.get(10, TimeUnit.SECONDS));
  }

  @Test
  void awaitCreatesLanded_returnsAtOnce_whenNothingIsInFlight() throws Exception {
    long started = System.nanoTime();
    assertTrue(Shutdown.awaitCreatesLanded(Duration.ofSeconds(10)));
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
  }
}
