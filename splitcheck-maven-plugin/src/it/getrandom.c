/* The incident in one static program: getrandom(2) with no fallback. Exit 0 when it returns bytes;
   "getrandom: <strerror>" on stderr and exit 3 when it fails (EPERM under a profile that denies it). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char buf[16];
  if (syscall(SYS_getrandom, buf, sizeof buf, 0) < 0) {
    fprintf(stderr, "getrandom: %s\n", strerror(errno));
    return 3;
  }
  puts("random bytes read");
  return 0;
}
