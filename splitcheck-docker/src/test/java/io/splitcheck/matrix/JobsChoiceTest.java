package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.splitcheck.engine.EngineInfo;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JobsChoiceTest {
  private static final EngineInfo TWO_CPUS =
      new EngineInfo("unix:///var/run/docker.sock", "20.10.24", "default", 2);
  private static final EngineInfo EIGHT_CPUS =
      new EngineInfo("tcp://big:2376", "26.1.5", "default", 8);

  @Test
  void choose_runsTheSixBuiltInCellsAtOnce_whenNoStartWasMeasuredYet() {
    JobsChoice c = JobsChoice.choose(List.of(TWO_CPUS), List.of(OptionalLong.empty()));

    assertEquals(6, c.jobs());
    assertEquals(
        "jobs 6 (unix:///var/run/docker.sock: 6 (2 CPU(s), no start measured yet:"
            + " max(6, 2 x CPUs)))",
        c.describe());
  }

  @Test
  void choose_keepsTwiceTheCpus_whenTheFastestStartIsUnderASecond() {
    JobsChoice c = JobsChoice.choose(List.of(EIGHT_CPUS), List.of(OptionalLong.of(320)));

    assertEquals(16, c.jobs());
    assertEquals(
        "jobs 16 (tcp://big:2376: 16 (8 CPU(s), fastest start 320 ms < 1000 ms: max(6, 2 x CPUs)))",
        c.describe());
  }

  @Test
  void choose_startsMoreAtOnce_whenTheEnginesFastestStartTookASecondOrMore() {
    assertEquals(12, JobsChoice.choose(List.of(TWO_CPUS), List.of(OptionalLong.of(1000))).jobs());
    assertEquals(12, JobsChoice.choose(List.of(TWO_CPUS), List.of(OptionalLong.of(3489))).jobs());
    assertEquals(32, JobsChoice.choose(List.of(EIGHT_CPUS), List.of(OptionalLong.of(1500))).jobs());
    assertEquals(6, JobsChoice.choose(List.of(TWO_CPUS), List.of(OptionalLong.of(999))).jobs());
    assertEquals(
        "jobs 12 (unix:///var/run/docker.sock: 12 (2 CPU(s), fastest start 3489 ms >= 1000 ms:"
            + " max(12, 4 x CPUs)))",
        JobsChoice.choose(List.of(TWO_CPUS), List.of(OptionalLong.of(3489))).describe());
  }

  @Test
  void choose_sumsOverEngines_eachByItsOwnMeasurement() {
    JobsChoice c =
        JobsChoice.choose(
            List.of(TWO_CPUS, EIGHT_CPUS), List.of(OptionalLong.of(2500), OptionalLong.of(200)));

    assertEquals(12 + 16, c.jobs());
    assertEquals(2, c.reasons().size());
  }

  @Test
  void choose_isTheHostDefault_withoutEngineInfos() {
    assertEquals(MatrixOptions.defaultJobs(), JobsChoice.choose(List.of(), List.of()).jobs());
  }

  @Test
  void choose_rejectsAMeasurementCountThatDoesNotMatchTheEngines() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> JobsChoice.choose(List.of(TWO_CPUS), List.of()));
    assertEquals("1 engine(s) but 0 start measurement(s)", e.getMessage());
  }
}
