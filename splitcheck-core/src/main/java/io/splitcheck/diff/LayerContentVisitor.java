package io.splitcheck.diff;

import io.splitcheck.model.FileEntry;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sees each regular file's bytes while its layer streams past. The layer index is not known yet
 * (the manifest comes last in a saved image), so files are named by their layer's key; {@link
 * SavedImage} maps keys to indexes at the end. The visitor may read as little of {@code content} as
 * it needs and must not close it. The entry passed has no sha256 yet (it is computed over the whole
 * content after).
 */
@FunctionalInterface
public interface LayerContentVisitor {
  LayerContentVisitor NONE = (layerKey, entry, content) -> {};

  void visitFile(String layerKey, FileEntry entry, InputStream content) throws IOException;
}
