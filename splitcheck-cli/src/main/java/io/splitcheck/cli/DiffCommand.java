package io.splitcheck.cli;

import io.splitcheck.diff.ImageArchiveReader;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.ImageDiffer;
import io.splitcheck.diff.SavedImage;
import io.splitcheck.diff.SavedImageFiles;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.explain.Explain;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.report.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code splitcheck diff}: the {@code twice} differ over two saved-image tars or two local images.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Compare two images with the twice differ. Each side is a `docker save` tar file, or the "
            + "name of a local image (streamed from the engine; never pulled). Exit 0 same, 1 different, 2 error.")
public final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();

  @Parameters(
      index = "0",
      paramLabel = "FIRST",
      description = "A docker-save tar, or a local image.")
  String first;

  @Parameters(
      index = "1",
      paramLabel = "SECOND",
      description = "A docker-save tar, or a local image.")
  String second;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON.")
  Path json;

  @Override
  public Integer call() throws Exception {
    OutputPaths.file(json, "--json");
    ConnectedEngine docker = null;
    try {
      if (!isTar(first) || !isTar(second)) {
        docker = EngineConnection.open(common);
      }
      ImageComparison c =
          isTar(first) && isTar(second)
              ? compareTars()
              : new ImageDiffer().compare(read(first, docker), read(second, docker));
      TwiceResult result =
          new TwiceResult(
              first + " vs " + second,
              c.first(),
              c.second(),
              c.verdict(),
              c.configDifferences(),
              c.differences(),
              c.unexplainedLayers(),
              List.of());
      PrintWriter out = spec.commandLine().getOut();
      out.print(TerminalText.line(TwiceSummary.render(result)));
      out.flush();
      if (json != null) {
        JsonOutput.write(json, result);
      }
      return c.reproducible() ? 0 : 1;
    } finally {
      if (docker != null) {
        docker.close();
      }
    }
  }

  private static boolean isTar(String side) {
    return Files.isRegularFile(Path.of(side));
  }

  private ImageComparison compareTars() throws IOException {
    try {
      return Explain.comparison(
          SavedImageFiles.compare(Path.of(first), Path.of(second)),
          SavedImageFiles.files(Path.of(first), Path.of(second)));
    } catch (IOException e) {
      throw new IOException(
          "saved images '"
              + first
              + "' and '"
              + second
              + "' cannot be read (expected "
              + "docker save tars): "
              + e.getMessage(),
          e);
    }
  }

  private static SavedImage read(String side, ConnectedEngine docker)
      throws IOException, EngineException {
    if (isTar(side)) {
      try {
        return new ImageArchiveReader().read(Path.of(side));
      } catch (IOException e) {
        throw new IOException(
            "saved image '"
                + side
                + "' cannot be read (expected a docker save tar): "
                + e.getMessage(),
            e);
      }
    }
    ImageStore images = docker.images();
    if (images.inspect(side).isEmpty()) {
      throw new IllegalArgumentException(
          "'"
              + side
              + "' is neither a file nor a local image "
              + "(splitcheck never pulls; docker save it or build it first)");
    }
    try (InputStream in = images.save(side)) {
      return new ImageArchiveReader().read(in, "docker save " + side);
    }
  }
}
