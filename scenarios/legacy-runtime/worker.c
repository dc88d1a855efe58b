/* A glibc (2.36, Debian bookworm) program that starts one worker thread. glibc >= 2.34 creates
 * threads with clone3 and falls back to clone only when clone3 fails with ENOSYS. Runtimes before
 * Docker 20.10 / libseccomp 2.5 did not know clone3 and denied it with EPERM, so pthread_create fails
 * there; the engine's current default profile answers clone3 with ENOSYS and the fallback works. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *work(void *arg) {
  (void) arg;
  puts("worker: job done");
  return NULL;
}

int main(void) {
  pthread_t thread;
  int rc = pthread_create(&thread, NULL, work, NULL);
  if (rc != 0) {
    fprintf(stderr, "worker: pthread_create failed: %s\n", strerror(rc));
    return 4;
  }
  pthread_join(thread, NULL);
  return 0;
}
