package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.engine.EngineInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixOptionsJobsTest {
  private static EngineInfo engine(int cpus) {
    return new EngineInfo("tcp://e:2376", "20.10.24", "default", cpus);
  }

  @Test
  void defaultJobs_runsTheSixBuiltInCellsAtOnce_onASmallEngine() {
    assertEquals(6, MatrixOptions.defaultJobs(List.of(engine(2))));
  }

  @Test
  void defaultJobs_addsUpOverEngines_twiceTheCpusOfLargeOnes() {
    assertEquals(6 + 32, MatrixOptions.defaultJobs(List.of(engine(1), engine(16))));
  }
}
