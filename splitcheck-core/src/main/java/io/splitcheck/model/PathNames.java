package io.splitcheck.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * File names are bytes, not text. A name is shown, compared and keyed in one escaped form that
 * loses nothing: valid UTF-8 stays as it is, every byte that is not part of valid UTF-8 and every
 * control byte becomes {@code \xNN} (lower-case hex), and a backslash becomes {@code \\} (as {@code
 * ls -b} shows it). The escaping is injective, so two names are equal as bytes exactly when their
 * escaped forms are equal.
 */
public final class PathNames {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PathNames() {}

  /** The escaped form of {@code name}'s bytes (one component or a whole path; {@code /} stays). */
  public static String escape(byte[] name) {
    if (isPlain(name)) {
      return new String(name, StandardCharsets.ISO_8859_1);
    }
    StringBuilder out = new StringBuilder(name.length + 8);
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(name);
    CharBuffer chars = CharBuffer.allocate(name.length + 1);
    while (in.hasRemaining()) {
      chars.clear();
      CoderResult r = utf8.decode(in, chars, true);
      chars.flip();
      appendText(out, chars);
      if (r.isError()) {
        for (int i = 0; i < r.length(); i++) {
          appendByte(out, in.get());
        }
      }
    }
    return out.toString();
  }

  /** The bytes an escaped name stands for: the inverse of {@link #escape}. */
  public static byte[] unescape(String escaped) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        flush(text, out);
        char next = escaped.charAt(i + 1);
        if (next == 'x' && i + 3 < escaped.length()) {
          out.write(Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
          i += 3;
        } else {
          out.write(next);
          i += 1;
        }
      } else {
        text.append(c);
      }
    }
    flush(text, out);
    return out.toByteArray();
  }

  /** The escaped form of a name a Java string holds (as its UTF-8 bytes). */
  public static String escape(String name) {
    return escape(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An absolute image path from a name in a layer: {@code ./usr//bin/} becomes {@code /usr/bin},
   * and {@code ..} is resolved lexically and cannot climb above the root (a hostile name stays a
   * name in the image). Components are escaped one by one.
   */
  public static String normalise(byte[] name) {
    ArrayDeque<String> parts = new ArrayDeque<>();
    int start = 0;
    for (int i = 0; i <= name.length; i++) {
      if (i == name.length || name[i] == '/') {
        int len = i - start;
        if (len == 2 && name[start] == '.' && name[start + 1] == '.') {
          parts.pollLast();
        } else if (len > 0 && !(len == 1 && name[start] == '.')) {
          byte[] part = new byte[len];
          System.arraycopy(name, start, part, 0, len);
          parts.addLast(escape(part));
        }
        start = i + 1;
      }
    }
    if (parts.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    parts.forEach(p -> out.append('/').append(p));
    return out.toString();
  }

  private static boolean isPlain(byte[] name) {
    for (byte b : name) {
      if (b < 0x20 || b == 0x7f || b == '\\') { // negative: not ASCII
        return false;
      }
    }
    return true;
  }

  private static void appendText(StringBuilder out, CharBuffer chars) {
    while (chars.hasRemaining()) {
      char c = chars.get();
      if (c == '\\') {
        out.append("\\\\");
      } else if (c < 0x20 || c == 0x7f) {
        appendByte(out, (byte) c);
      } else {
        out.append(c);
      }
    }
  }

  private static void appendByte(StringBuilder out, byte b) {
    out.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
  }

  private static void flush(StringBuilder text, ByteArrayOutputStream out) {
    byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
    text.setLength(0);
  }

  /** True when {@code bytes} are valid UTF-8. */
  public static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
