package io.splitcheck.seccomp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.json.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads every real seccomp profile format strictly, naming the file, the field and what was
 * expected on error: moby's ({@code archMap}, {@code includes}/{@code excludes}, {@code comment}),
 * the OCI runtime-spec's ({@code defaultErrnoRet}, {@code errnoRet}, {@code flags}, {@code
 * listenerPath}, {@code listenerMetadata}) and containers-common's ({@code defaultErrno}, per-rule
 * {@code errno}: names like {@code "ENOSYS"} or numbers as strings). Which engine honours which
 * field is {@link EngineCompat}'s business, not the reader's.
 */
final class ProfileJsonReader {

  private static final ObjectMapper MAPPER = Json.mapper();
  private static final Set<String> TOP =
      Set.of(
          "defaultAction",
          "defaultErrnoRet",
          "defaultErrno",
          "architectures",
          "archMap",
          "syscalls",
          "flags",
          "listenerPath",
          "listenerMetadata",
          "comment");
  private static final Set<String> RULE =
      Set.of(
          "name",
          "names",
          "action",
          "errnoRet",
          "errno",
          "args",
          "comment",
          "includes",
          "excludes");

  /** The runtime-spec's {@code LinuxSeccompFlag} values. */
  static final List<String> FLAGS =
      List.of(
          "SECCOMP_FILTER_FLAG_LOG",
          "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
          "SECCOMP_FILTER_FLAG_TSYNC",
          "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

  private static final Set<String> ARG = Set.of("index", "value", "valueTwo", "op");
  private static final Set<String> FILTER = Set.of("caps", "arches", "minKernel");
  private static final Set<String> ARCH = Set.of("architecture", "subArchitectures");
  private static final Pattern KERNEL = Pattern.compile("\\d{1,3}\\.\\d{1,3}");
  private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final String source;

  ProfileJsonReader(String source) {
    this.source = source;
  }

  SeccompProfile read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw fail(
          "invalid JSON at line "
              + e.getLocation().getLineNr()
              + " column "
              + e.getLocation().getColumnNr()
              + " ("
              + e.getOriginalMessage()
              + ")",
          "a JSON object");
    }
    if (root == null || !root.isObject()) {
      throw fail(
          "the document is not a JSON object", "{\"defaultAction\": ..., \"syscalls\": [...]}");
    }
    checkFields(root, TOP, "the profile");
    JsonNode action = root.get("defaultAction");
    if (action == null || action.isNull()) {
      throw fail(
          "missing field 'defaultAction'", "one of " + String.join(", ", SeccompActions.ALL));
    }
    List<String> architectures = strings(root.get("architectures"), "architectures");
    List<ArchMapping> archMap = archMap(root.get("archMap"));
    if (!architectures.isEmpty() && !archMap.isEmpty()) {
      throw fail(
          "both 'architectures' and 'archMap' are given",
          "only one of them (as the engine requires)");
    }
    List<SyscallRule> rules = new ArrayList<>();
    JsonNode syscalls = array(root.get("syscalls"), "syscalls");
    for (int i = 0; i < syscalls.size(); i++) {
      rules.add(rule(syscalls.get(i), "syscalls[" + i + "]"));
    }
    if (root.has("comment") && !root.get("comment").isNull()) {
      text(root.get("comment"), "comment");
    }
    return new SeccompProfile(
        action(action, "defaultAction"),
        errno(root.get("defaultErrnoRet"), "defaultErrnoRet"),
        architectures,
        archMap,
        flags(root.get("flags")),
        rules,
        new SeccompProfile.Extras(
            errnoName(root.get("defaultErrno"), "defaultErrno"),
            optionalText(root.get("listenerPath"), "listenerPath"),
            optionalText(root.get("listenerMetadata"), "listenerMetadata")));
  }

  private List<String> flags(JsonNode node) {
    List<String> flags = strings(node, "flags");
    for (int i = 0; i < flags.size(); i++) {
      if (!FLAGS.contains(flags.get(i))) {
        throw fail(
            "flags[" + i + "] '" + flags.get(i) + "' is not a seccomp filter flag",
            "one of " + String.join(", ", FLAGS));
      }
    }
    return flags;
  }

  /**
   * containers-common's {@code errno}: a symbolic name or a number as a string; kept as written.
   */
  private String errnoName(JsonNode node, String where) {
    String value = optionalText(node, where);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (Errnos.number(value).isEmpty() && !value.matches("\\d{1,4}")) {
      throw fail(
          where + " '" + value + "' is not an errno",
          "a name like \"ENOSYS\" or \"EPERM\" (asm-generic)");
    }
    return value;
  }

  private String optionalText(JsonNode node, String where) {
    return node == null || node.isNull() ? null : text(node, where);
  }

  private SyscallRule rule(JsonNode node, String where) {
    object(node, where);
    checkFields(node, RULE, where);
    JsonNode name = node.get("name");
    List<String> names = strings(node.get("names"), where + ".names");
    if (name != null && !name.isNull()) {
      if (!names.isEmpty()) {
        throw fail(
            where + " has both 'name' and 'names'", "only one of them (as the engine requires)");
      }
      names = List.of(text(name, where + ".name"));
    }
    if (names.isEmpty()) {
      throw fail(where + " names no syscall", "\"names\": [\"...\"] or \"name\": \"...\"");
    }
    JsonNode action = node.get("action");
    if (action == null || action.isNull()) {
      throw fail(
          "missing field '" + where + ".action'",
          "one of " + String.join(", ", SeccompActions.ALL));
    }
    List<ArgFilter> args = new ArrayList<>();
    JsonNode argNodes = array(node.get("args"), where + ".args");
    for (int i = 0; i < argNodes.size(); i++) {
      args.add(arg(argNodes.get(i), where + ".args[" + i + "]"));
    }
    JsonNode comment = node.get("comment");
    return new SyscallRule(
        names,
        action(action, where + ".action"),
        errno(node.get("errnoRet"), where + ".errnoRet"),
        args,
        comment == null || comment.isNull() ? "" : text(comment, where + ".comment"),
        filter(node.get("includes"), where + ".includes"),
        filter(node.get("excludes"), where + ".excludes"),
        errnoName(node.get("errno"), where + ".errno"));
  }

  private ArgFilter arg(JsonNode node, String where) {
    object(node, where);
    checkFields(node, ARG, where);
    long index = unsigned(node.get("index"), where + ".index");
    if (index > 5) {
      throw fail(where + ".index " + index + " is out of range", "an argument index 0..5");
    }
    String op = text(node.get("op"), where + ".op");
    if (!SeccompActions.OPS.contains(op)) {
      throw fail(
          where + ".op '" + op + "' is not a comparison",
          "one of " + String.join(", ", SeccompActions.OPS));
    }
    JsonNode two = node.get("valueTwo");
    return new ArgFilter(
        (int) index,
        unsigned(node.get("value"), where + ".value"),
        two == null || two.isNull() ? 0 : unsigned(two, where + ".valueTwo"),
        op);
  }

  private RuleFilter filter(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return RuleFilter.EMPTY;
    }
    object(node, where);
    checkFields(node, FILTER, where);
    JsonNode kernel = node.get("minKernel");
    String minKernel =
        kernel == null || kernel.isNull() ? null : text(kernel, where + ".minKernel");
    if (minKernel != null && minKernel.isEmpty()) {
      minKernel = null;
    }
    if (minKernel != null && !KERNEL.matcher(minKernel).matches()) {
      throw fail(
          where + ".minKernel '" + minKernel + "' is not a kernel version",
          "\"<kernel>.<major>\" like \"4.8\"");
    }
    return new RuleFilter(
        strings(node.get("caps"), where + ".caps"),
        strings(node.get("arches"), where + ".arches"),
        minKernel);
  }

  private List<ArchMapping> archMap(JsonNode node) {
    List<ArchMapping> result = new ArrayList<>();
    JsonNode items = array(node, "archMap");
    for (int i = 0; i < items.size(); i++) {
      String where = "archMap[" + i + "]";
      object(items.get(i), where);
      checkFields(items.get(i), ARCH, where);
      result.add(
          new ArchMapping(
              text(items.get(i).get("architecture"), where + ".architecture"),
              strings(items.get(i).get("subArchitectures"), where + ".subArchitectures")));
    }
    return result;
  }

  private String action(JsonNode node, String where) {
    String action = text(node, where);
    if (!SeccompActions.ALL.contains(action)) {
      throw fail(
          where + " '" + action + "' is not a seccomp action",
          "one of " + String.join(", ", SeccompActions.ALL));
    }
    return action;
  }

  private Integer errno(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    long value = unsigned(node, where);
    if (value > 4095) {
      throw fail(where + " " + value + " is out of range", "an errno number 0..4095");
    }
    return (int) value;
  }

  private long unsigned(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      throw fail("missing field '" + where + "'", "a non-negative integer");
    }
    if (!node.isIntegralNumber()
        || node.bigIntegerValue().signum() < 0
        || node.bigIntegerValue().compareTo(MAX_U64) > 0) {
      throw fail(where + " is " + describe(node), "a non-negative integer");
    }
    return node.bigIntegerValue().longValue();
  }

  private String text(JsonNode node, String where) {
    if (node == null || !node.isTextual()) {
      throw fail(where + " is " + describe(node), "a string");
    }
    return node.textValue();
  }

  private List<String> strings(JsonNode node, String where) {
    List<String> result = new ArrayList<>();
    JsonNode items = array(node, where);
    for (int i = 0; i < items.size(); i++) {
      result.add(text(items.get(i), where + "[" + i + "]"));
    }
    return result;
  }

  private JsonNode array(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return MAPPER.createArrayNode();
    }
    if (!node.isArray()) {
      throw fail(where + " is " + describe(node), "an array");
    }
    return node;
  }

  private void object(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw fail(where + " is " + describe(node), "an object");
    }
  }

  private void checkFields(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw new SeccompProfile.UnknownFieldException(
            "Error parsing seccomp profile '"
                + source
                + "': "
                + where
                + " has unknown field '"
                + field
                + "', expected one of "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "missing";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase()
        + " "
        + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private IllegalArgumentException fail(String what, String expected) {
    return new IllegalArgumentException(
        "Error parsing seccomp profile '" + source + "': " + what + ", expected " + expected);
  }
}
