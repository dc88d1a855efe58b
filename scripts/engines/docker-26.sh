# scripts/engines/docker-26.sh — Docker 26.1.5 (BuildKit v0.13) with buildx 0.13.1 and containerd 1.7.24,
# next to the first engine. Sourced by scripts/engine.
#
# Debian 13's docker.io, docker-cli, docker-buildx and containerd, downloaded with an apt configuration of their own
# (the machine's apt sources are never changed) and unpacked with dpkg-deb -x under /opt/splitcheck;
# they run on Debian 12. Debian 13's runc needs glibc 2.38, so runc is Debian 12's (installed with
# docker.io): the engine reports runc 1.1.5. Everything of its own: containerd (socket, state, root),
# data root, exec root, pid files, socket, and a bridge with its own subnet (never --bridge none).

D26_SUITE=trixie
D26_PACKAGES=(docker.io docker-cli docker-buildx containerd)
D26_PREFIX=$OPT/docker-26
D26_DEBS=$CACHE/debs/docker-26
D26_ROOT=$STATE/docker-26
D26_EXEC=$RUN/docker-26
D26_SOCK=$RUN/docker-26.sock
D26_PID=$RUN/docker-26.pid
D26_CTR_PID=$RUN/docker-26-containerd.pid
D26_CTR_SOCK=$D26_EXEC/containerd.sock
D26_LOG=/var/log/splitcheck-docker-26.log
D26_CTR_LOG=/var/log/splitcheck-docker-26-containerd.log
D26_BRIDGE=sc-docker26
D26_BRIDGE_IP=10.213.26.1/24
D26_BRIDGE_NET=10.213.26.0/24

docker26_host() { echo "unix://$D26_SOCK"; }

# The buildx the engine's users call: DOCKER_HOST=unix:///run/splitcheck/docker-26.sock <this> build …
docker26_buildx() { echo "$D26_PREFIX/usr/libexec/docker/cli-plugins/docker-buildx"; }

docker26_answers() {
  [[ -S $D26_SOCK && -x $D26_PREFIX/usr/bin/docker ]] && timeout 10 "$D26_PREFIX/usr/bin/docker" -H "unix://$D26_SOCK" version \
    --format '{{.Server.Version}}' >/dev/null 2>&1
}

docker26_install() {
  [[ -x /usr/sbin/runc ]] || apt_install runc
  debs_from_suite "$D26_SUITE" "$D26_DEBS" "${D26_PACKAGES[@]}"
  unpack_debs "$D26_DEBS" "$D26_PREFIX"
  # Debian 13's runc (a dependency, not downloaded) must never be the one found: runc 1.1.5 is
  rm -f "$D26_PREFIX/usr/sbin/runc" "$D26_PREFIX/usr/bin/runc"
}

docker26_containerd_config() {
  cat >"$D26_EXEC/containerd.toml" <<TOML
version = 2
root = "$D26_ROOT/containerd"
state = "$D26_EXEC/containerd-state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$D26_CTR_SOCK"
[ttrpc]
  address = "$D26_CTR_SOCK.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
TOML
}

docker26_daemon_config() {
  # BuildKit keeps a cache record of every --no-cache build (see scripts/dockerd.json). Without the
  # containerd image store buildx's docker driver refuses OCI tarball exports ("Switch to a different
  # driver, or turn on the containerd image store"), and only a tarball export (type=oci, or type=docker
  # with dest=, as splitcheck twice uses) applies rewrite-timestamp to the layers' file times.
  cat >"$D26_EXEC/daemon.json" <<JSON
{
  "builder": {"gc": {"enabled": true, "defaultKeepStorage": "10GB"}},
  "features": {"containerd-snapshotter": true}
}
JSON
}

docker26_start() {
  need_root
  docker26_install
  mkdir -p "$D26_ROOT" "$D26_EXEC" "$(dirname "$D26_LOG")"
  local path=$D26_PREFIX/usr/bin:$D26_PREFIX/usr/sbin:/usr/sbin:/usr/bin:/sbin:/bin
  if ! running "$D26_CTR_PID"; then
    docker26_containerd_config
    say "starting containerd 1.7 for docker-26 (log: $D26_CTR_LOG)"
    PATH=$path nohup "$D26_PREFIX/usr/bin/containerd" --config "$D26_EXEC/containerd.toml" \
      >"$D26_CTR_LOG" 2>&1 &
    echo $! >"$D26_CTR_PID"
    await "containerd (docker-26)" "$D26_CTR_LOG" test -S "$D26_CTR_SOCK"
  fi
  bridge_up "$D26_BRIDGE" "$D26_BRIDGE_IP" "$D26_BRIDGE_NET"
  if running "$D26_PID"; then
    await "dockerd 26" "$D26_LOG" docker26_answers
    return 0
  fi
  docker26_daemon_config
  local had_docker0=false
  ip link show docker0 >/dev/null 2>&1 && had_docker0=true
  say "starting dockerd 26 (log: $D26_LOG)"
  # --iptables=false: on start, dockerd's bridge driver removes and recreates the DOCKER chains, which
  # would drop the first engine's rules; bridge_up masquerades this engine's subnet instead.
  # Never --default-address-pool (nor default-address-pools in daemon.json): a dockerd restarted with
  # one deletes the host's docker0, whatever --bridge says (moby's configureNetworking, "Clear stale
  # bridge network"), and the first engine's containers can no longer start.
  PATH=$path nohup "$D26_PREFIX/usr/sbin/dockerd" --config-file "$D26_EXEC/daemon.json" \
    -H "unix://$D26_SOCK" --containerd "$D26_CTR_SOCK" --data-root "$D26_ROOT/data" \
    --exec-root "$D26_EXEC/exec" --pidfile "$D26_PID" --bridge "$D26_BRIDGE" \
    --iptables=false --ip-masq=false \
    >"$D26_LOG" 2>&1 &
  await "dockerd 26" "$D26_LOG" docker26_answers
  if $had_docker0 && ! ip link show docker0 >/dev/null 2>&1; then
    die "starting dockerd 26 deleted docker0, which the first engine needs; stop it (scripts/engine --kind docker-26 --stop) and see $D26_LOG"
  fi
}

docker26_stop() {
  stop_pid "dockerd 26" "$D26_PID"
  stop_pid "containerd (docker-26)" "$D26_CTR_PID"
  # dockerd bind-mounts its data root onto itself and leaves the mount behind
  umount "$D26_ROOT/data" 2>/dev/null || true
  bridge_down "$D26_BRIDGE" "$D26_BRIDGE_NET"
  rm -f "$D26_SOCK"
}

docker26_describe() {
  "$D26_PREFIX/usr/bin/docker" -H "unix://$D26_SOCK" version \
    --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}'
}
