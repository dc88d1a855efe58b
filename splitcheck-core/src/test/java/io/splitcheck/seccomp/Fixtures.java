package io.splitcheck.seccomp;

import java.net.URISyntaxException;
import java.nio.file.Path;

final class Fixtures {

  private Fixtures() {}

  static Path path(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + relative, e);
    }
  }

  /** moby's profiles/seccomp/default.json of the engine used here (20.10.24), copied. */
  static SeccompProfile engineDefault() {
    return SeccompProfile.read(path("seccomp/engine-default.json"));
  }
}
