package io.splitcheck.twice;

import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildResult;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.Futures;
import io.splitcheck.engine.ImageBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first build of a twice started ahead, on a daemon thread, while the command connects to the
 * engine and claims its run ({@code twice} knows the engine and its BuildKit client from {@link
 * EngineFactsCache}). {@link Twice#run} takes its result as the first build's.
 */
public final class FirstBuild {
  private final String tag;
  private final CompletableFuture<BuildResult> result;
  private final Thread thread;
  private final AtomicBoolean taken = new AtomicBoolean();

  private FirstBuild(String tag, CompletableFuture<BuildResult> result, Thread thread) {
    this.tag = tag;
    this.result = result;
    this.thread = thread;
  }

  /**
   * Starts {@code request} (already tagged as the run's first image) on a thread of its own: the
   * build's client process is tied to that thread's life (see {@code BuildKitBuilder}).
   */
  public static FirstBuild start(ImageBuilder builder, BuildRequest request) {
    CompletableFuture<BuildResult> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(builder.build(request));
              } catch (EngineException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "splitcheck-first-build");
    t.setDaemon(true);
    t.start();
    return new FirstBuild(request.tag(), result, t);
  }

  /**
   * Stops a build nobody will take: its thread is interrupted and the builder kills its client
   * process (BuildKit then cancels the solve). A build that had already finished keeps its image:
   * {@link #await} says which, and the caller removes it.
   */
  public void cancel() {
    thread.interrupt();
  }

  public String tag() {
    return tag;
  }

  /** Whether {@link #await} was called (the run took the build as its first). */
  public boolean taken() {
    return taken.get();
  }

  /** Waits for the build; its own failure rethrown. */
  public BuildResult await() throws EngineException {
    taken.set(true);
    return Futures.join(result);
  }
}
