package io.splitcheck.cli;

import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.twice.EngineFactsCache;
import io.splitcheck.twice.FirstBuild;
import io.splitcheck.twice.Twice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code twice}'s first build started from {@code main}, before picocli builds its command model
 * (0.3 s of a twice on these machines, the builds waiting on it): when the command line is plain
 * enough to read without picocli and an earlier run left this engine's facts ({@link
 * EngineFactsCache}), as {@link TwiceStart} would start it after the parse. The command takes it
 * only when the request it makes from picocli's parse is the same (context, Dockerfile, build
 * arguments, secrets, target, timeout) for the same engine and docker CLI; otherwise, and when the
 * command ends without taking it (a bad option, {@code --help}), the build is stopped and any image
 * it tagged removed. Anything this reader does not know (an option it has no entry for, {@code
 * --vary}, {@code --buildx}, a second operand) leaves the start to the command.
 */
final class TwiceAhead {
  /** The options of twice that take a value, and the flags: anything else and nothing starts. */
  private static final Set<String> VALUED =
      Set.of(
          "--accept",
          "--build-arg",
          "--build-timeout",
          "--cell-limits",
          "--docker-cli",
          "--docker-host",
          "-f",
          "--file",
          "--format",
          "--json",
          "--secret",
          "--source-date-epoch",
          "--target");

  private static final Set<String> FLAGS = Set.of("--keep", "--stacktrace", "--via-save");

  /** The one started by this process's {@code main}, until the command takes or drops it. */
  private static final AtomicReference<TwiceAhead> STARTED = new AtomicReference<>();

  private final String runId;
  private final Path work;
  private final BuildRequest request;
  private final String host;
  private final String dockerCli;
  private final TwiceStart.Remembered remembered;
  private final FirstBuild first;

  private TwiceAhead(
      String runId,
      Path work,
      BuildRequest request,
      String host,
      String dockerCli,
      TwiceStart.Remembered remembered,
      FirstBuild first) {
    this.runId = runId;
    this.work = work;
    this.request = request;
    this.host = host;
    this.dockerCli = dockerCli;
    this.remembered = remembered;
    this.first = first;
  }

  /** {@code args} without the command's name read as picocli would read twice's, or empty. */
  static Optional<Read> read(String[] args) {
    CommonOptions common = new CommonOptions();
    BuildOptions build = new BuildOptions();
    build.buildTimeout = "30m"; // picocli's default value for it
    Path context = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        if (context != null) {
          return Optional.empty();
        }
        context = Path.of(a);
        continue;
      }
      if (FLAGS.contains(a)) {
        continue;
      }
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
      if (!VALUED.contains(name)) {
        return Optional.empty();
      }
      String value;
      if (eq > 0 && a.startsWith("--")) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      switch (name) {
        case "-f", "--file" -> build.dockerfile = Path.of(value);
        case "--build-arg" -> build.buildArgs.add(value);
        case "--secret" -> build.secrets.add(value);
        case "--target" -> build.target = value;
        case "--build-timeout" -> build.buildTimeout = value;
        case "--docker-cli" -> build.dockerCli = value;
        case "--docker-host" -> common.dockerHost = value;
        default -> {} // read by the command; the build does not depend on it
      }
    }
    return context == null ? Optional.empty() : Optional.of(new Read(common, build, context));
  }

  /** What the first build depends on, read from the command line. */
  record Read(CommonOptions common, BuildOptions build, Path context) {}

  /**
   * Starts the first build when {@code args} (without the command's name) can be read and the
   * engine's facts are remembered; never throws: anything in the way leaves it to the command.
   */
  static void start(String[] args, Clock clock) {
    try {
      Optional<Read> read = read(args);
      if (read.isEmpty()) {
        return;
      }
      String dockerCli = read.get().build().dockerCli;
      String host = read.get().common().dockerHost;
      TwiceStart.Remembered remembered = TwiceStart.Remembered.of(host, dockerCli);
      if (!remembered.buildsAhead()) {
        return;
      }
      String runId = RunId.next(clock);
      BuildRequest request =
          read.get().build().toRequest(read.get().context(), Twice.tag(runId, "first"));
      Path work = TempFolder.create("splitcheck-twice-", runId);
      FirstBuild first = remembered.startFirst(host, work, request);
      STARTED.set(new TwiceAhead(runId, work, request, host, dockerCli, remembered, first));
    } catch (IOException | RuntimeException e) {
      // the command reports what is wrong with its input, and starts the build itself
    }
  }

  /** The build {@code main} started and nobody took yet, or empty. */
  static Optional<TwiceAhead> started() {
    return Optional.ofNullable(STARTED.get());
  }

  /**
   * The command's run id, first request and work folder, the build main started, if taken, and what
   * earlier runs left for its engine and CLI (read once: by main for the build it took).
   */
  record Begun(
      String runId,
      BuildRequest request,
      Path work,
      Optional<FirstBuild> first,
      TwiceStart.Remembered remembered) {}

  /**
   * The command's start: with the build {@code main} started when it is the one the command would
   * start ({@code single}: no --vary), under its run id and work folder; else a new run id (main's,
   * once its build is dropped) and folder.
   *
   * @param requestFor the command's first request for a run id, from picocli's parse
   */
  static Begun begin(
      boolean single,
      Function<String, BuildRequest> requestFor,
      String commandHost,
      String commandCli,
      Clock clock)
      throws IOException {
    // main's first build carries its run id: the request made here matches it only with that id
    String runId = started().filter(a -> single).map(TwiceAhead::runId).orElse(null);
    if (runId != null) {
      BuildRequest request = requestFor.apply(runId);
      Optional<TwiceAhead> ahead = take(request, commandHost, commandCli);
      if (ahead.isPresent()) {
        TwiceAhead a = ahead.get();
        return new Begun(runId, request, a.work, Optional.of(a.first), a.remembered);
      }
    }
    dropUntaken(); // --vary: not the build it needs
    runId = runId != null ? runId : RunId.next(clock);
    return new Begun(
        runId,
        requestFor.apply(runId),
        TempFolder.create("splitcheck-twice-", runId),
        Optional.empty(),
        TwiceStart.Remembered.of(commandHost, commandCli));
  }

  /**
   * The command's first build, when {@code main} started the one it would: taken (its run id and
   * work folder become the command's). A build that is not the one is dropped first, so the command
   * may tag its own under the same run id.
   */
  private static Optional<TwiceAhead> take(
      BuildRequest made, String commandHost, String commandCli) {
    TwiceAhead ahead = STARTED.get();
    if (ahead == null) {
      return Optional.empty();
    }
    if (ahead.matches(made, commandHost, commandCli) && STARTED.compareAndSet(ahead, null)) {
      return Optional.of(ahead);
    }
    dropUntaken();
    return Optional.empty();
  }

  String runId() {
    return runId;
  }

  /** Whether this is the build the command would start: same request, engine and docker CLI. */
  private boolean matches(BuildRequest made, String commandHost, String commandCli) {
    return request.equals(made)
        && Objects.equals(host, commandHost)
        && Objects.equals(dockerCli, commandCli);
  }

  /**
   * After the command ended: a build it never took is stopped, and an image it had already tagged
   * is removed, so a mistyped option leaves nothing behind.
   */
  static void dropUntaken() {
    TwiceAhead ahead = STARTED.getAndSet(null);
    if (ahead == null) {
      return;
    }
    ahead.first.cancel();
    try {
      ahead.first.await();
    } catch (EngineException | RuntimeException e) {
      TempFolder.deleteQuietly(ahead.work);
      return; // stopped before it tagged anything
    }
    try (ConnectedEngine engine = EngineConnection.open(ahead.host)) {
      engine.images().remove(ahead.request.tag());
    } catch (EngineException | RuntimeException e) {
      System.err.println(
          "splitcheck: could not remove " + ahead.request.tag() + " (splitcheck gc will)");
    }
    TempFolder.deleteQuietly(ahead.work);
  }
}
