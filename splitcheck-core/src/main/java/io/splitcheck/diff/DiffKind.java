package io.splitcheck.diff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What about an entry differs between two builds. */
public enum DiffKind {
  ADDED,
  REMOVED,
  TYPE,
  CONTENT,
  LINK,
  MODE,
  OWNER,
  XATTRS,
  MTIME,
  ORDER;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Kinds that mean the filesystem's bytes or shape differ, not only its metadata. */
  public boolean isContent() {
    return this == ADDED || this == REMOVED || this == TYPE || this == CONTENT || this == LINK;
  }

  /** The id, as every report writes it. */
  @Override
  public String toString() {
    return id();
  }
}
