package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.image;
import static io.splitcheck.audit.ImageFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SizeRulesTest {
  private static final long MIB = 1 << 20;

  private static ImageView image3() {
    return image()
        .layer("ADD big /big")
        .file("/big", 2 * MIB)
        .file("/gone", MIB)
        .file("/keep", 10)
        .layer("RUN make")
        .file("/big", MIB)
        .whiteout("/gone")
        .build();
  }

  @Test
  void wasted_reportsOverwrittenAndDeletedFiles_withTheirLayer() {
    List<Finding> f = only(new SizeRules().check(AuditInput.of(image3())), "size.wasted");
    assertEquals(2, f.size(), f.toString());
    assertEquals("/big", f.get(0).evidence().path());
    assertEquals(2 * MIB, f.get(0).evidence().size());
    assertEquals(0, f.get(0).evidence().layer());
    assertTrue(f.get(0).evidence().deletedInLaterLayer());
    assertEquals("/gone", f.get(1).evidence().path());
  }

  @Test
  void efficiency_isDiveMinOverCumulative() {
    Finding e = only(new SizeRules().check(AuditInput.of(image3())), "size.efficiency").get(0);
    // paths: /big min 1 MiB of 3 MiB, /gone min 0 of 1 MiB, /keep 10 of 10 -> (1 MiB + 10) / (4 MiB
    // + 10)
    double expected = (MIB + 10.0) / (4 * MIB + 10.0) * 100;
    assertTrue(
        e.message().startsWith(String.format(Locale.ROOT, "efficiency %.2f%%", expected)),
        e.message());
    assertEquals(3 * MIB, e.evidence().size());
  }

  @Test
  void layersAndLargestFiles_reportBytesAndTopN() {
    AuditConfig cfg = new AuditConfig(List.of(), List.of(), null, 0, 1, 0);
    List<Finding> all = new SizeRules().check(AuditInput.of(image3()).withConfig(cfg));
    List<Finding> layers = only(all, "size.layers");
    assertEquals(2, layers.size());
    assertEquals(3 * MIB + 10, layers.get(0).evidence().size());
    assertEquals("RUN make", layers.get(1).evidence().step());
    List<Finding> largest = only(all, "size.largest-files");
    assertEquals(1, largest.size());
    assertEquals("/big", largest.get(0).evidence().path());
    assertEquals(1, largest.get(0).evidence().layer());
  }

  @Test
  void human_formatsBinaryUnits() {
    assertEquals("512 B", SizeRules.human(512));
    assertEquals("1.5 KiB", SizeRules.human(1536));
    assertEquals("2.0 GiB", SizeRules.human(2L << 30));
  }
}
