package io.splitcheck.audit;

/**
 * What the content of one file told the audit while its layer streamed past. Only files with
 * something to say are kept.
 *
 * @param elf the ELF parse, or null when the file is not ELF
 * @param privateKey a {@code -----BEGIN ... PRIVATE KEY-----} block is in the file's first bytes
 * @param sqlite the file starts with {@code SQLite format 3\0}
 * @param text the file's text, kept only for loader configuration ({@code /etc/ld.so.conf*})
 * @param shebang the interpreter path of a {@code #!} script, or null
 */
public record FileFacts(
    ElfParse elf, boolean privateKey, boolean sqlite, String text, String shebang) {
  public FileFacts(ElfParse elf, boolean privateKey, boolean sqlite, String text) {
    this(elf, privateKey, sqlite, text, null);
  }

  public boolean isEmpty() {
    return elf == null && !privateKey && !sqlite && text == null && shebang == null;
  }
}
