package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.BuildRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TwiceAheadTest {
  @TempDir Path dir;

  private String[] args(String... a) {
    List<String> out = new ArrayList<>();
    for (String s : a) {
      out.add(s.replace("CTX", dir.toString()));
    }
    return out.toArray(String[]::new);
  }

  /** The request picocli's parse of the same arguments gives twice. */
  private static BuildRequest picocli(String[] args) {
    TwiceCommand twice = new TwiceCommand();
    new CommandLine(twice).parseArgs(args);
    return twice.build.toRequest(twice.context, "splitcheck-twice/x:first");
  }

  private static BuildRequest ahead(TwiceAhead.Read read) {
    return read.build().toRequest(read.context(), "splitcheck-twice/x:first");
  }

  @Test
  void readsWhatTheBuildDependsOnAsPicocliDoes() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve("Other.Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve("token"), "s3cret\n");
    for (String[] a :
        List.of(
            args("CTX"),
            args("--keep", "CTX", "--json", "out.json"),
            args(
                "-f",
                "CTX/Other.Dockerfile",
                "--build-arg",
                "A=1",
                "--build-arg=B=x=y",
                "--target=final",
                "--build-timeout",
                "10m",
                "CTX"),
            args(
                "--secret", "id=tok,src=CTX/token", "--via-save", "--accept", "config-only", "CTX"),
            args("--docker-host", "unix:///run/x.sock", "--docker-cli=/usr/bin/docker", "CTX"))) {
      Optional<TwiceAhead.Read> read = TwiceAhead.read(a);
      assertTrue(read.isPresent(), String.join(" ", a));
      assertEquals(picocli(a), ahead(read.get()), String.join(" ", a));
    }
    TwiceAhead.Read hosts =
        TwiceAhead.read(args("--docker-host", "unix:///run/x.sock", "--docker-cli=/opt/d", "CTX"))
            .orElseThrow();
    assertEquals("unix:///run/x.sock", hosts.common().dockerHost);
    assertEquals("/opt/d", hosts.build().dockerCli);
  }

  @Test
  void leavesToTheCommandWhatItCannotReadForSure() {
    for (String[] a :
        List.of(
            args("--vary", "time", "CTX"),
            args("--buildx", "/x", "CTX"),
            args("--help"),
            args("CTX", "--version"),
            args("CTX", "other"),
            args("--json", "-", "CTX"),
            args("-fDockerfile", "CTX"),
            args("--target"),
            args("--no-such-option", "CTX"),
            args("--", "CTX"),
            args())) {
      assertTrue(TwiceAhead.read(a).isEmpty(), String.join(" ", a));
    }
  }

  @Test
  void withNothingStarted_theCommandBeginsItsOwnRun() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    assertTrue(TwiceAhead.started().isEmpty());
    TwiceAhead.dropUntaken(); // no build, no engine asked
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T14:00:00Z"), ZoneOffset.UTC);
    TwiceAhead.Begun begun =
        TwiceAhead.begin(
            true,
            id -> ahead(TwiceAhead.read(args("CTX")).orElseThrow()).withTag("t/" + id),
            null,
            null,
            clock);
    try {
      assertTrue(begun.first().isEmpty(), "no build of main's to take");
      assertTrue(begun.runId().startsWith("20261202-140000-"), begun.runId());
      assertEquals("t/" + begun.runId(), begun.request().tag());
      assertTrue(Files.isDirectory(begun.work()), "the run's work folder");
    } finally {
      io.splitcheck.engine.TempFolder.deleteQuietly(begun.work());
    }
  }
}
