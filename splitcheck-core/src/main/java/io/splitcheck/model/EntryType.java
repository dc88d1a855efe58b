package io.splitcheck.model;

/**
 * The type of one entry in an image layer, as the tar header and the overlay whiteout convention
 * say.
 */
public enum EntryType {
  FILE,
  DIRECTORY,
  SYMLINK,
  HARDLINK,
  CHAR_DEVICE,
  BLOCK_DEVICE,
  FIFO,
  /** {@code .wh.NAME}: NAME from lower layers is deleted. The entry's path is NAME's path. */
  WHITEOUT,
  /**
   * {@code .wh..wh..opq}: the directory's lower-layer content is hidden. The entry's path is the
   * directory.
   */
  OPAQUE_WHITEOUT
}
