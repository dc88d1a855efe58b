package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExportedTwiceTest {
  @Test
  void supports_docker26AndLater_only() {
    assertTrue(ExportedTwice.supports("26.1.5+dfsg1"));
    assertTrue(ExportedTwice.supports("27.0.3"));
    assertFalse(ExportedTwice.supports("20.10.24+dfsg1"));
    assertFalse(ExportedTwice.supports("4.3.1"));
  }

  @Test
  void exportNote_namesTheEpochAndWhereItCameFrom() {
    String note =
        SourceDateEpoch.exportNote(
            OptionalLong.of(1700000000L), ExportedTwice.EpochSource.GIT_COMMIT);

    assertTrue(
        note.contains(
            "SOURCE_DATE_EPOCH=1700000000 (2023-11-14T22:13:20Z, the context's latest git commit)"),
        note);
  }

  @Test
  void exportNote_saysHowToPassOne_whenThereIsNone() {
    String note = SourceDateEpoch.exportNote(OptionalLong.empty(), ExportedTwice.EpochSource.NONE);

    assertTrue(
        note.startsWith("No SOURCE_DATE_EPOCH") && note.contains("--source-date-epoch"), note);
  }
}
