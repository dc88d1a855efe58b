package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GcPolicyTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
  private static final String LIVE = new Owner("boot", 1, 10, 100).label();
  private static final String DEAD = new Owner("boot", 1, 11, 100).label();
  private static final Function<Owner, Liveness> TABLE =
      o ->
          o.pid() == 10
              ? new Liveness(Liveness.State.ALIVE, "runs")
              : new Liveness(Liveness.State.DEAD, "ended");

  private static LabelledObject obj(
      String kind, String id, String run, String owner, boolean kept) {
    return new LabelledObject(
        kind, id, run, -1, null, Instant.parse("2026-12-01T23:00:00Z"), owner, kept);
  }

  private static List<String> ids(List<GcPolicy.Doomed> d) {
    return d.stream().map(x -> x.object().id()).toList();
  }

  @Test
  void select_removesTaggedImagesByTheirRunsRecord_onlyWhenItsOwnerEnded_recordLast() {
    List<LabelledObject> objects =
        List.of(
            obj("record", "splitcheck-owner-A", "A", DEAD, false),
            obj("image", "splitcheck-twice/A:first", "A", null, false),
            obj("container", "cA", "A", DEAD, false),
            obj("record", "splitcheck-owner-B", "B", LIVE, false),
            obj("image", "splitcheck-twice/B:first", "B", null, false));
    assertEquals(
        List.of("cA", "splitcheck-twice/A:first", "splitcheck-owner-A"),
        ids(new GcPolicy(TABLE, null, NOW).select(objects)));
  }

  @Test
  void select_leavesWhatHasNoOwner_toTheAgeAlone() {
    List<LabelledObject> objects =
        List.of(
            obj("image", "splitcheck-twice/C:first", "C", null, false),
            obj("container", "legacy", "C", null, false));
    assertEquals(List.of(), ids(new GcPolicy(TABLE, null, NOW).select(objects)));
    assertEquals(
        List.of("legacy", "splitcheck-twice/C:first"),
        ids(new GcPolicy(TABLE, Duration.ofMinutes(30), NOW).select(objects)));
  }

  @Test
  void select_neverRemovesKeptImages_evenOldAndDead_andDropsTheRecordOnceTheyAreGone() {
    List<LabelledObject> kept =
        List.of(
            obj("record", "splitcheck-owner-K", "K", DEAD, true),
            obj("image", "splitcheck-twice/K:first", "K", null, false));
    assertEquals(List.of(), ids(new GcPolicy(TABLE, Duration.ofSeconds(1), NOW).select(kept)));
    assertEquals(
        List.of("splitcheck-owner-K"),
        ids(new GcPolicy(TABLE, null, NOW).select(List.of(kept.get(0)))));
  }

  @Test
  void select_asksTheProcessTableOncePerOwner() {
    int[] asked = {0};
    Function<Owner, Liveness> counting =
        o -> {
          asked[0]++;
          return TABLE.apply(o);
        };
    new GcPolicy(counting, null, NOW)
        .select(
            List.of(
                obj("container", "a", "A", DEAD, false),
                obj("volume", "b", "A", DEAD, false),
                obj("network", "c", "A", DEAD, false)));
    assertEquals(1, asked[0]);
  }

  @Test
  void startOf_readsTheRunIdsTime() {
    assertEquals(Instant.parse("2026-11-26T16:15:00Z"), GcPolicy.startOf("20261126-161500-4242"));
    assertEquals(null, GcPolicy.startOf("test-4242"));
  }
}
