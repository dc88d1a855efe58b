package io.splitcheck.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathNamesTest {
  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void escape_showsBytesThatAreNotUtf8AsHex_andKeepsValidUtf8() {
    assertEquals("/opt/name-\\x8d", PathNames.escape(latin1("/opt/name-\u008d")));
    assertEquals("/opt/caf\\xe9", PathNames.escape(latin1("/opt/caf\u00e9")));
    assertEquals("/opt/café", PathNames.escape("/opt/café".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void escape_tellsApartNamesThatDifferOnlyInBytesThatAreNotUtf8() {
    assertNotEquals(
        PathNames.escape(latin1("name-\u008d")), PathNames.escape(latin1("name-\u00eb")));
  }

  @Test
  void escape_doublesABackslash_soALiteralEscapeIsNotAByte() {
    assertEquals("a\\\\x8d", PathNames.escape(latin1("a\\x8d")));
    assertNotEquals(PathNames.escape(latin1("a\\x8d")), PathNames.escape(latin1("a\u008d")));
  }

  @Test
  void escape_showsControlBytesAsHex() {
    assertEquals("line\\x0abreak\\x7f", PathNames.escape(latin1("line\nbreak\u007f")));
  }

  @Test
  void unescape_givesBackTheBytes() {
    for (String s : new String[] {"/opt/name-\u008d", "a\\x8d\\", "line\nb", "plain"}) {
      assertArrayEquals(latin1(s), PathNames.unescape(PathNames.escape(latin1(s))), s);
    }
    byte[] utf8 = "/opt/café".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(utf8, PathNames.unescape(PathNames.escape(utf8)));
  }

  @Test
  void normalise_resolvesDotsAndSlashes_perComponent() {
    assertEquals("/usr/bin", PathNames.normalise(latin1("./usr//bin/")));
    assertEquals("/etc/passwd", PathNames.normalise(latin1("../../etc/passwd")));
    assertEquals("/", PathNames.normalise(latin1("./")));
    assertEquals("/opt/d\\x8d/f", PathNames.normalise(latin1("opt/d\u008d/f")));
  }
}
