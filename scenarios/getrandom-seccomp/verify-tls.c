/* The "static" TLS verifier of the incident: it needs 32 random bytes for a handshake nonce and
 * gets them from getrandom(2). Built with musl-gcc -static. Unconfined (a laptop) it works; under a
 * production seccomp profile that answers getrandom with EPERM it fails, because neither musl nor this
 * program falls back to /dev/urandom on EPERM (libraries only fall back on ENOSYS). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

int main(void) {
  unsigned char nonce[32];
  ssize_t n = getrandom(nonce, sizeof nonce, 0);
  if (n != (ssize_t) sizeof nonce) {
    fprintf(stderr, "verify-tls: getrandom failed: %s\n", strerror(errno));
    return 3;
  }
  printf("verify-tls: handshake nonce ready (%zd bytes)\n", n);
  return 0;
}
