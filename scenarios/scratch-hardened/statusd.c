/* A hardened status service in its one-shot mode: it reads nothing it does not own, writes nothing
 * but stdout, opens no socket, needs no capability and no writable filesystem. It must behave the
 * same in every cell of the matrix: unconfined, runtime-default, cap-drop-all, read-only, no-network
 * and restricted (all at once, like a Kubernetes pod under the restricted policy). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  struct timespec now;
  if (clock_gettime(CLOCK_MONOTONIC, &now) != 0) {
    perror("statusd: clock_gettime");
    return 1;
  }
  printf("statusd: ok (uid %d, pid %d)\n", (int) getuid(), (int) getpid());
  return 0;
}
