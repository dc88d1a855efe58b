package io.splitcheck.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.json.Json;
import io.splitcheck.k8s.Hardening;
import io.splitcheck.k8s.HardeningSnippets;
import io.splitcheck.trace.Trace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code splitcheck harden}: the baseline traced (every call, strace), least privilege read from it
 * ({@link Hardening}), written as a Pod, {@code docker run} flags and a compose service, then the
 * image run under that Pod (and, when it used no network, without one) beside the baseline:
 * verified when the two outcomes are the same.
 */
public final class Harden {
  public static final String POD_FILE = "hardened-pod.yaml";
  public static final String DOCKER_FILE = "docker-run.sh";
  public static final String COMPOSE_FILE = "compose.yaml";

  /**
   * @param hardening what the trace says is needed
   * @param baseline the traced run of the baseline alone
   * @param verification the baseline beside the hardened cell
   * @param cell the hardened cell's name in {@code verification}
   */
  public record Result(
      Hardening hardening,
      MatrixReport baseline,
      MatrixReport verification,
      String cell,
      Path pod,
      Path docker,
      Path compose) {
    /** Whether the hardened cell's outcome equals the baseline's. */
    public boolean verified() {
      return verification.run().splits().isEmpty()
          && verification
              .run()
              .cell(cell)
              .outcome()
              .sameAs(verification.run().cell(verification.run().baseline()).outcome());
    }
  }

  private Harden() {}

  /**
   * @param baselineCell the cell whose run is the reference ({@code unconfined}: the laptop)
   * @param out where the three snippets are written
   */
  public static Result run(
      ContainerEngine engine,
      String image,
      List<String> command,
      String baselineCell,
      Duration timeout,
      Path out,
      String runId,
      Consumer<String> warn)
      throws EngineException, IOException {
    MatrixRequest.Builder request =
        MatrixRequest.builder(image)
            .configs(List.of(baselineCell))
            .baseline(baselineCell)
            .timeout(timeout)
            .jobs(2)
            .command(command)
            .tracer(TracerChoice.PTRACE);
    // every call of the baseline, under strace: the eBPF tracer records failures only
    MatrixCheck.Prepared first = MatrixCheck.prepare(request.trace(TraceMode.ALWAYS).build());
    MatrixReport traced = MatrixCheck.run(engine, first, runId, warn);
    CellResult base = traced.run().cell(baselineCell);
    if (base.outcome().timedOut()
        || base.startError() != null
        || base.trace() == null
        || base.trace().lines().isEmpty()) {
      throw new IllegalStateException(
          "the baseline "
              + baselineCell
              + " of "
              + image
              + " gave no trace to read ("
              + (base.outcome().timedOut()
                  ? "it timed out after " + timeout + "; raise --timeout"
                  : base.startError() != null
                      ? base.startError()
                      : base.trace() == null ? "not traced" : base.trace().note())
              + ")");
    }
    ContainerEngine.ImageConfig config = MatrixRunner.requireImage(engine, image);
    Hardening h =
        Hardening.of(
            Trace.parse(base.trace().lines(), "trace of " + baselineCell),
            config.user(),
            workingDir(engine, image));
    Files.createDirectories(out);
    Path pod = write(out.resolve(POD_FILE), HardeningSnippets.kubernetes(h, image, command));
    Path docker =
        write(
            out.resolve(DOCKER_FILE),
            "#!/bin/sh\n" + HardeningSnippets.dockerRun(h, image, command) + "\n");
    Path compose = write(out.resolve(COMPOSE_FILE), HardeningSnippets.compose(h, image, command));
    MatrixCheck.Prepared second =
        withoutNetwork(
            MatrixCheck.prepare(
                request
                    .trace(TraceMode.AUTO)
                    .pods(List.of(pod + "#" + HardeningSnippets.CONTAINER))
                    .build()),
            h);
    MatrixReport verification = MatrixCheck.run(engine, second, runId, warn);
    String cell =
        second.options().plan().cells().get(second.options().plan().cells().size() - 1).name();
    return new Result(h, traced, verification, cell, pod, docker, compose);
  }

  /**
   * The hardened cell without a network when the program used none (a NetworkPolicy is not a pod
   * field).
   */
  private static MatrixCheck.Prepared withoutNetwork(MatrixCheck.Prepared p, Hardening h) {
    if (h.network()) {
      return p;
    }
    MatrixOptions o = p.options();
    List<Cell> cells = new ArrayList<>(o.plan().cells());
    Cell last = cells.remove(cells.size() - 1);
    cells.add(new Cell(last.name(), last.security().withNoNetwork(), last.origin()));
    MatrixOptions changed =
        new MatrixOptions(
            o.image(),
            new MatrixPlan(cells, o.plan().baseline()),
            o.trace(),
            o.timeout(),
            o.jobs(),
            o.command(),
            o.outputCap(),
            o.tracer());
    return new MatrixCheck.Prepared(p.cells(), changed);
  }

  /**
   * The image's WorkingDir (relative paths in the trace start there), {@code /} when it is not
   * known.
   */
  private static String workingDir(ContainerEngine engine, String image) {
    try {
      Optional<ImageStore> store = engine.imageStore();
      if (store.isPresent()) {
        Optional<ImageStore.StoredLayers> layers = store.get().storedLayers(image);
        if (layers.isPresent()) {
          JsonNode config = Json.mapper().readTree(layers.get().config());
          String dir = config.path("config").path("WorkingDir").asText("");
          return dir.isEmpty() ? "/" : dir;
        }
      }
    } catch (EngineException | IOException | RuntimeException e) {
      // evidence only: relative paths are then taken from /
    }
    return "/";
  }

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
