package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code context.*}: what the build context sends to the builder and what of it lands in the image.
 */
public final class ContextRules implements AuditRule {
  @Override
  public List<Finding> check(AuditInput in) {
    BuildContext ctx = in.context();
    List<Finding> out = new ArrayList<>();
    if (ctx == null) {
      return out;
    }
    Dockerignore ignore = new Dockerignore(ctx.dockerignore());
    for (BuildContext.ContextFile f : ctx.files()) {
      if (ignore.excluded(f.path())) {
        continue;
      }
      if (f.symlink() && BuildContext.escapes(f)) {
        out.add(
            Finding.of(
                "context.symlink-outside",
                "symlink "
                    + f.path()
                    + " -> "
                    + f.linkTarget()
                    + " points outside the context"
                    + inImage(in.image(), f.path()),
                Evidence.path(f.path())));
      } else if (!f.symlink() && f.size() >= in.config().largeFileBytes()) {
        out.add(
            Finding.of(
                "context.large-file",
                SizeRules.human(f.size())
                    + " "
                    + f.path()
                    + " is sent to the builder; no .dockerignore pattern excludes it"
                    + inImage(in.image(), f.path()),
                Evidence.path(f.path()).withSize(f.size())));
      }
    }
    if (ctx.dockerignore() == null && in.dockerfile() != null) {
      for (Instruction i : in.dockerfile().instructions()) {
        List<String> w = i.words();
        if ((i.is("COPY") || i.is("ADD"))
            && i.flag("from").isEmpty()
            && w.size() >= 2
            && w.subList(0, w.size() - 1).stream().anyMatch(s -> s.equals(".") || s.equals("./"))) {
          out.add(
              Finding.of(
                  "context.copy-all-no-dockerignore",
                  i.keyword()
                      + " "
                      + i.arguments()
                      + " copies the whole context and there is no .dockerignore (.git, .env, build output go in too)",
                  Evidence.line(i.line())));
        }
      }
    }
    return out;
  }

  /** Where the image holds a file of that context path (same path suffix), as a clause, or "". */
  private static String inImage(ImageView img, String contextPath) {
    if (img == null) {
      return "";
    }
    String suffix = "/" + contextPath;
    Optional<ImageFs.Node> hit =
        img.fs().nodes().stream().filter(n -> n.entry().path().endsWith(suffix)).findFirst();
    return hit.map(
            n ->
                "; it is in the image as "
                    + n.entry().path()
                    + " ("
                    + n.entry().type().name().toLowerCase()
                    + (n.entry().linkTarget() != null ? " -> " + n.entry().linkTarget() : "")
                    + ", layer "
                    + n.layer()
                    + ")")
        .orElse("; not found in the image");
  }
}
