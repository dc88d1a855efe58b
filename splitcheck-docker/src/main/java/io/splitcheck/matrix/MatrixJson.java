package io.splitcheck.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitcheck.engine.CappedOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The {@code --json} document: fields in a fixed order, cells in plan order. */
public final class MatrixJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private MatrixJson() {}

  public static void write(MatrixReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, toJson(report));
  }

  public static ObjectNode toJson(MatrixReport report) {
    MatrixRun run = report.run();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("image", run.image());
    root.put("imageId", run.imageId());
    root.put("baseline", run.baseline());
    ArrayNode cells = root.putArray("cells");
    for (CellResult c : run.cells()) {
      cells.add(cell(c, report.failedSyscalls().getOrDefault(c.config(), List.of())));
    }
    ArrayNode splits = root.putArray("splits");
    report.splits().forEach(s -> splits.add(split(s)));
    ArrayNode warnings = root.putArray("warnings");
    report.warnings().forEach(warnings::add);
    return root;
  }

  private static ObjectNode cell(CellResult c, List<FailedSyscallCount> failed) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("config", c.config());
    n.put("exitCode", c.outcome().exitCode());
    n.put("timedOut", c.outcome().timedOut());
    n.put("oomKilled", c.outcome().oomKilled());
    n.put("wallMillis", c.wallMillis());
    ArrayNode fs = n.putArray("failedSyscalls");
    for (FailedSyscallCount f : failed) {
      fs.addObject().put("name", f.name()).put("errno", f.errno()).put("count", f.count());
    }
    output(n, "stdout", c.stdout());
    output(n, "stderr", c.stderr());
    if (c.startError() != null) {
      n.put("startError", c.startError());
    }
    n.put("traced", c.traced() && c.trace().traceable());
    n.put("traceable", !c.traced() || c.trace().traceable());
    if (c.traced() && c.trace().note() != null) {
      n.put("traceNote", c.trace().note());
    }
    if (c.engine() != null) {
      ObjectNode e = n.putObject("engine");
      e.put("host", c.engine().host());
      e.put("version", c.engine().version());
      e.put("seccompDefault", c.engine().seccompDefault());
      e.put("seccompProfile", c.engine().seccompProfile());
    }
    return n;
  }

  private static void output(ObjectNode n, String name, CappedOutput o) {
    n.put(name, o.text());
    if (o.truncated()) {
      n.put(name + "Truncated", true);
      n.put(name + "Bytes", o.totalBytes());
    }
  }

  private static ObjectNode process(io.splitcheck.trace.ProcessInfo p) {
    ObjectNode n = MAPPER.createObjectNode().put("pid", p.pid());
    if (p.executable() != null) {
      n.put("executable", p.executable());
    }
    if (p.argv0() != null) {
      n.put("argv0", p.argv0());
    }
    return n;
  }

  private static ObjectNode split(SplitExplanation s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("config", s.config());
    n.put("baseline", s.baseline());
    n.put("summary", s.summaryLine());
    ArrayNode culprits = n.putArray("culprits");
    for (SplitExplanation.Culprit c : s.culprits()) {
      ObjectNode cn = culprits.addObject().put("syscall", c.syscall()).put("errno", c.errno())
          .put("cause", c.cause());
      if (c.hazard() != null) {
        cn.put("hazard", c.hazard());
      }
      if (c.detail() != null) {
        cn.put("detail", c.detail());
      }
      cn.put("role", c.role());
      if (c.roleReason() != null) {
        cn.put("roleReason", c.roleReason());
      }
      if (c.path() != null) {
        cn.put("path", c.path());
      }
      if (c.process() != null) {
        cn.set("process", process(c.process()));
        ArrayNode ancestry = cn.putArray("ancestry");
        c.ancestry().forEach(a -> ancestry.add(process(a)));
      }
    }
    if (s.excerpt() != null) {
      n.put("excerpt", s.excerpt());
    }
    if (s.note() != null) {
      n.put("note", s.note());
    }
    return n;
  }
}
