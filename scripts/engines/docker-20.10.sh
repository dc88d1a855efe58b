# scripts/engines/docker-20.10.sh — the first engine: Debian 12's docker.io 20.10.24 on
# /var/run/docker.sock (or whatever DOCKER_HOST names). Sourced by scripts/engine.
#
# 1. An engine already answers (DOCKER_HOST or /var/run/docker.sock): print its version, do nothing.
# 2. Root on Debian: install Debian's docker.io and the host tools splitcheck needs, start dockerd in
#    the background (log: /var/log/splitcheck-dockerd.log), wait until it answers (bounded).
# 3. Otherwise: say what to run, exit 1.

D20_LOG=${SPLITCHECK_DOCKERD_LOG:-/var/log/splitcheck-dockerd.log}
# what this script started (--stop stops only that, never an engine someone else started)
D20_PID=$RUN/docker-20.10.pid
HOST_PACKAGES=(docker.io strace bpftrace busybox-static musl-tools gcc libc6-dev debootstrap
               golang-github-docker-docker-dev libseccomp2 file chromium time iproute2 binutils)

docker2010_host() { echo "${DOCKER_HOST:-unix:///var/run/docker.sock}"; }

docker2010_answers() {
  local c=$CLIENT
  [[ -x $c ]] || c=$(command -v docker || true)
  [[ -n $c ]] && timeout 10 "$c" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# The eBPF tracer (splitcheck matrix --tracer ebpf|auto) reads raw_syscalls and sched tracepoints:
# tracefs must be mounted (Debian mounts it only under systemd). Idempotent; a failure only leaves
# --tracer auto on ptrace.
mount_tracefs() {
  [[ -d /sys/kernel/tracing/events/raw_syscalls ]] && return 0
  [[ $(id -u) -eq 0 ]] || { say "tracefs not mounted (as root: mount -t tracefs nodev /sys/kernel/tracing)"; return 0; }
  mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null \
    || say "mounting tracefs failed: the eBPF tracer will not run (--tracer auto uses ptrace)"
}

docker2010_install() {
  mount_tracefs
  local p missing=()
  for p in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    say "missing host packages: ${missing[*]}"
    say "run as root on Debian: apt-get install -y ${missing[*]}"
    exit 1
  fi
  apt_install "${missing[@]}"
}

docker2010_start() {
  docker2010_install
  if docker2010_answers; then return 0; fi
  if [[ -n ${DOCKER_HOST:-} ]]; then
    die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there; unset it to let this script start one"
  fi
  [[ $(id -u) -eq 0 ]] || die "no engine answers and not root: start one (sudo scripts/engine) or set DOCKER_HOST"
  # A stale pid file from a killed dockerd keeps a new one from starting.
  if [[ -f /var/run/docker.pid ]] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  if ! pgrep -x dockerd >/dev/null; then
    say "starting dockerd (log: $D20_LOG)"
    mkdir -p "$(dirname "$D20_LOG")" "$RUN"
    # BuildKit keeps a cache record of every --no-cache build, and twice builds everything twice: the
    # engine started here collects its build cache above 10 GB (scripts/dockerd.json). A daemon.json
    # of the machine's own is left in charge.
    local config=()
    [[ -f /etc/docker/daemon.json ]] || config=(--config-file "$SCRIPTS/dockerd.json")
    nohup /usr/sbin/dockerd "${config[@]}" >"$D20_LOG" 2>&1 &
    echo $! >"$D20_PID"
  fi
  await dockerd "$D20_LOG" docker2010_answers
}

docker2010_stop() {
  if [[ ! -f $D20_PID ]]; then
    say "docker-20.10: not started by scripts/engine; left running"
    return 0
  fi
  stop_pid "dockerd 20.10" "$D20_PID"
}

docker2010_describe() {
  $CLIENT version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}'
}
