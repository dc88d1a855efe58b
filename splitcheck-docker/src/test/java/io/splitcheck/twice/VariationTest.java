package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.BuildRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariationTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  @TempDir Path dir;

  private BuildRequest request(Map<String, String> args) throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("ctx/sub"));
    Files.writeString(dir.resolve("ctx/Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve("ctx/sub/a.txt"), "a\n");
    Files.setPosixFilePermissions(
        dir.resolve("ctx/sub/a.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setLastModifiedTime(
        dir.resolve("ctx/sub/a.txt"), FileTime.fromMillis(1_600_000_000_000L));
    return new BuildRequest(
        ctx.getParent(),
        ctx.getParent().resolve("Dockerfile"),
        args,
        List.of(),
        null,
        "t",
        true,
        null);
  }

  @Test
  void parse_keepsTheOrderGiven_andAllMeansEvery() {
    assertEquals(List.of(Variation.UMASK, Variation.TIME), Variation.parse("umask,time"));
    assertEquals(List.of(Variation.values()), Variation.parse("all"));
  }

  @Test
  void parse_namesTheBadValue_theRepeatedOne_andWhyHostnameCannotVary() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Variation.parse("mtime,clock"))
            .getMessage()
            .contains(
                "--vary 'clock' in 'mtime,clock': expected a comma-separated list of time, mtime, order, umask"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Variation.parse("time,time"))
            .getMessage()
            .contains("'time' given twice"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Variation.parse("hostname"))
            .getMessage()
            .contains("buildkitsandbox"));
  }

  @Test
  void time_passesSourceDateEpoch398DaysOn_orMovesTheGivenOne() throws Exception {
    assertEquals(
        Long.toString(1_700_000_000L + Variation.SHIFT_SECONDS),
        Variation.TIME.apply(request(Map.of()), dir, CLOCK).buildArgs().get("SOURCE_DATE_EPOCH"));
    assertEquals(
        Long.toString(100 + Variation.SHIFT_SECONDS),
        Variation.TIME
            .apply(request(Map.of("SOURCE_DATE_EPOCH", "100")), dir, CLOCK)
            .buildArgs()
            .get("SOURCE_DATE_EPOCH"));
  }

  @Test
  void mtime_copiesTheContextWithEveryMtimeLater_andTheDockerfileFollowsTheCopy() throws Exception {
    BuildRequest r = request(Map.of());
    BuildRequest varied = Variation.MTIME.apply(r, dir.resolve("work"), CLOCK);

    assertEquals(dir.resolve("work/vary-mtime"), varied.context());
    assertEquals(varied.context().resolve("Dockerfile"), varied.dockerfile());
    assertEquals(
        1_600_000_000_000L + Variation.SHIFT_SECONDS * 1000,
        Files.getLastModifiedTime(varied.context().resolve("sub/a.txt")).toMillis());
    assertEquals(
        Files.getLastModifiedTime(r.context().resolve("sub")).toMillis()
            + Variation.SHIFT_SECONDS * 1000,
        Files.getLastModifiedTime(varied.context().resolve("sub")).toMillis());
    assertEquals(
        1_600_000_000_000L,
        Files.getLastModifiedTime(r.context().resolve("sub/a.txt")).toMillis(),
        "the user's context is untouched");
  }

  @Test
  void umask_flipsGroupWrite_andKeepsTheMtimes() throws Exception {
    BuildRequest varied = Variation.UMASK.apply(request(Map.of()), dir.resolve("work"), CLOCK);

    assertEquals(
        "rw-rw-r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(varied.context().resolve("sub/a.txt"))));
    assertEquals(
        1_600_000_000_000L,
        Files.getLastModifiedTime(varied.context().resolve("sub/a.txt")).toMillis());
  }
}
