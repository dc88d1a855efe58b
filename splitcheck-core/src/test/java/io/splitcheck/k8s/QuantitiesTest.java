package io.splitcheck.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void bytes_readKubernetesSuffixes_andDockersLowerCaseMegabytes() {
    assertEquals(128L << 20, Quantities.bytes("128Mi", "x"));
    assertEquals(64_000_000L, Quantities.bytes("64M", "x"));
    assertEquals(64L << 20, Quantities.bytes("64m", "--limit memory"));
    assertEquals(1L << 30, Quantities.bytes("1g", "x"));
    assertEquals(1536L << 20, Quantities.bytes("1.5Gi", "x"));
    assertEquals(1000L, Quantities.bytes("1000", "x"));
  }

  @Test
  void cpus_readMillicoresAndFractions() {
    assertEquals(500_000_000L, Quantities.nanoCpus("500m", "x"));
    assertEquals(500_000_000L, Quantities.nanoCpus("0.5", "x"));
    assertEquals(2_000_000_000L, Quantities.nanoCpus("2", "x"));
  }

  @Test
  void badQuantity_namesWhereAndWhatWasExpected() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Quantities.bytes("lots", "--limit memory"));
    assertEquals(
        "--limit memory 'lots': expected a size like 128Mi, 64M, 128m (docker's MiB) or a number of bytes",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Quantities.nanoCpus("1Gi", "cpu"));
  }
}
