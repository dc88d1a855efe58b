package io.splitcheck.seccomp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitcheck.json.Json;

/**
 * An engine's default seccomp profile, as one of the real profiles in {@code seccomp-profiles/}, and
 * what it answers a syscall it does not name. containers-common's profile (Podman) states that
 * answer twice, as {@code defaultErrno: "ENOSYS"} beside {@code defaultErrnoRet: 38} (and each rule's
 * {@code errno} name beside its {@code errnoRet}); the names are read here from the JSON tree and
 * checked against the numbers, and the profile is evaluated from the numbers.
 *
 * @param file the profile's file name, e.g. {@code podman-containers-common.json}
 * @param profile the profile, to evaluate syscalls with
 * @param defaultErrno the symbolic errno of the default action, e.g. {@code ENOSYS}; {@code EPERM}
 *     when the profile gives no number (the engines' default)
 */
public record EngineDefaultProfile(String file, SeccompProfile profile, String defaultErrno) {

  /** Parses one profile's JSON text; bad input names {@code file} and the field. */
  public static EngineDefaultProfile parse(String json, String file) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Error parsing seccomp profile '" + file + "': "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("seccomp profile '" + file + "': expected a JSON object");
    }
    ObjectNode tree = ((ObjectNode) root).deepCopy();
    Integer number = tree.hasNonNull("defaultErrnoRet") ? tree.get("defaultErrnoRet").asInt() : null;
    String named = checkedName(tree.remove("defaultErrno"), number, file, "defaultErrno");
    JsonNode rules = tree.path("syscalls");
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) instanceof ObjectNode rule) {
        Integer ret = rule.hasNonNull("errnoRet") ? rule.get("errnoRet").asInt() : null;
        checkedName(rule.remove("errno"), ret, file, "syscalls[" + i + "].errno");
      }
    }
    SeccompProfile profile = SeccompProfile.parse(tree.toString(), file);
    String errno = named != null ? named
        : Errnos.nameOrNumber(number == null ? Errnos.EPERM : number);
    return new EngineDefaultProfile(file, profile, errno);
  }

  /** A name that must agree with the number beside it, when both are given. */
  private static String checkedName(JsonNode name, Integer number, String file, String field) {
    if (name == null || name.isNull()) {
      return null;
    }
    Integer byName = Errnos.number(name.asText()).orElseThrow(() -> new IllegalArgumentException(
        "seccomp profile '" + file + "': field '" + field + "' is '" + name.asText()
            + "': expected an errno name such as EPERM or ENOSYS"));
    if (number != null && !number.equals(byName)) {
      throw new IllegalArgumentException("seccomp profile '" + file + "': field '" + field + "' is '"
          + name.asText() + "' (" + byName + ") but the number beside it is " + number);
    }
    return name.asText();
  }

  /** What the profile does with {@code syscall} for a process with the engine's default caps. */
  public Decision decide(String syscall, String arch) {
    return ProfileEvaluator.evaluate(profile, syscall, CellRestrictions.DOCKER_DEFAULT_CAPS, arch);
  }
}
