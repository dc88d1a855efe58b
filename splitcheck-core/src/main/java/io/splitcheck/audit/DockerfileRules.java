package io.splitcheck.audit;

import io.splitcheck.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dockerfile.*}: lint of the Dockerfile, plus the image's Env for secrets and its files for
 * toolchains.
 */
public final class DockerfileRules implements AuditRule {
  static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|api_?key|private_?key|access_?key|credential|auth).*");
  static final Pattern SECRET_VALUE =
      Pattern.compile(
          "AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20}"
              + "|-----BEGIN [A-Z ]*PRIVATE KEY-----|sk_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{35}");
  private static final Pattern APT_INSTALL =
      Pattern.compile("\\bapt(-get)?\\s+(-\\S+\\s+)*install\\b");
  private static final Pattern APT_ANY =
      Pattern.compile("\\bapt(-get)?\\s+(-\\S+\\s+)*(install|update)\\b");
  private static final Pattern TOOLCHAIN_PKG =
      Pattern.compile(
          "\\b(gcc|g\\+\\+|clang|build-essential|build-base|make|cmake|golang|rustc|cargo|openjdk-\\d+-jdk|"
              + "maven|gradle|musl-dev|libc6-dev)\\b");
  private static final Pattern BUILD_IMAGE =
      Pattern.compile(
          "(.*/)?(golang|gcc|rust|maven|gradle|buildpack-deps|sbt|clojure|haskell|swift)(:.*)?"
              + "|(.*/)?(openjdk|eclipse-temurin|amazoncorretto):.*jdk.*|(.*/)?node(:(?!.*(slim|alpine|distroless)).*)?");
  private static final Pattern TOOLCHAIN_FILE =
      Pattern.compile(
          "/usr/(local/)?bin/(gcc|cc|g\\+\\+|c\\+\\+|clang|go|rustc|cargo|javac|make|ld)");
  private static final Pattern PACKAGE_MANAGER_FILE =
      Pattern.compile("/(usr/)?(s)?bin/(apt-get|apt|dpkg|apk|yum|dnf|microdnf|rpm|pip3?|npm)");

  @Override
  public List<Finding> check(AuditInput in) {
    List<Finding> out = new ArrayList<>();
    if (in.image() != null) {
      imageEnv(in.image(), out);
      imageToolchain(in.image(), out);
    }
    Dockerfile df = in.dockerfile();
    if (df == null) {
      return out;
    }
    unpinned(df, in.pins(), out);
    argScope(df, out);
    for (Instruction i : df.instructions()) {
      if (i.is("RUN")) {
        apt(i, out);
      } else if (i.is("ENV") || i.is("ARG")) {
        envSecrets(i, out);
      }
    }
    df.finalStage()
        .filter(s -> BUILD_IMAGE.matcher(s.base()).matches())
        .ifPresent(
            s ->
                out.add(
                    Finding.of(
                        "dockerfile.toolchain-in-final",
                        "the final stage is FROM "
                            + s.base()
                            + ", a build image with its compilers; copy the result into a runtime or distroless base",
                        Evidence.line(s.from().line()))));
    df.finalStage()
        .ifPresent(
            s ->
                s.body().stream()
                    .filter(i -> i.is("RUN"))
                    .filter(
                        i ->
                            APT_INSTALL.matcher(i.commandText()).find()
                                || i.commandText().contains("apk add"))
                    .filter(i -> TOOLCHAIN_PKG.matcher(i.commandText()).find())
                    .forEach(
                        i ->
                            out.add(
                                Finding.of(
                                    "dockerfile.toolchain-in-final",
                                    "the final stage installs a toolchain ("
                                        + first(TOOLCHAIN_PKG, i.commandText())
                                        + "); build in an earlier stage and COPY --from the result",
                                    Evidence.line(i.line())))));
    return out;
  }

  private static void unpinned(
      Dockerfile df, Map<String, AuditInput.BasePin> pins, List<Finding> out) {
    Set<String> stageNames = new HashSet<>();
    for (Dockerfile.Stage s : df.stages()) {
      String base = s.base();
      if (!base.equals("scratch")
          && !base.contains("@sha256:")
          && !stageNames.contains(base.toLowerCase(Locale.ROOT))) {
        AuditInput.BasePin pin = pins.get(base);
        String fix =
            pin == null
                ? "the engine has no image by that name to pin to"
                : "pin: FROM " + base + "@" + pin.digest() + " (" + pin.source() + ")";
        out.add(
            Finding.of(
                "dockerfile.unpinned-base",
                "FROM " + base + " has no @sha256: digest and can move; " + fix,
                Evidence.line(s.from().line()).withPath(base)));
      }
      if (s.name() != null) {
        stageNames.add(s.name().toLowerCase(Locale.ROOT));
      }
    }
  }

  private static void argScope(Dockerfile df, List<Finding> out) {
    Set<String> global = new HashSet<>();
    df.globalArgs().forEach(a -> global.addAll(a.keyValues().keySet()));
    for (Dockerfile.Stage s : df.stages()) {
      Set<String> declared = new HashSet<>();
      Set<String> reported = new HashSet<>();
      for (Instruction i : s.body()) {
        if (i.is("ARG") || i.is("ENV")) {
          declared.addAll(i.keyValues().keySet());
          if (i.is("ARG")) {
            continue;
          }
        }
        for (String v : i.variableReferences()) {
          if (global.contains(v) && !declared.contains(v) && reported.add(v)) {
            out.add(
                Finding.of(
                    "dockerfile.arg-scope",
                    "ARG "
                        + v
                        + " is declared before FROM but stage "
                        + (s.name() == null ? s.index() : s.name())
                        + " uses it without re-declaring 'ARG "
                        + v
                        + "', so it expands to empty here",
                    Evidence.line(i.line())));
          }
        }
      }
    }
  }

  private static void apt(Instruction i, List<Finding> out) {
    String cmd = i.commandText();
    if (APT_INSTALL.matcher(cmd).find()
        && !cmd.contains("--no-install-recommends")
        && !cmd.contains("Install-Recommends=false")
        && !cmd.contains("Install-Recommends=0")) {
      out.add(
          Finding.of(
              "dockerfile.apt-recommends",
              "apt-get install without --no-install-recommends pulls in recommended packages",
              Evidence.line(i.line())));
    }
    boolean cacheMount =
        i.flags("mount").stream()
            .anyMatch(m -> m.contains("type=cache") && m.contains("/var/lib/apt"));
    if (APT_ANY.matcher(cmd).find()
        && !cacheMount
        && !cmd.matches("(?s).*rm\\s+(-\\S+\\s+)*/var/lib/apt/lists.*")) {
      out.add(
          Finding.of(
              "dockerfile.apt-lists",
              "apt-get update/install without 'rm -rf /var/lib/apt/lists/*' "
                  + "in the same RUN leaves the package lists in the layer",
              Evidence.line(i.line())));
    }
  }

  private static void envSecrets(Instruction i, List<Finding> out) {
    for (Map.Entry<String, String> kv : i.keyValues().entrySet()) {
      secret(
          i.keyword() + " " + kv.getKey(),
          kv.getKey(),
          kv.getValue(),
          Evidence.line(i.line()),
          out);
    }
  }

  private static void imageEnv(ImageView img, List<Finding> out) {
    img.env()
        .forEach((k, v) -> secret("image Env " + k, k, v, Evidence.NONE.withPath("Env:" + k), out));
  }

  private static void secret(
      String what, String name, String value, Evidence ev, List<Finding> out) {
    if (value != null && SECRET_VALUE.matcher(value).find()) {
      out.add(
          Finding.of(
              "dockerfile.secret-in-env",
              what
                  + " holds a value that looks like a credential; it is "
                  + "in the image config for anyone who pulls it (use RUN --mount=type=secret)",
              ev));
    } else if (SECRET_NAME.matcher(name).matches()
        && value != null
        && !value.isEmpty()
        && !value.startsWith("/")
        && !value.startsWith("$")) {
      out.add(
          Finding.of(
                  "dockerfile.secret-in-env",
                  what
                      + " looks like a secret by its name; ENV and ARG "
                      + "values are in the image history (use RUN --mount=type=secret)",
                  ev)
              .withSeverity(Severity.WARNING));
    }
  }

  private static void imageToolchain(ImageView img, List<Finding> out) {
    for (ImageFs.Node n : img.fs().nodes()) {
      String p = n.entry().path();
      if (TOOLCHAIN_FILE.matcher(p).matches() && img.fs().resolve(p).isPresent()) {
        out.add(
            Finding.of(
                "dockerfile.toolchain-in-final",
                "compiler or build tool " + p + " in the final image",
                img.at(n.layer()).withPath(p)));
      } else if (PACKAGE_MANAGER_FILE.matcher(p).matches() && img.fs().resolve(p).isPresent()) {
        out.add(
            Finding.of(
                    "dockerfile.toolchain-in-final",
                    "package manager " + p + " in the final image",
                    img.at(n.layer()).withPath(p))
                .withSeverity(Severity.INFO));
      }
    }
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group() : "";
  }
}
