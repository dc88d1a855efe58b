package io.splitcheck.engine;

import io.splitcheck.report.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One BuildKit build, exactly as the user asked for it: nothing is added (no label, no build
 * argument), because anything added would change the image being measured.
 *
 * @param dockerfile the Dockerfile, or null for {@code <context>/Dockerfile}
 * @param buildArgs sorted by name, passed as {@code --build-arg K=V}
 * @param secrets passed as {@code --secret id=ID,src=FILE}
 * @param target the stage to build, or null for the last
 * @param tag the splitcheck-owned tag the image is tracked by
 */
public record BuildRequest(
    Path context,
    Path dockerfile,
    Map<String, String> buildArgs,
    List<Secret> secrets,
    String target,
    String tag,
    boolean noCache,
    Duration timeout) {
  /** A build secret: {@code --secret id=ID,src=FILE}. */
  public record Secret(String id, Path source) {
    public Secret {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
    }
  }

  public BuildRequest {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(tag, "tag");
    buildArgs = Collections.unmodifiableMap(new TreeMap<>(buildArgs));
    secrets = List.copyOf(secrets);
    timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
  }

  public BuildRequest withTag(String newTag) {
    return new BuildRequest(
        context, dockerfile, buildArgs, secrets, target, newTag, noCache, timeout);
  }

  /** The most of a secret file read to redact it by value: a key, a token file, an env file. */
  static final int SECRET_READ_LIMIT = 1 << 20;

  /**
   * Reads a build secret's source so that every redactor of this process blanks its value (and each
   * of its lines) in every output: errors, logs quoted in messages, reports. Unreadable: the build
   * says so.
   */
  public static void rememberSecret(Path source) {
    try (InputStream in = Files.newInputStream(source)) {
      byte[] bytes = in.readNBytes(SECRET_READ_LIMIT);
      Redactor.rememberSecrets(List.of(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // the build reports an unreadable secret itself
    }
  }
}
