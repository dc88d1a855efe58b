# bench/twice.sh — `splitcheck twice` vs two plain `docker build --no-cache` (issue 19), sourced by bench/lib.sh.
# Interleaved pairs (A = the two plain builds one after the other, B = splitcheck twice), at least 5
# (BENCH_TWICE_PAIRS), median and spread of each side, and in every pair the wall time of one plain
# `docker run --rm` of a FROM scratch binary, so a reader can tell a fast engine from a slow one. The
# load average of the machine is recorded before and after: other sessions build on the same cores.
# BENCH_TWICE_BASELINE=DIR (a checkout whose splitcheck-cli/target/splitcheck.jar is built, e.g. main's
# in a worktree under /tmp) adds a third side to every pair: that checkout's twice, run the same way, so a
# change is measured before and after in one interleaved run.

# "a b c" -> {"median": m, "min": x, "max": y}
twice_stats() {
  python3 -c 'import json,statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(json.dumps({"median": round(statistics.median(v), 3), "min": min(v), "max": max(v)}))' "$@"
}

# seconds between two date +%s%N
twice_secs() { python3 -c "print(round(($2 - $1) / 1e9, 3))"; }

# One case: CONTEXT NAME; prints a JSON object.
twice_pairs() {
  local ctx=$1 name=$2 pairs=${BENCH_TWICE_PAIRS:-5} plain=() sc=() run=() rmi=() ratios=() phases=() exits=()
  local base=${BENCH_TWICE_BASELINE:-} old=() oldRatios=() oldExits=() plainFailed=()
  local t0 t1 side p s rc load0 load1
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  # warm: the base image's layers and the CLI's class data archive (the first run after a build dumps it)
  "${SC[@]}" twice "$ctx" >/dev/null 2>&1 || true
  [[ -n $base ]] && { env SPLITCHECK_LAUNCH_ONLY=1 "$base/scripts/splitcheck" twice "$ctx" >/dev/null 2>&1 || true; }
  for ((p = 0; p < pairs; p++)); do
    t0=$(date +%s%N)
    for side in a b; do
      # a plain build that fails (the apt mirror's DNS under load) makes the pair's ratio meaningless
      DOCKER_BUILDKIT=1 $DOCKER build -q --no-cache -t "splitcheck-bench/twice-plain:$side" "$ctx" >/dev/null 2>"$WORK/plain.err" \
        || { plainFailed+=("$p"); cp "$WORK/plain.err" "$WORK/plain-failed-$p-$side.err"; }
    done
    t1=$(date +%s%N); plain+=("$(twice_secs "$t0" "$t1")")
    t0=$(date +%s%N)
    $DOCKER rmi -f splitcheck-bench/twice-plain:a splitcheck-bench/twice-plain:b >/dev/null
    rmi+=("$(twice_secs "$t0" "$(date +%s%N)")")
    if [[ -n $base ]]; then
      t0=$(date +%s%N); rc=0
      env SPLITCHECK_LAUNCH_ONLY=1 "$base/scripts/splitcheck" twice "$ctx" >/dev/null 2>&1 || rc=$?
      s=$(twice_secs "$t0" "$(date +%s%N)"); old+=("$s"); oldExits+=("$rc")
      oldRatios+=("$(python3 -c "print(round($s / ${plain[-1]}, 3))")")
    fi
    t0=$(date +%s%N)
    rc=0
    SPLITCHECK_TIMINGS=1 "${SC[@]}" twice "$ctx" >"$WORK/twice.out" 2>"$WORK/twice.err" || rc=$?
    t1=$(date +%s%N); s=$(twice_secs "$t0" "$t1"); sc+=("$s"); exits+=("$rc")
    # exit 2 is an error (a failed build: the apt mirror under load), not a comparison: keep its log
    [[ $rc -ge 2 ]] && cp "$WORK/twice.err" "$WORK/twice-failed-$p.err"
    ratios+=("$(python3 -c "print(round($s / ${plain[-1]}, 3))")")
    phases+=("$(python3 - "$WORK/twice.err" "$WORK/twice.out" "$s" <<'PY'
import json, re, sys
t = {}
for l in open(sys.argv[1]):
    f = l.split()
    if l.startswith("timing: ") and len(f) == 3 and f[2].isdigit():  # phases only, not per-call lines
        t[f[1]] = int(f[2])
built = [float(x) for x in re.findall(r"built in ([0-9.]+) s", open(sys.argv[2]).read())]
total = float(sys.argv[3])
g = lambda a, b: round((t[b] - t[a]) / 1000, 3) if a in t and b in t else None
print(json.dumps({"jvmToMain": round(t.get("main", 0) / 1000, 3), "mainToCommand": g("main", "command"),
                  "mainToCall": g("main", "call"), "firstBuildStartedAfterMain": g("main", "first-build-started"),
                  "connect": g("command", "engine"), "beforeFirstBuild": g("engine", "probe"),
                  "buildsAsTwiceTimedThem": round(sum(built), 3), "compare": g("built-second", "compared"),
                  "remove": g("compared", "removed"), "report": g("removed", "written"),
                  "afterWrittenToExit": round(total - t["written"] / 1000, 3) if "written" in t else None}))
PY
)")
    read -r s rc < <(wall $DOCKER run --rm splitcheck-bench/static:1); run+=("$s")
  done
  load1=$(cut -d' ' -f1-3 /proc/loadavg)
  local mp ms; mp=$(median "${plain[@]}"); ms=$(median "${sc[@]}")
  cat <<JSON
{"name": "$name", "pairs": $pairs, "loadAverageBefore": "$load0", "loadAverageAfter": "$load1",
 "plain": $(twice_stats "${plain[@]}"), "plainRuns": [$(IFS=,; echo "${plain[*]}")],
 "plainRmiOfBoth": $(twice_stats "${rmi[@]}"),
 "splitcheck": $(twice_stats "${sc[@]}"), "splitcheckRuns": [$(IFS=,; echo "${sc[*]}")],
 "splitcheckExits": [$(IFS=,; echo "${exits[*]}")], "plainFailedInPairs": [$(IFS=,; echo "${plainFailed[*]}")],
 "valid": $(python3 -c "import sys; print('false' if any(int(x) >= 2 for x in sys.argv[2:]) or sys.argv[1] else 'true')" "${plainFailed[*]}" "${exits[@]}"),
 "ratio": $(python3 -c "print(round($ms / $mp, 3))"), "pairRatios": $(twice_stats "${ratios[@]}"),
 "overheadSeconds": $(python3 -c "print(round($ms - $mp, 3))"),
 "dockerRunRm": $(twice_stats "${run[@]}"),
 "baseline": $(if [[ -n $base ]]; then echo "{\"checkout\": \"$base\", \"commit\": \"$(git -C "$base" rev-parse --short HEAD)\", \"runs\": [$(IFS=,; echo "${old[*]}")], \"exits\": [$(IFS=,; echo "${oldExits[*]}")], \"seconds\": $(twice_stats "${old[@]}"), \"ratio\": $(python3 -c "print(round($(median "${old[@]}") / $mp, 3))"), \"pairRatios\": $(twice_stats "${oldRatios[@]}")}"; else echo null; fi),
 "phases": [$(IFS=,; echo "${phases[*]}")]}
JSON
}

bench_twice() {
  bench_images
  local ctx=$WORK/ctx150
  make_context "$ctx" 150
  # a real apt build (about 15 s on an idle engine): scenarios/nondeterministic-build
  local apt=$ROOT/scenarios/nondeterministic-build
  local a b
  a=$(twice_pairs "$ctx" "150 MB context (COPY) and a one-line RUN")
  b=$(twice_pairs "$apt" "scenarios/nondeterministic-build: apt-get update and install on splitcheck/debian:bookworm")
  cat > "$OUT/twice.json" <<JSON
{"name": "twice", "cases": [$a, $b],
 "ratio": $(python3 -c "import json,sys; print(max(json.loads(x)['ratio'] for x in sys.argv[1:]))" "$a" "$b"),
 "notes": "A = two DOCKER_BUILDKIT=1 docker build --no-cache one after the other (their rmi timed apart), B = splitcheck twice (builds, compare from the overlay2 store, removal of its images, report) including its JVM start; interleaved A B pairs; ratio = median(B) / median(A); dockerRunRm = one docker run --rm of a FROM scratch binary in each pair"}
JSON
}
