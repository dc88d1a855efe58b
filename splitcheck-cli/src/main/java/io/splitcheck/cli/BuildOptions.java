package io.splitcheck.cli;

import io.splitcheck.engine.BuildRequest;
import io.splitcheck.model.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The build options {@code twice} (and later commands that build) take, validated into a request.
 */
public final class BuildOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "DOCKERFILE",
      description = "The Dockerfile (default: CONTEXT/Dockerfile).")
  Path dockerfile;

  @Option(
      names = "--build-arg",
      paramLabel = "KEY=VALUE",
      description = "A build argument (repeatable).")
  List<String> buildArgs = new ArrayList<>();

  @Option(
      names = "--secret",
      paramLabel = "id=ID,src=FILE",
      description = "A build secret (repeatable).")
  List<String> secrets = new ArrayList<>();

  @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build.")
  String target;

  @Option(
      names = "--build-timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description = "Kill a build that runs longer (e.g. 90s, 10m; default ${DEFAULT-VALUE}).")
  String buildTimeout;

  @Option(
      names = "--docker-cli",
      paramLabel = "PATH",
      description = "The docker CLI to build with (default: probe; env SPLITCHECK_DOCKER_CLI).")
  String dockerCli;

  BuildRequest toRequest(Path context, String tag) {
    if (!Files.isDirectory(context)) {
      throw new IllegalArgumentException("build context '" + context + "' is not a directory");
    }
    Path file = dockerfile != null ? dockerfile : context.resolve("Dockerfile");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "Dockerfile '"
              + file
              + "' does not exist"
              + (dockerfile == null ? " (give one with -f)" : ""));
    }
    return new BuildRequest(
        context,
        file,
        parseBuildArgs(buildArgs),
        parseSecrets(secrets),
        target,
        tag,
        true,
        Durations.positive(buildTimeout, "--build-timeout"));
  }

  static Map<String, String> parseBuildArgs(List<String> args) {
    Map<String, String> out = new TreeMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--build-arg '" + arg + "': expected KEY=VALUE");
      }
      out.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return out;
  }

  static List<BuildRequest.Secret> parseSecrets(List<String> specs) {
    List<BuildRequest.Secret> out = new ArrayList<>();
    for (String spec : specs) {
      Map<String, String> fields = new TreeMap<>();
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--secret '" + spec + "': expected id=ID,src=FILE");
        }
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
      String id = fields.get("id");
      String src = fields.containsKey("src") ? fields.get("src") : fields.get("source");
      if (id == null || src == null) {
        throw new IllegalArgumentException("--secret '" + spec + "': expected id=ID,src=FILE");
      }
      if (!Files.isRegularFile(Path.of(src))) {
        throw new IllegalArgumentException(
            "--secret '" + spec + "': file '" + src + "' does not exist");
      }
      out.add(new BuildRequest.Secret(id, Path.of(src)));
      BuildRequest.rememberSecret(Path.of(src));
    }
    return out;
  }
}
