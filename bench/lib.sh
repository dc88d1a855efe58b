# Benchmarks sourced by bench/run. Each writes $OUT/<name>.json.

# seconds and peak RSS (KiB) of a command: prints "SECONDS RSS EXIT"
measure() {
  local log=$WORK/time.$$ rc=0
  /usr/bin/time -f '%e %M' -o "$log" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
  echo "$(tail -n1 "$log") $rc"
}

# A context of about SIZE_MB in 100 KiB files (fixed content from a seed, so both builds copy the same
# bytes) plus one RUN that stamps the time: two builds differ in /stamp and some mtimes only.
make_context() {
  local dir=$1 size_mb=$2
  [[ -f $dir/.size-$size_mb ]] && return 0
  rm -rf "$dir"; mkdir -p "$dir/data"
  python3 - "$dir/data" "$size_mb" <<'PY'
import os, random, sys
d, mb = sys.argv[1], int(sys.argv[2])
r = random.Random(42)
for i in range(mb * 10):
    with open(os.path.join(d, f"f{i:05d}"), "wb") as f:
        f.write(r.randbytes(100 * 1024))
PY
  printf 'FROM splitcheck/debian:bookworm\nCOPY data /data\nRUN date +%%s%%N > /stamp\n' > "$dir/Dockerfile"
  touch "$dir/.size-$size_mb"
}

save_pair() { # context a.tar b.tar
  local ctx=$1
  for side in a b; do
    DOCKER_BUILDKIT=1 $DOCKER build -q --no-cache -t "splitcheck-bench/pair:$side" "$ctx" >/dev/null
    $DOCKER save -o "$WORK/$side.tar" "splitcheck-bench/pair:$side"
  done
  $DOCKER rmi -f splitcheck-bench/pair:a splitcheck-bench/pair:b >/dev/null
}

# splitcheck diff and diffoscope on the same differing layer pairs, interleaved pair by pair
# (BENCH_DIFFER_PAIRS, default 5); diffoscope's time is the sum over the differing layer pairs.
bench_differ() {
  local ctx=$WORK/ctx300 pairs=${BENCH_DIFFER_PAIRS:-5}
  make_context "$ctx" 300
  save_pair "$ctx"
  local tar_mb; tar_mb=$(( $(stat -c %s "$WORK/a.tar") / 1048576 ))
  rm -rf "$WORK/la" "$WORK/lb"
  local layer_pairs=() la lb
  while read -r la lb; do layer_pairs+=("$la $lb"); done \
    < <(python3 "$ROOT/bench/layers.py" "$WORK/a.tar" "$WORK/b.tar" "$WORK/la" "$WORK/lb")
  local runs=() rsss=() dos=() ratios=() do_rss=0 reports=() s1 r1 sc_rc r n s rss rc load_start
  # one untimed diff first: the first run of a command after a build dumps its class-data archive
  # (scripts/splitcheck), which no later run pays; both tools then read files the page cache holds
  "${SC[@]}" diff "$WORK/a.tar" "$WORK/b.tar" >/dev/null 2>&1 || true
  load_start=$(load1)
  for ((r = 0; r < pairs; r++)); do
    read -r s1 r1 sc_rc < <(measure "${SC[@]}" diff "$WORK/a.tar" "$WORK/b.tar" --json "$WORK/sc-diff.json")
    runs+=("$s1"); rsss+=("$r1")
    local do_s=0; n=0; reports=()
    for p in "${layer_pairs[@]}"; do
      n=$((n + 1)); read -r la lb <<< "$p"
      read -r s rss rc < <(measure timeout "${DIFFOSCOPE_TIMEOUT:-1800}" diffoscope --no-progress \
          --json "$WORK/do-layer$n.json" "$la" "$lb")
      do_s=$(python3 -c "print(round($do_s + $s, 2))")
      (( rss > do_rss )) && do_rss=$rss
      reports+=("$WORK/do-layer$n.json")
    done
    dos+=("$do_s")
    ratios+=("$(python3 -c "print(round($do_s / max($s1, 0.01), 2))")")
  done
  local sc_s sc_rss rs; sc_s=$(median "${runs[@]}"); sc_rss=$(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)
  read -r -a rs <<< "$(spread "${ratios[@]}")"
  # diffoscope on the two archives as they are (it pairs no layer: their directories are named by ids), once
  read -r whole_s whole_rss whole_rc < <(measure diffoscope --no-progress --json "$WORK/do-whole.json" \
      "$WORK/a.tar" "$WORK/b.tar")
  python3 "$ROOT/bench/paths.py" "$WORK/sc-diff.json" "${reports[@]}" > "$WORK/paths.json"
  rm -rf "$WORK/la" "$WORK/lb" "$WORK/a.tar" "$WORK/b.tar"
  # the differ alone on a large image (issue 14: peak RSS <= 256 MB at 1.5 GB), its own -Xmx as users run it
  local big=${BENCH_DIFFER_LARGE_MB:-1500} g_s g_rss g_rc big_tar
  make_context "$WORK/ctx$big" "$big"
  save_pair "$WORK/ctx$big"
  big_tar=$(( $(stat -c %s "$WORK/a.tar") / 1048576 ))
  read -r g_s g_rss g_rc < <(measure "${SC[@]}" diff "$WORK/a.tar" "$WORK/b.tar")
  rm -f "$WORK/a.tar" "$WORK/b.tar"
  cat > "$OUT/differ.json" <<JSON
{"name": "differ", "tarMegabytes": $tar_mb, "pairs": $pairs, "loadAverage": {"start": $load_start, "end": $(load1)},
 "splitcheck": {"seconds": $sc_s, "peakRssKiB": $sc_rss, "exit": $sc_rc, "runs": [$(IFS=,; echo "${runs[*]}")]},
 "diffoscopeWholeArchives": {"seconds": $whole_s, "peakRssKiB": $whole_rss, "exit": $whole_rc},
 "diffoscope": {"seconds": $(median "${dos[@]}"), "peakRssKiB": $do_rss, "layerPairs": $n, "runs": [$(IFS=,; echo "${dos[*]}")]},
 "ratio": ${rs[0]}, "ratioMin": ${rs[1]}, "ratioMax": ${rs[2]},
 "paths": $(cat "$WORK/paths.json"),
 "large": {"contextMegabytes": $big, "tarMegabytes": $big_tar, "seconds": $g_s, "peakRssKiB": $g_rss, "exit": $g_rc}}
JSON
}

# twice: bench/twice.sh (interleaved pairs, issue 19)
source "$(dirname "${BASH_SOURCE[0]}")/twice.sh"

# ---- matrix, trace, growth -------------------------------------------------------------------------

# Wall seconds of a command (output to $WORK/last.*); prints "SECONDS EXIT".
wall() {
  local t0 rc=0
  t0=$(date +%s%N)
  "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
  echo "$(( ($(date +%s%N) - t0) / 1000000 ))e-3 $rc" | awk '{printf "%.3f %s\n", $1, $2}'
}

median() { python3 -c 'import statistics,sys; print(round(statistics.median(map(float, sys.argv[1:])), 3))' "$@"; }

# The bench images: a FROM scratch static C binary, and a Debian shell script. Tag prefix splitcheck-bench/.
bench_images() {
  local d=$WORK/img
  mkdir -p "$d/static" "$d/debian"
  [[ -x $d/static/hello ]] || {
    printf '#include <unistd.h>\nint main(void){ write(1, "hello\\n", 6); return 0; }\n' > "$d/static/hello.c"
    gcc -static -O2 -o "$d/static/hello" "$d/static/hello.c"
  }
  printf 'FROM scratch\nCOPY hello /hello\nCMD ["/hello"]\n' > "$d/static/Dockerfile"
  printf 'FROM splitcheck/debian:bookworm\nCMD ["/bin/sh", "-c", "echo hello; ls / >/dev/null"]\n' \
    > "$d/debian/Dockerfile"
  DOCKER_BUILDKIT=1 $DOCKER build -q -t splitcheck-bench/static:1 "$d/static" >/dev/null
  DOCKER_BUILDKIT=1 $DOCKER build -q -t splitcheck-bench/debian:1 "$d/debian" >/dev/null
}

# The six built-in cells as `docker run` options, exactly as run/BuiltInCells sets them.
CELL_OPTS=("--security-opt seccomp=unconfined" "" "--cap-drop ALL" "--read-only" "--network none"
           "--cap-drop ALL --read-only --tmpfs /tmp:rw,nosuid,nodev,size=64m --network none --security-opt no-new-privileges")

docker_loop() { # IMAGE: the six cells one after another, as a user's shell loop would
  local o
  for o in "${CELL_OPTS[@]}"; do
    # shellcheck disable=SC2086
    $DOCKER run --rm $o "$1" || true
  done
}

# "strip" the times of a matrix JSON: what --jobs 1 and --jobs N must agree on
strip_times() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["cells"]:
    c.pop("wallMillis", None)
print(json.dumps(d, sort_keys=True))' "$1"
}

# the 1-minute load average (other sessions build on the same two cores; it says how loaded the run was)
load1() { cut -d' ' -f1 /proc/loadavg; }

# "median min max" of the numbers given
spread() { python3 -c 'import statistics,sys; v=sorted(map(float, sys.argv[1:])); print(round(statistics.median(v), 3), v[0], v[-1])' "$@"; }

# Each round: splitcheck as users run it (scripts/splitcheck, its checks cached), the docker run loop,
# the bare launch (no scripts/splitcheck checks), and one plain `docker run --rm` (how slow the engine
# is in this round). Ratios are taken pair by pair (the users' command over the loop of the same round).
bench_matrix() {
  bench_images
  local rounds=${BENCH_PAIRS:-${BENCH_ROUNDS:-5}} jvm=() img name load_start load_end
  (( rounds >= 5 )) || rounds=5
  for _ in 1 2 3; do jvm+=("$(wall "${SC[@]}" --version | cut -d' ' -f1)"); done
  local parts=() user=("$ROOT/scripts/splitcheck")
  load_start=$(load1)
  for img in splitcheck-bench/static:1 splitcheck-bench/debian:1; do
    local sc=() loop=() bare=() one=() ratios=() s rc
    "${user[@]}" matrix --trace never "$img" >/dev/null || true   # warm the image's layers and the check cache
    for ((r = 0; r < rounds; r++)); do   # interleaved: noise hits both sides alike
      read -r s rc < <(wall "${user[@]}" matrix --trace never "$img"); sc+=("$s")
      read -r s rc < <(wall docker_loop "$img"); loop+=("$s")
      ratios+=("$(python3 -c "print(round(${sc[-1]} / ${loop[-1]}, 3))")")
      read -r s rc < <(wall "${SC[@]}" matrix --trace never "$img"); bare+=("$s")
      read -r s rc < <(wall $DOCKER run --rm "$img"); one+=("$s")
    done
    "${SC[@]}" matrix --trace never --jobs 1 "$img" --json "$WORK/jobs1.json" >/dev/null || true
    "${SC[@]}" matrix --trace never --jobs 6 "$img" --json "$WORK/jobs6.json" >/dev/null || true
    local same=false
    if [[ "$(strip_times "$WORK/jobs1.json")" == "$(strip_times "$WORK/jobs6.json")" ]]; then same=true
    else cp "$WORK/jobs1.json" "$WORK/matrix-jobs1-${img//[\/:]/-}.json"; cp "$WORK/jobs6.json" "$WORK/matrix-jobs6-${img//[\/:]/-}.json"; fi
    # where splitcheck's time goes: ms after JVM start at which each phase ended (one more run)
    SPLITCHECK_TIMINGS=1 "${SC[@]}" matrix --trace never "$img" >/dev/null 2>"$WORK/timings.err" || true
    local phases; phases=$(python3 -c '
import json, sys
t = dict((f[1], int(f[2])) for f in (l.split() for l in open(sys.argv[1]) if l.startswith("timing: "))
         if len(f) == 3 and f[2].isdigit())  # phases only: not the per-call or note lines
print(json.dumps({"jvmToMainMs": t.get("main"), "jvmAndPicocliMs": t.get("command"), "enginesReadyMs": t.get("engines"),
                  "cellsAndCleanupDoneMs": t.get("cells"), "reportedMs": t.get("reported")}))' "$WORK/timings.err")
    local msc mloop rs bs os_
    msc=$(median "${sc[@]}"); mloop=$(median "${loop[@]}")
    read -r -a rs <<< "$(spread "${ratios[@]}")"
    read -r -a bs <<< "$(spread "${bare[@]}")"
    read -r -a os_ <<< "$(spread "${one[@]}")"
    parts+=("{\"image\": \"$img\", \"splitcheckSeconds\": $msc, \"loopSeconds\": $mloop,
      \"ratio\": ${rs[0]}, \"ratioMin\": ${rs[1]}, \"ratioMax\": ${rs[2]},
      \"bareLaunchSeconds\": ${bs[0]}, \"bareLaunchRatio\": $(python3 -c "print(round(${bs[0]} / $mloop, 2))"),
      \"oneDockerRunSeconds\": ${os_[0]}, \"oneDockerRunMin\": ${os_[1]}, \"oneDockerRunMax\": ${os_[2]},
      \"jobs1EqualsJobs6ExceptTimes\": $same,
      \"phases\": $phases, \"splitcheckRuns\": [$(IFS=,; echo "${sc[*]}")], \"loopRuns\": [$(IFS=,; echo "${loop[*]}")],
      \"pairRatios\": [$(IFS=,; echo "${ratios[*]}")], \"bareRuns\": [$(IFS=,; echo "${bare[*]}")], \"oneDockerRunRuns\": [$(IFS=,; echo "${one[*]}")]}")
  done
  load_end=$(load1)
  local worst; worst=$(python3 -c "import json,sys; print(max(json.loads(a)['ratio'] for a in sys.argv[1:]))" "${parts[@]}")
  cat > "$OUT/matrix.json" <<JSON
{"name": "matrix", "rounds": $rounds, "jvmStartSeconds": $(median "${jvm[@]}"),
 "loadAverage": {"start": $load_start, "end": $load_end},
 "images": [$(IFS=,; echo "${parts[*]}")],
 "ratio": $worst,
 "notes": "six built-in cells: scripts/splitcheck matrix --trace never (what users run, its engine check cached; default --jobs) vs a shell loop of docker run --rm with the same options, interleaved pair by pair; ratio = median of the pairs' ratios (min-max over the pairs); bare launch = SPLITCHECK_LAUNCH_ONLY=1; one docker run --rm of the same image in each round says how slow the engine was; splitcheck includes its JVM start (jvmStartSeconds = splitcheck --version)"}
JSON
}

# FROM scratch images of small static C programs: NAME and C source on stdin
static_image() {
  local name=$1 d=$WORK/img/$1
  mkdir -p "$d"
  cat > "$d/main.c"
  [[ $d/prog -nt $d/main.c ]] || gcc -static -O2 -o "$d/prog" "$d/main.c"
  printf 'FROM scratch\nCOPY prog /prog\nCMD ["/prog"]\n' > "$d/Dockerfile"
  DOCKER_BUILDKIT=1 $DOCKER build -q -t "splitcheck-bench/$name:1" "$d" >/dev/null
}

trace_images() {
  static_image heavy <<'C'
#include <sys/stat.h>
#include <unistd.h>
int main(void) {  /* 200k syscalls: 100k getpid, 100k stat */
  struct stat st;
  for (int i = 0; i < 100000; i++) { getpid(); stat("/", &st); }
  write(1, "done\n", 5);
  return 0;
}
C
  static_image writer <<'C'
#include <fcntl.h>
#include <unistd.h>
int main(void) {  /* fails only where the root is read-only */
  int fd = open("/written", O_CREAT | O_WRONLY, 0644);
  if (fd < 0) { write(2, "open /written failed\n", 21); return 1; }
  write(1, "ok\n", 3);
  return 0;
}
C
}

bench_trace() {
  trace_images
  local rounds=${BENCH_ROUNDS:-3} parts=() img mode s rc
  for img in splitcheck-bench/static:1 splitcheck-bench/heavy:1; do
    local never=() always=()
    for ((r = 0; r < rounds; r++)); do
      read -r s rc < <(wall "${SC[@]}" matrix --config unconfined --trace never "$img"); never+=("$s")
      read -r s rc < <(wall "${SC[@]}" matrix --config unconfined --trace always "$img"); always+=("$s")
    done
    local mn ma; mn=$(median "${never[@]}"); ma=$(median "${always[@]}")
    parts+=("{\"image\": \"$img\", \"untracedSeconds\": $mn, \"tracedSeconds\": $ma,
      \"ratio\": $(python3 -c "print(round($ma / $mn, 2))")}")
  done
  # what strace itself costs on this machine, without containers or splitcheck: the heavy program on the host
  local host_plain host_strace
  read -r host_plain rc < <(wall "$WORK/img/heavy/prog")
  read -r host_strace rc < <(wall strace -f -qq -o /dev/null "$WORK/img/heavy/prog")
  # --trace auto traces the baseline and the one split cell; always traces all five
  local cells="unconfined runtime-default cap-drop-all read-only no-network" auto=() all=() cfg=() c
  for c in $cells; do cfg+=(--config "$c"); done
  for ((r = 0; r < rounds; r++)); do
    read -r s rc < <(wall "${SC[@]}" matrix "${cfg[@]}" --trace auto splitcheck-bench/writer:1); auto+=("$s")
    read -r s rc < <(wall "${SC[@]}" matrix "${cfg[@]}" --trace always splitcheck-bench/writer:1); all+=("$s")
  done
  "${SC[@]}" matrix "${cfg[@]}" --trace auto splitcheck-bench/writer:1 --json "$WORK/auto.json" >/dev/null || true
  local split; split=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps({'splits': [s['config'] for s in d['splits']], 'traced': [c['config'] for c in d['cells'] if c['traced']], 'culprits': [c['syscall'] + ' ' + c['errno'] for s in d['splits'] for c in s['culprits']]}))" "$WORK/auto.json")
  local ma mx; ma=$(median "${auto[@]}"); mx=$(median "${all[@]}")
  cat > "$OUT/trace.json" <<JSON
{"name": "trace", "rounds": $rounds, "workloads": [$(IFS=,; echo "${parts[*]}")],
 "ratio": $(python3 -c "import json,sys; print(max(json.loads(a)['ratio'] for a in sys.argv[1:]))" "${parts[@]}"),
 "hostHeavy": {"plainSeconds": $host_plain, "straceSeconds": $host_strace},
 "autoVsAlways": {"cells": "$cells", "image": "splitcheck-bench/writer:1", "autoSeconds": $ma, "alwaysSeconds": $mx,
   "ratio": $(python3 -c "print(round($ma / $mx, 2))"), "auto": $split},
 "notes": "one cell (unconfined) untraced (--trace never) vs traced (--trace always: the untraced verdict run plus the traced re-run, whole command wall time); static: a FROM scratch hello (tens of syscalls); heavy: 100k getpid + 100k stat. autoVsAlways: five cells, one split (read-only): auto traces the baseline and the split only"}
JSON
}

bench_growth() {
  bench_images
  local n i s rc points=()
  for i in $(seq 1 16); do   # 16 distinct FROM scratch images: the same program, a different message
    static_image "grow$i" <<C
#include <unistd.h>
int main(void) { write(1, "image $i\\n", sizeof("image $i\\n") - 1); return 0; }
C
  done
  for n in 1 4 16; do
    local reps=1 rep t0 runs=()
    [[ $n -eq 1 ]] && reps=3   # one image: the median of three, as noisy as one run of it would be
    for ((rep = 0; rep < reps; rep++)); do
      t0=$(date +%s%N)
      for i in $(seq 1 "$n"); do "${SC[@]}" matrix --trace never "splitcheck-bench/grow$i:1" >/dev/null || true; done
      runs+=("$(python3 -c "print(round(($(date +%s%N) - $t0) / 1e9, 3))")")
    done
    s=$(median "${runs[@]}")
    points+=("{\"images\": $n, \"cells\": $((n * 6)), \"seconds\": $s, \"secondsPerImage\": $(python3 -c "print(round($s / $n, 3))")}")
  done
  local sizes=() mb big=1000   # the largest: bench_differ's large image when it ran (1.5 GB by default)
  [[ -f $OUT/differ.json ]] && big=$(python3 -c "
import json, sys
print(json.load(open(sys.argv[1])).get('large', {}).get('contextMegabytes', 1000))" "$OUT/differ.json")
  for mb in 100 300 "$big"; do
    local from_differ=""
    if [[ -f $OUT/differ.json && $mb -ne 100 ]]; then   # measured by bench_differ in this run
      from_differ=$(python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
b = d['splitcheck'] if int(sys.argv[2]) == 300 else d.get('large', d.get('oneGigabyte'))
print(b['seconds'], b['peakRssKiB'], b.get('exit', 0))" "$OUT/differ.json" "$mb")
    fi
    local g_s g_rss g_rc tar_mb
    if [[ -n $from_differ ]]; then
      read -r g_s g_rss g_rc <<< "$from_differ"; tar_mb=null
    else
      make_context "$WORK/ctx$mb" "$mb"
      save_pair "$WORK/ctx$mb"
      tar_mb=$(( $(stat -c %s "$WORK/a.tar") / 1048576 ))
      read -r g_s g_rss g_rc < <(measure "${SC[@]}" diff "$WORK/a.tar" "$WORK/b.tar")
      rm -f "$WORK/a.tar" "$WORK/b.tar"
    fi
    sizes+=("{\"contextMegabytes\": $mb, \"tarMegabytes\": $tar_mb, \"seconds\": $g_s, \"peakRssKiB\": $g_rss, \"exit\": $g_rc, \"secondsPerGigabyte\": $(python3 -c "print(round($g_s / $mb * 1000, 2))")}")
  done
  local note; note=$(python3 - "[$(IFS=,; echo "${points[*]}")]" "[$(IFS=,; echo "${sizes[*]}")]" <<'PY'
import json, sys
m, d = json.loads(sys.argv[1]), json.loads(sys.argv[2])
per = [p["secondsPerImage"] for p in m]
gb = [x["secondsPerGigabyte"] for x in d]
fixed = (d[-1]["seconds"] - d[0]["seconds"]) / (d[-1]["contextMegabytes"] - d[0]["contextMegabytes"]) * 1000
icpt = d[0]["seconds"] - fixed * d[0]["contextMegabytes"] / 1000
lin = abs(per[-1] / per[0] - 1) < 0.25
print(f"matrix: {per[0]} s per image alone, {per[1]} s each for 4, {per[-1]} s each for 16 "
      f"({round(per[-1] / per[0], 2)}x of the single image): "
      + ("linear: one JVM and one matrix per image, nothing shared between images. " if lin else
         "not linear: images run one after another, each with its own JVM and nothing shared, so the "
         "extra per image comes from the engine and the machine (96 containers created and removed in a "
         "row; other sessions' load on the 2 shared cores), not from splitcheck's own work, which is the "
         "same per image. ")
      + 
      f"differ: {gb[0]} s/GB at 100 MB, {gb[-1]} s/GB at 1 GB; a line through 100 MB and 1 GB gives "
      f"{round(icpt, 2)} s fixed + {round(fixed, 2)} s/GB: the fixed part (JVM start, both archives' "
      f"indexes, manifests and configs) dominates small images, so time per GB falls with size; the "
      f"per-byte part (both differing layers read side by side, equal files compared, not hashed) is linear.")
PY
)
  cat > "$OUT/growth.json" <<JSON
{"name": "growth", "matrix": [$(IFS=,; echo "${points[*]}")],
 "differ": [$(IFS=,; echo "${sizes[*]}")],
 "growthNote": $(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$note"),
 "notes": "matrix: N distinct FROM scratch images (a static program printing its number), one splitcheck matrix --trace never per image, one after another (one JVM start each); differ: splitcheck diff of two docker-saved builds of a make_context context (300 MB and 1 GB figures from bench_differ in the same run)"}
JSON
}

# ---- growth of the nightly: one `run` over N scenarios vs N separate commands ------------------------

# N scenario directories under $WORK/scen-N: the growI programs (static_image), each with a matrix check
growth_scenarios() {
  local n=$1 dir=$WORK/scen-$1 i
  rm -rf "$dir"; mkdir -p "$dir"
  for i in $(seq 1 "$n"); do
    mkdir -p "$dir/grow$i"
    cp "$WORK/img/grow$i/prog" "$WORK/img/grow$i/Dockerfile" "$dir/grow$i/"
    printf 'checks:\n  matrix: {trace: never}\n' > "$dir/grow$i/scenario.yaml"
  done
  echo "$dir"
}

# what a user does without `run`: per scenario, build the image (cached) and run `splitcheck matrix` on it
separate_commands() {
  local n=$1 i
  for i in $(seq 1 "$n"); do
    DOCKER_BUILDKIT=1 $DOCKER build -q -t "splitcheck-bench/grow$i:1" "$WORK/scen-$n/grow$i" >/dev/null
    "$ROOT/scripts/splitcheck" matrix --trace never "splitcheck-bench/grow$i:1" >/dev/null || true
  done
}

# `run` over 1, 4, 16 (BENCH_GROWTH_SIZES) scenarios with a matrix each, interleaved with the separate
# commands, BENCH_GROWTH_PAIRS pairs per size (default 5); sizes above 16 (64 takes ~10 min a pair)
# BENCH_GROWTH_LARGE_PAIRS (default 1)
bench_growth_run() {
  local sizes=(${BENCH_GROWTH_SIZES:-1 4 16}) pairs=${BENCH_GROWTH_PAIRS:-5} n i s rc points=() max=1
  local large_pairs=${BENCH_GROWTH_LARGE_PAIRS:-1} np
  for n in "${sizes[@]}"; do (( n > max )) && max=$n; done
  for i in $(seq 1 "$max"); do
    static_image "grow$i" <<C
#include <unistd.h>
int main(void) { write(1, "image $i\\n", sizeof("image $i\\n") - 1); return 0; }
C
  done
  # one `run` before measuring: its first run after a build dumps the command's class-data archive
  "$ROOT/scripts/splitcheck" run "$(growth_scenarios 1)" --quiet --report "$WORK/run-report" >/dev/null 2>&1 || true
  local load_start; load_start=$(load1)
  for n in "${sizes[@]}"; do
    local dir runs=() seps=() ratios=() r rs
    dir=$(growth_scenarios "$n")
    np=$pairs; (( n > 16 )) && np=$large_pairs
    for ((r = 0; r < np; r++)); do
      read -r s rc < <(wall "$ROOT/scripts/splitcheck" run "$dir" --quiet --report "$WORK/run-report"); runs+=("$s")
      [[ $rc -le 1 ]] || { cat "$WORK/last.err" >&2; }
      read -r s rc < <(wall separate_commands "$n"); seps+=("$s")
      ratios+=("$(python3 -c "print(round(${runs[-1]} / ${seps[-1]}, 3))")")
    done
    read -r -a rs <<< "$(spread "${ratios[@]}")"
    points+=("{\"scenarios\": $n, \"cells\": $((n * 6)), \"pairs\": $np, \"runSeconds\": $(median "${runs[@]}"),
      \"separateSeconds\": $(median "${seps[@]}"), \"ratio\": ${rs[0]}, \"ratioMin\": ${rs[1]}, \"ratioMax\": ${rs[2]},
      \"runSecondsPerScenario\": $(python3 -c "print(round($(median "${runs[@]}") / $n, 3))"),
      \"runRuns\": [$(IFS=,; echo "${runs[*]}")], \"separateRuns\": [$(IFS=,; echo "${seps[*]}")]}")
  done
  cat > "$OUT/growth-run.json" <<JSON
{"name": "growth-run", "pairs": $pairs, "loadAverage": {"start": $load_start, "end": $(load1)},
 "points": [$(IFS=,; echo "${points[*]}")],
 "notes": "splitcheck run over N scenarios (a FROM scratch program each, checks: matrix, trace never; one JVM, one engine connection) vs per scenario a cached docker build and a separate scripts/splitcheck matrix; interleaved pair by pair; ratio = median of the pairs' ratios (min-max)"}
JSON
}

# The eBPF tracer kept across CLI runs (`splitcheck tracer start`) against the untraced matrix and against
# eBPF without it (one bpftrace start per CLI run). Per round, in a rotated order: --trace never, eBPF through
# the daemon, eBPF with the run's own bpftrace (SPLITCHECK_EBPF_DAEMON=off); then one plain `docker run --rm`.
# Cases: the six built-in cells on each bench image (--trace always: every cell's trace kept) and a matrix
# with one split (unconfined + read-only on the writer image, --trace auto). Ratios pair by pair.
bench_tracer_daemon() {
  bench_images; trace_images
  local rounds=${BENCH_PAIRS:-5} state=$WORK/tracer-daemon parts=() load_start one=() s rc t0 start_s
  (( rounds >= 5 )) || rounds=5
  "${SC[@]}" tracer --state-dir "$state" stop >/dev/null 2>&1 || true
  t0=$(date +%s%N)
  "${SC[@]}" tracer --state-dir "$state" start --idle 30m >&2
  start_s=$(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.3f", n / 1e9}')
  load_start=$(load1)
  local cases=("six static splitcheck-bench/static:1 --trace always"
               "six debian splitcheck-bench/debian:1 --trace always"
               "split writer splitcheck-bench/writer:1 --config unconfined --config read-only --trace auto")
  for c in "${cases[@]}"; do
    local -a f; read -r -a f <<< "$c"
    local img=${f[2]} opts=("${f[@]:3}") never=() daemon=() own=() dr=() or=() r k m
    local -a never_opts=("${opts[@]}"); never_opts[${#never_opts[@]}-1]=never
    "${SC[@]}" matrix "$img" "${never_opts[@]}" >/dev/null 2>&1 || true   # warm the image's layers
    for ((r = 0; r < rounds; r++)); do
      for ((k = 0; k < 3; k++)); do
        m=$(( (r + k) % 3 ))
        case $m in
          0) read -r s rc < <(wall "${SC[@]}" matrix "$img" "${never_opts[@]}"); never+=("$s") ;;
          1) read -r s rc < <(wall env SPLITCHECK_EBPF_DAEMON="$state" "${SC[@]}" matrix "$img" --tracer ebpf "${opts[@]}")
             daemon+=("$s"); grep -q 'traced' "$WORK/last.out" || echo "tracer-daemon: no traced cell: $(tail -3 "$WORK/last.err")" >&2 ;;
          2) read -r s rc < <(wall env SPLITCHECK_EBPF_DAEMON=off "${SC[@]}" matrix "$img" --tracer ebpf "${opts[@]}"); own+=("$s") ;;
        esac
      done
      dr+=("$(python3 -c "print(round(${daemon[-1]} / ${never[-1]}, 3))")")
      or+=("$(python3 -c "print(round(${own[-1]} / ${never[-1]}, 3))")")
      read -r s rc < <(wall $DOCKER run --rm "$img"); one+=("$s")
    done
    local dn od; read -r -a dn <<< "$(spread "${dr[@]}")"; read -r -a od <<< "$(spread "${or[@]}")"
    parts+=("{\"case\": \"${f[0]}\", \"image\": \"$img\", \"options\": \"${opts[*]}\",
      \"neverSeconds\": $(median "${never[@]}"), \"daemonSeconds\": $(median "${daemon[@]}"), \"ownSeconds\": $(median "${own[@]}"),
      \"daemonRatio\": ${dn[0]}, \"daemonRatioMin\": ${dn[1]}, \"daemonRatioMax\": ${dn[2]},
      \"ownRatio\": ${od[0]}, \"ownRatioMin\": ${od[1]}, \"ownRatioMax\": ${od[2]},
      \"neverRuns\": [$(IFS=,; echo "${never[*]}")], \"daemonRuns\": [$(IFS=,; echo "${daemon[*]}")], \"ownRuns\": [$(IFS=,; echo "${own[*]}")]}")
  done
  local status; status=$("${SC[@]}" tracer --state-dir "$state" status || true)
  "${SC[@]}" tracer --state-dir "$state" stop >&2 || true
  local os_; read -r -a os_ <<< "$(spread "${one[@]}")"
  cat > "$OUT/tracer-daemon.json" <<JSON
{"name": "tracer-daemon", "rounds": $rounds, "loadAverage": {"start": $load_start, "end": $(load1)},
 "daemonStartSeconds": $start_s, "oneDockerRunSeconds": ${os_[0]}, "oneDockerRunMin": ${os_[1]}, "oneDockerRunMax": ${os_[2]},
 "daemonStatusAtEnd": "$(echo "$status" | sed 's/"/\\"/g')",
 "cases": [$(IFS=,; echo "${parts[*]}")],
 "notes": "splitcheck matrix --tracer ebpf through the tracer daemon (splitcheck tracer start, once before the rounds) and with the run's own bpftrace (SPLITCHECK_EBPF_DAEMON=off) vs --trace never, interleaved per round in a rotated order; ratio = median of the rounds' ratios (min-max); whole CLI wall time (SPLITCHECK_LAUNCH_ONLY launch)"}
JSON
}
