# scripts/engines/podman.sh — Debian 12's Podman 4.3.1 with crun 1.8.1, its Docker-compatible API
# (`podman system service`) on unix:///run/splitcheck/podman.sock, which docker-java speaks. Sourced by
# scripts/engine.
#
# Its default seccomp profile is containers-common's /usr/share/containers/seccomp.json (defaultErrno
# ENOSYS). Storage is Podman's own (/var/lib/containers/storage); it sees none of the Docker engines'
# images: stream one in with `docker save IMAGE | podman load`.

PODMAN_PACKAGES=(podman crun)
PODMAN_SOCK=$RUN/podman.sock
PODMAN_PID=$RUN/podman.pid
PODMAN_LOG=/var/log/splitcheck-podman.log
PODMAN_CONF=$RUN/podman-containers.conf
# crun, not runc; cgroupfs and file events: there is no systemd to ask on these machines
PODMAN_FLAGS=(--runtime crun --cgroup-manager cgroupfs --events-backend file)

podman_host() { echo "unix://$PODMAN_SOCK"; }

podman_answers() {
  [[ -S $PODMAN_SOCK ]] && timeout 10 curl -fsS --unix-socket "$PODMAN_SOCK" http://d/_ping >/dev/null 2>&1
}

podman_install() {
  apt_install "${PODMAN_PACKAGES[@]}" curl
}

# Rootful Podman asks for RLIMIT_NOFILE 1048576 in every container; without CAP_SYS_RESOURCE (root in a
# sandbox) crun's setrlimit fails with EPERM and nothing starts.
# Its Docker API ignores containers.conf's default_ulimits, so where root lacks the capability
# (CapEff bit 24) crun is called through scripts/engines/podman-crun, which clamps the limits asked for
# to the ones this process has. Elsewhere Podman runs /usr/bin/crun itself.
podman_config() {
  local capeff
  capeff=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
  {
    echo '[engine]'
    echo 'runtime = "crun"'
    if (((16#$capeff >> 24 & 1) == 0)); then
      apt_install jq
      # a copy: the engine outlives the checkout that started it (CI's clone)
      mkdir -p "$OPT/podman"
      install -m 755 "$SCRIPTS/engines/podman-crun" "$OPT/podman/crun"
      echo '[engine.runtimes]'
      echo "crun = [\"$OPT/podman/crun\"]"
    fi
  } >"$PODMAN_CONF"
}

# crun 1.8 refuses cgroup v1 hybrid mode while the cgroup2 hierarchy still has controllers ("cgroups in
# hybrid mode not supported, drop all controllers from cgroupv2"): a controller no v1 hierarchy holds
# (hugetlb on these machines) stays with cgroup2. Mounting a v1 hierarchy for each such controller at
# /sys/fs/cgroup/<name>, as a v1 host normally has, moves it there; runc and the Docker engines then
# use it like the other v1 controllers.
podman_cgroups() {
  local unified=/sys/fs/cgroup/unified c
  [[ -f $unified/cgroup.controllers ]] || return 0
  for c in $(cat "$unified/cgroup.controllers"); do
    mountpoint -q "/sys/fs/cgroup/$c" && continue
    say "mounting the cgroup v1 $c hierarchy (crun refuses hybrid mode with cgroup2 controllers)"
    mkdir -p "/sys/fs/cgroup/$c"
    mount -t cgroup -o "$c" cgroup "/sys/fs/cgroup/$c"
  done
}

podman_start() {
  need_root
  podman_install
  podman_cgroups
  mkdir -p "$RUN" "$(dirname "$PODMAN_LOG")"
  if ! running "$PODMAN_PID"; then
    rm -f "$PODMAN_SOCK"
    podman_config
    say "starting podman system service (log: $PODMAN_LOG)"
    # from /, not the caller's folder: conmon fails every start ("Failed to get working directory")
    # once the folder the service was started in is deleted (a CI worktree)
    (cd / && CONTAINERS_CONF=$PODMAN_CONF exec nohup podman "${PODMAN_FLAGS[@]}" system service --time=0 \
      "unix://$PODMAN_SOCK" >"$PODMAN_LOG" 2>&1) &
    echo $! >"$PODMAN_PID"
  fi
  await "podman system service" "$PODMAN_LOG" podman_answers
}

podman_stop() {
  stop_pid "podman system service" "$PODMAN_PID"
  rm -f "$PODMAN_SOCK"
}

podman_describe() {
  # the headers of GET /_ping: GET /version asks conmon and crun for theirs (seconds on a busy machine)
  curl -fsS -D - -o /dev/null --unix-socket "$PODMAN_SOCK" http://d/_ping | tr -d '\r' | awk -F': ' '
    $1 == "Libpod-Api-Version" {p = $2} $1 == "Api-Version" {a = $2} $1 == "Libpod-Buildah-Version" {b = $2}
    END {printf "server %s (Podman, buildah %s), API %s\n", p, b, a}'
}
