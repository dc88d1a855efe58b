package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.ContainerSecurity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatrixPlanTest {
  private static final Cell PROD =
      new Cell("prod", ContainerSecurity.customProfile("{}"), "profile p");
  private static final Cell OLD =
      new Cell("old", ContainerSecurity.customProfile("{}"), "derive x");

  private static List<String> names(MatrixPlan plan) {
    return plan.cells().stream().map(Cell::name).toList();
  }

  @Test
  void expand_runsAllSixBuiltInsWithUnconfinedBaseline_whenNothingIsNamed() {
    MatrixPlan plan = MatrixPlan.expand(List.of(), List.of(), Optional.empty());
    assertEquals(
        List.of(
            "unconfined",
            "runtime-default",
            "cap-drop-all",
            "read-only",
            "no-network",
            "restricted"),
        names(plan));
    assertEquals("unconfined", plan.baseline());
  }

  @Test
  void expand_keepsConfigOrderAndTakesFirstAsBaseline_whenConfigsAreNamed() {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("read-only", "unconfined"), List.of(), Optional.empty());
    assertEquals(List.of("read-only", "unconfined"), names(plan));
    assertEquals("read-only", plan.baseline());
  }

  @Test
  void expand_usesBaselineOption_whenGiven() {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("read-only", "unconfined"), List.of(), Optional.of("unconfined"));
    assertEquals("unconfined", plan.baseline());
  }

  @Test
  void expand_appendsCustomCellsAfterBuiltIns_inOptionOrder() {
    MatrixPlan plan = MatrixPlan.expand(List.of(), List.of(PROD, OLD), Optional.empty());
    assertEquals(
        List.of(
            "unconfined",
            "runtime-default",
            "cap-drop-all",
            "read-only",
            "no-network",
            "restricted",
            "prod",
            "old"),
        names(plan));
  }

  @Test
  void expand_appendsUnnamedCustomCellsAfterConfigs_andPlacesNamedOnes() {
    MatrixPlan plan =
        MatrixPlan.expand(
            List.of("unconfined", "old", "read-only"), List.of(PROD, OLD), Optional.empty());
    assertEquals(List.of("unconfined", "old", "read-only", "prod"), names(plan));
  }

  @Test
  void expand_mayTakeCustomCellAsBaseline() {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("prod", "runtime-default"), List.of(PROD), Optional.empty());
    assertEquals("prod", plan.baseline());
  }

  @Test
  void expand_rejectsUnknownConfig_namingItAndTheKnownCells() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MatrixPlan.expand(
                    List.of("unconfined", "laptop"), List.of(PROD), Optional.empty()));
    assertTrue(e.getMessage().contains("'laptop'"), e.getMessage());
    assertTrue(e.getMessage().contains("prod"), e.getMessage());
  }

  @Test
  void expand_rejectsBaselineThatIsNotACell() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MatrixPlan.expand(List.of("read-only"), List.of(), Optional.of("unconfined")));
    assertTrue(e.getMessage().contains("--baseline 'unconfined'"), e.getMessage());
  }

  @Test
  void expand_rejectsCustomCellNamedLikeBuiltIn() {
    Cell clash = new Cell("restricted", ContainerSecurity.customProfile("{}"), "profile p");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MatrixPlan.expand(List.of(), List.of(clash), Optional.empty()));
    assertTrue(e.getMessage().contains("'restricted'"), e.getMessage());
  }

  @Test
  void expand_rejectsDuplicateConfigAndDuplicateCustomNames() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MatrixPlan.expand(List.of("unconfined", "unconfined"), List.of(), Optional.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () -> MatrixPlan.expand(List.of(), List.of(PROD, PROD), Optional.empty()));
  }

  @Test
  void builtIns_haveTheSecuritySettingsTheirNamesPromise() {
    ContainerSecurity restricted = BuiltInCells.named("restricted").orElseThrow().security();
    assertEquals(
        new ContainerSecurity(
            ContainerSecurity.Seccomp.ENGINE_DEFAULT, null, true, true, true, true, true),
        restricted);
    assertEquals(
        ContainerSecurity.Seccomp.UNCONFINED,
        BuiltInCells.named("unconfined").orElseThrow().security().seccomp());
    assertTrue(BuiltInCells.named("cap-drop-all").orElseThrow().security().dropAllCaps());
    assertTrue(BuiltInCells.named("read-only").orElseThrow().security().readOnlyRoot());
    assertTrue(BuiltInCells.named("no-network").orElseThrow().security().noNetwork());
  }
}
