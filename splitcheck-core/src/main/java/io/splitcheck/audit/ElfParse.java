package io.splitcheck.audit;

/**
 * The outcome of reading one file as ELF: the info, or the reason it could not be read (truncated,
 * corrupt, too large). Never both.
 */
public record ElfParse(ElfInfo info, String error) {
  public static ElfParse ok(ElfInfo info) {
    return new ElfParse(info, null);
  }

  public static ElfParse failed(String error) {
    return new ElfParse(null, error);
  }

  public boolean ok() {
    return info != null;
  }
}
