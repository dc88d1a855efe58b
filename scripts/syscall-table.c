/* Regenerates splitcheck-core/src/main/resources/io/splitcheck/seccomp/syscalls-libseccomp-*.txt:
 * gcc -o /tmp/syscall-table scripts/syscall-table.c -lseccomp && /tmp/syscall-table x86_64 x86 x32 aarch64 arm
 * (then prefix SCMP_ARCH_ and upper-case the first column, as the file header says). */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  for (int a = 1; a < argc; a++) {
    uint32_t arch = seccomp_arch_resolve_name(argv[a]);
    int base = 0;
    if (arch == SCMP_ARCH_X32) base = 0x40000000;
    for (int i = 0; i < 1100 + 32; i++) { int nr = i < 1100 ? i : 0xf0000 + (i - 1100);
      char *n = seccomp_syscall_resolve_num_arch(arch, base + nr);
      if (n) { printf("%s %s %d\n", argv[a], n, base + nr); free(n); }
    }
  }
}
