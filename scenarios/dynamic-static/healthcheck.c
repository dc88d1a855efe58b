/* A health-check binary its team believed static ("it's C, it has no dependencies"). The build line
 * lacks -static, so the ELF has PT_INTERP /lib64/ld-linux-x86-64.so.2 and DT_NEEDED libc.so.6, and
 * in a FROM scratch image the kernel cannot even start it: exec fails with ENOENT for the loader. */
#include <stdio.h>

int main(void) {
  puts("healthcheck: ok");
  return 0;
}
