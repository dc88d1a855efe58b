package io.splitcheck.k8s;

/**
 * What one image layer says of one path: it holds the path ({@link Kind#PRESENT}, with its owner
 * and mode), hides it from the layers below ({@link Kind#REMOVED}: a whiteout of the path or of a
 * parent, or an opaque parent), or says nothing of it ({@link Kind#ABSENT}).
 *
 * @param mode permission bits ({@code 0755}), without the file-type bits
 */
public record LayerEntry(Kind kind, long uid, long gid, int mode) {
  public enum Kind {
    PRESENT,
    REMOVED,
    ABSENT
  }

  public static final LayerEntry ABSENT = new LayerEntry(Kind.ABSENT, -1, -1, 0);
  public static final LayerEntry REMOVED = new LayerEntry(Kind.REMOVED, -1, -1, 0);

  public static LayerEntry present(long uid, long gid, int mode) {
    return new LayerEntry(Kind.PRESENT, uid, gid, mode & 07777);
  }

  /** Whether both hold the path with the same owner, group and mode. */
  boolean sameAs(LayerEntry o) {
    return kind == Kind.PRESENT
        && o.kind == Kind.PRESENT
        && uid == o.uid
        && gid == o.gid
        && mode == o.mode;
  }
}
