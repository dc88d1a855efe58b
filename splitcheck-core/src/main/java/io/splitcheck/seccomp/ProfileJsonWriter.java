package io.splitcheck.seccomp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitcheck.json.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Writes a profile in a fixed field order, two-space indented, one array element per line, trailing
 * newline.
 */
final class ProfileJsonWriter {

  private static final ObjectMapper MAPPER = Json.mapper();

  private ProfileJsonWriter() {}

  static String write(SeccompProfile profile) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("defaultAction", profile.defaultAction());
    if (profile.defaultErrnoRet() != null) {
      root.put("defaultErrnoRet", profile.defaultErrnoRet());
    }
    if (profile.extras().defaultErrno() != null) {
      root.put("defaultErrno", profile.extras().defaultErrno());
    }
    if (!profile.architectures().isEmpty()) {
      strings(root.putArray("architectures"), profile.architectures());
    }
    if (!profile.archMap().isEmpty()) {
      ArrayNode archMap = root.putArray("archMap");
      for (ArchMapping a : profile.archMap()) {
        ObjectNode entry = archMap.addObject();
        entry.put("architecture", a.architecture());
        strings(entry.putArray("subArchitectures"), a.subArchitectures());
      }
    }
    if (!profile.flags().isEmpty()) {
      strings(root.putArray("flags"), profile.flags());
    }
    if (profile.extras().listenerPath() != null) {
      root.put("listenerPath", profile.extras().listenerPath());
    }
    if (profile.extras().listenerMetadata() != null) {
      root.put("listenerMetadata", profile.extras().listenerMetadata());
    }
    ArrayNode syscalls = root.putArray("syscalls");
    profile.rules().forEach(rule -> rule(syscalls.addObject(), rule));
    try {
      // profiles keep the layout of the engines' own default.json (empty arrays as []), the
      // input format of runc and crun, not the report form
      return MAPPER.writer(new CompactEmptyPrinter()).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize seccomp profile", e);
    }
  }

  /**
   * Two-space indentation, {@code "key": value}, and {@code []}/{@code {}} for empty containers.
   */
  private static final class CompactEmptyPrinter extends DefaultPrettyPrinter {

    CompactEmptyPrinter() {
      super(
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new CompactEmptyPrinter();
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      --_nesting;
      if (nrOfValues > 0) {
        _arrayIndenter.writeIndentation(g, _nesting);
      }
      g.writeRaw(']');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      --_nesting;
      if (nrOfEntries > 0) {
        _objectIndenter.writeIndentation(g, _nesting);
      }
      g.writeRaw('}');
    }
  }

  private static void rule(ObjectNode node, SyscallRule rule) {
    strings(node.putArray("names"), rule.names());
    node.put("action", rule.action());
    if (rule.errnoRet() != null) {
      node.put("errnoRet", rule.errnoRet());
    }
    if (rule.errno() != null) {
      node.put("errno", rule.errno());
    }
    ArrayNode args = node.putArray("args");
    for (ArgFilter arg : rule.args()) {
      ObjectNode a = args.addObject();
      a.put("index", arg.index());
      a.put("value", unsigned(arg.value()));
      if (arg.valueTwo() != 0) {
        a.put("valueTwo", unsigned(arg.valueTwo()));
      }
      a.put("op", arg.op());
    }
    node.put("comment", rule.comment());
    filter(node.putObject("includes"), rule.includes());
    filter(node.putObject("excludes"), rule.excludes());
  }

  private static void filter(ObjectNode node, RuleFilter filter) {
    if (!filter.caps().isEmpty()) {
      strings(node.putArray("caps"), filter.caps());
    }
    if (!filter.arches().isEmpty()) {
      strings(node.putArray("arches"), filter.arches());
    }
    if (filter.minKernel() != null) {
      node.put("minKernel", filter.minKernel());
    }
  }

  private static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  private static void strings(ArrayNode node, List<String> values) {
    values.forEach(node::add);
  }
}
