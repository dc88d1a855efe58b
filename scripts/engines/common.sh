# scripts/engines/common.sh — helpers shared by the engine kinds; sourced by scripts/engine.
# Layout: downloads cached under /var/cache/splitcheck, unpacked programs under /opt/splitcheck/<kind>,
# state under /var/lib/splitcheck/<kind>, sockets and pid files under /run/splitcheck, logs under
# /var/log/splitcheck-<kind>.log.

CACHE=${SPLITCHECK_ENGINE_CACHE:-/var/cache/splitcheck}
OPT=${SPLITCHECK_ENGINE_OPT:-/opt/splitcheck}
STATE=/var/lib/splitcheck
RUN=/run/splitcheck
WAIT_SECONDS=${SPLITCHECK_ENGINE_WAIT:-60}
# The 20.10 client Debian installs; the newer client first on PATH on some machines has no buildx.
CLIENT=/usr/bin/docker

say() { echo "scripts/engine: $*" >&2; }
die() { say "$*"; exit 1; }

need_root() {
  [[ $(id -u) -eq 0 ]] || die "starting the $KIND engine needs root (sudo scripts/engine --kind $KIND)"
}

# The mirror apt is configured with on this machine, as scripts/base-image finds it.
debian_mirror() {
  apt-cache policy 2>/dev/null | awk 'index($0, " bookworm/main ") {print $2; exit}'
}

# Installs missing Debian 12 packages (the machine's own apt sources).
apt_install() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  need_root
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get"
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # lists fresh enough (the first engine's install updated them moments ago) save an apt-get update
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  }
}

# debs_from_suite SUITE DIR PACKAGE... — downloads the named packages of another Debian suite into
# DIR (kept: a second call finds them there). A sources list, lists folder and cache of its own: the
# machine's apt sources and package cache are never touched.
debs_from_suite() {
  local suite=$1 dir=$2; shift 2
  local p missing=()
  for p in "$@"; do compgen -G "$dir/${p}_*.deb" >/dev/null || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  local mirror apt=$CACHE/apt-$suite
  mirror=$(debian_mirror)
  [[ $mirror == http* ]] || die "apt knows no mirror carrying bookworm/main (apt-get update; apt-cache policy)"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dir"
  echo "deb $mirror $suite main" >"$apt/sources.list"
  local opts=(-q -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
  say "downloading $suite's ${missing[*]}"
  apt-get "${opts[@]}" update >"$apt/update.log" 2>&1 || { tail -n 20 "$apt/update.log" >&2; exit 1; }
  (cd "$dir" && apt-get "${opts[@]}" download "${missing[@]}" >"$apt/download.log" 2>&1) \
    || { tail -n 20 "$apt/download.log" >&2; exit 1; }
}

# unpack_debs DIR PREFIX — dpkg-deb -x of every deb in DIR into PREFIX, again only when DIR changes.
unpack_debs() {
  local dir=$1 prefix=$2 deb debs
  debs=$(cd "$dir" && ls ./*.deb)
  [[ -f $prefix/.unpacked && $(cat "$prefix/.unpacked") == "$debs" ]] && return 0
  rm -rf "$prefix"; mkdir -p "$prefix"
  for deb in "$dir"/*.deb; do dpkg-deb -x "$deb" "$prefix"; done
  echo "$debs" >"$prefix/.unpacked"
}

# running PIDFILE — the process the pid file names is alive.
running() {
  [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid NAME PIDFILE — SIGTERM, wait up to 30 s, then SIGKILL; removes the pid file.
stop_pid() {
  local name=$1 pidfile=$2 pid i
  if ! running "$pidfile"; then rm -f "$pidfile"; say "$name: not running"; return 0; fi
  pid=$(cat "$pidfile")
  kill "$pid"
  for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  say "$name: stopped (pid $pid)"
}

# await NAME LOG CHECK... — runs CHECK once a second until it succeeds (bounded), else prints the log.
await() {
  local name=$1 log=$2 i; shift 2
  for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  say "$name did not answer within ${WAIT_SECONDS}s; last lines of $log:"
  tail -n 20 "$log" >&2
  exit 1
}

# bridge_up NAME ADDRESS/LEN NETWORK/LEN — a bridge of the engine's own, with its own subnet (never --bridge none: dockerd
# would delete docker0, which the first engine needs), and masquerading out of it so builds reach
# Debian's archive. Tagged rules in FORWARD/POSTROUTING only; the first engine's chains are untouched.
bridge_up() {
  local name=$1 cidr=$2 net=$3
  if ! ip link show "$name" >/dev/null 2>&1; then
    ip link add "$name" type bridge
    ip addr add "$cidr" dev "$name"
  fi
  ip link set "$name" up
  iptables -t nat -C POSTROUTING -s "$net" ! -o "$name" -j MASQUERADE -m comment --comment "splitcheck-$name" 2>/dev/null \
    || iptables -t nat -A POSTROUTING -s "$net" ! -o "$name" -j MASQUERADE -m comment --comment "splitcheck-$name"
  iptables -C FORWARD -i "$name" -j ACCEPT -m comment --comment "splitcheck-$name" 2>/dev/null \
    || iptables -I FORWARD -i "$name" -j ACCEPT -m comment --comment "splitcheck-$name"
  iptables -C FORWARD -o "$name" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT -m comment --comment "splitcheck-$name" 2>/dev/null \
    || iptables -I FORWARD -o "$name" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT -m comment --comment "splitcheck-$name"
}

# bridge_down NAME NETWORK/LEN — undoes bridge_up.
bridge_down() {
  local name=$1 net=$2
  iptables -t nat -D POSTROUTING -s "$net" ! -o "$name" -j MASQUERADE -m comment --comment "splitcheck-$name" 2>/dev/null || true
  iptables -D FORWARD -i "$name" -j ACCEPT -m comment --comment "splitcheck-$name" 2>/dev/null || true
  iptables -D FORWARD -o "$name" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT -m comment --comment "splitcheck-$name" 2>/dev/null || true
  ip link delete "$name" 2>/dev/null || true
}
