package io.splitcheck.seccomp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.json.Json;
import java.util.ArrayList;
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

  private final StrictFields fields;

  ProfileJsonReader(String source) {
    this.fields = new StrictFields(source, MAPPER);
  }

  SeccompProfile read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw fields.fail(
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
      throw fields.fail(
          "the document is not a JSON object", "{\"defaultAction\": ..., \"syscalls\": [...]}");
    }
    fields.checkFields(root, TOP, "the profile");
    JsonNode action = root.get("defaultAction");
    if (action == null || action.isNull()) {
      throw fields.fail(
          "missing field 'defaultAction'", "one of " + String.join(", ", SeccompActions.ALL));
    }
    List<String> architectures = fields.strings(root.get("architectures"), "architectures");
    List<ArchMapping> archMap = archMap(root.get("archMap"));
    if (!architectures.isEmpty() && !archMap.isEmpty()) {
      throw fields.fail(
          "both 'architectures' and 'archMap' are given",
          "only one of them (as the engine requires)");
    }
    List<SyscallRule> rules = new ArrayList<>();
    JsonNode syscalls = fields.array(root.get("syscalls"), "syscalls");
    for (int i = 0; i < syscalls.size(); i++) {
      rules.add(rule(syscalls.get(i), "syscalls[" + i + "]"));
    }
    if (root.has("comment") && !root.get("comment").isNull()) {
      fields.text(root.get("comment"), "comment");
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
            fields.optionalText(root.get("listenerPath"), "listenerPath"),
            fields.optionalText(root.get("listenerMetadata"), "listenerMetadata")));
  }

  private List<String> flags(JsonNode node) {
    List<String> flags = fields.strings(node, "flags");
    for (int i = 0; i < flags.size(); i++) {
      if (!FLAGS.contains(flags.get(i))) {
        throw fields.fail(
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
    String value = fields.optionalText(node, where);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (Errnos.number(value).isEmpty() && !value.matches("\\d{1,4}")) {
      throw fields.fail(
          where + " '" + value + "' is not an errno",
          "a name like \"ENOSYS\" or \"EPERM\" (asm-generic)");
    }
    return value;
  }

  private SyscallRule rule(JsonNode node, String where) {
    fields.object(node, where);
    fields.checkFields(node, RULE, where);
    JsonNode name = node.get("name");
    List<String> names = fields.strings(node.get("names"), where + ".names");
    if (name != null && !name.isNull()) {
      if (!names.isEmpty()) {
        throw fields.fail(
            where + " has both 'name' and 'names'", "only one of them (as the engine requires)");
      }
      names = List.of(fields.text(name, where + ".name"));
    }
    if (names.isEmpty()) {
      throw fields.fail(where + " names no syscall", "\"names\": [\"...\"] or \"name\": \"...\"");
    }
    JsonNode action = node.get("action");
    if (action == null || action.isNull()) {
      throw fields.fail(
          "missing field '" + where + ".action'",
          "one of " + String.join(", ", SeccompActions.ALL));
    }
    List<ArgFilter> args = new ArrayList<>();
    JsonNode argNodes = fields.array(node.get("args"), where + ".args");
    for (int i = 0; i < argNodes.size(); i++) {
      args.add(arg(argNodes.get(i), where + ".args[" + i + "]"));
    }
    JsonNode comment = node.get("comment");
    return new SyscallRule(
        names,
        action(action, where + ".action"),
        errno(node.get("errnoRet"), where + ".errnoRet"),
        args,
        comment == null || comment.isNull() ? "" : fields.text(comment, where + ".comment"),
        filter(node.get("includes"), where + ".includes"),
        filter(node.get("excludes"), where + ".excludes"),
        errnoName(node.get("errno"), where + ".errno"));
  }

  private ArgFilter arg(JsonNode node, String where) {
    fields.object(node, where);
    fields.checkFields(node, ARG, where);
    long index = fields.unsigned(node.get("index"), where + ".index");
    if (index > 5) {
      throw fields.fail(where + ".index " + index + " is out of range", "an argument index 0..5");
    }
    String op = fields.text(node.get("op"), where + ".op");
    if (!SeccompActions.OPS.contains(op)) {
      throw fields.fail(
          where + ".op '" + op + "' is not a comparison",
          "one of " + String.join(", ", SeccompActions.OPS));
    }
    JsonNode two = node.get("valueTwo");
    return new ArgFilter(
        (int) index,
        fields.unsigned(node.get("value"), where + ".value"),
        two == null || two.isNull() ? 0 : fields.unsigned(two, where + ".valueTwo"),
        op);
  }

  private RuleFilter filter(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return RuleFilter.EMPTY;
    }
    fields.object(node, where);
    fields.checkFields(node, FILTER, where);
    JsonNode kernel = node.get("minKernel");
    String minKernel =
        kernel == null || kernel.isNull() ? null : fields.text(kernel, where + ".minKernel");
    if (minKernel != null && minKernel.isEmpty()) {
      minKernel = null;
    }
    if (minKernel != null && !KERNEL.matcher(minKernel).matches()) {
      throw fields.fail(
          where + ".minKernel '" + minKernel + "' is not a kernel version",
          "\"<kernel>.<major>\" like \"4.8\"");
    }
    return new RuleFilter(
        fields.strings(node.get("caps"), where + ".caps"),
        fields.strings(node.get("arches"), where + ".arches"),
        minKernel);
  }

  private List<ArchMapping> archMap(JsonNode node) {
    List<ArchMapping> result = new ArrayList<>();
    JsonNode items = fields.array(node, "archMap");
    for (int i = 0; i < items.size(); i++) {
      String where = "archMap[" + i + "]";
      fields.object(items.get(i), where);
      fields.checkFields(items.get(i), ARCH, where);
      result.add(
          new ArchMapping(
              fields.text(items.get(i).get("architecture"), where + ".architecture"),
              fields.strings(items.get(i).get("subArchitectures"), where + ".subArchitectures")));
    }
    return result;
  }

  private String action(JsonNode node, String where) {
    String action = fields.text(node, where);
    if (!SeccompActions.ALL.contains(action)) {
      throw fields.fail(
          where + " '" + action + "' is not a seccomp action",
          "one of " + String.join(", ", SeccompActions.ALL));
    }
    return action;
  }

  private Integer errno(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    long value = fields.unsigned(node, where);
    if (value > 4095) {
      throw fields.fail(where + " " + value + " is out of range", "an errno number 0..4095");
    }
    return (int) value;
  }
}
