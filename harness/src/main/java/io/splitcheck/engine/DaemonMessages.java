package io.splitcheck.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The daemon's own text out of docker-java's {@code Status 500: {"message":"..."}}. */
final class DaemonMessages {
  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\\{\\s*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*}");

  private DaemonMessages() {}

  static String of(String dockerJavaMessage) {
    String s = String.valueOf(dockerJavaMessage).strip();
    Matcher m = JSON_MESSAGE.matcher(s);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return s;
  }
}
