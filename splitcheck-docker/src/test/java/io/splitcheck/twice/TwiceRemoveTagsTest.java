package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What twice says is left on an engine whose removals failed. */
class TwiceRemoveTagsTest {
  private static final String FIRST = "splitcheck-twice/20261202-065145-18661:first";
  private static final String SECOND = "splitcheck-twice/20261202-065145-18661:second";

  @Test
  void engineGone_afterTheFirstBuildTagged_namesTheFirstAsLeft() {
    EngineException e = removeAll(false, List.of(FIRST, SECOND), List.of(FIRST));

    assertEquals(
        "the engine went away during twice (DELETE refused); left on it: "
            + FIRST
            + ", "
            + SECOND
            + " (perhaps: its build was cut off when the engine went away)"
            + " (`splitcheck gc` removes what is left once it answers again)",
        e.getMessage());
  }

  @Test
  void engineGone_whileTheFirstBuildFinished_saysItsImageMayBeLeft_notNone() {
    // the engine tagged the first image, then died before the build's CLI returned
    EngineException e = removeAll(false, List.of(FIRST), List.of());

    assertEquals(
        "the engine went away during twice (DELETE refused); left on it: "
            + FIRST
            + " (perhaps: its build was cut off when the engine went away)"
            + " (`splitcheck gc` removes what is left once it answers again)",
        e.getMessage());
  }

  @Test
  void engineAnswers_aFailedBuildsUntaggedImage_isNotClaimedLeft() {
    EngineException e = removeAll(true, List.of(FIRST), List.of());

    assertEquals(
        "removing no image of this run failed: DELETE refused (`splitcheck gc` removes it)",
        e.getMessage());
  }

  private static EngineException removeAll(
      boolean answers, List<String> built, List<String> tagged) {
    Twice twice = new Twice(request -> null, new RefusingStore(answers), "20.10.24");
    return assertThrows(
        EngineException.class,
        () -> twice.removeTags(new ArrayList<>(built), new ArrayList<>(tagged)));
  }

  /** An engine that refuses every removal; answers or not. */
  private record RefusingStore(boolean answers) implements ImageStore {
    @Override
    public Optional<ImageInfo> inspect(String imageRef) {
      return Optional.empty();
    }

    @Override
    public InputStream save(String imageRef) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void load(InputStream tar) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void tag(String image, String repoTag) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String imageRef) throws EngineException {
      throw new EngineException("DELETE refused");
    }
  }
}
