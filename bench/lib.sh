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

bench_differ() {
  local ctx=$WORK/ctx300
  make_context "$ctx" 300
  save_pair "$ctx"
  local tar_mb; tar_mb=$(( $(stat -c %s "$WORK/a.tar") / 1048576 ))
  read -r sc_s sc_rss sc_rc < <(measure "${SC[@]}" diff "$WORK/a.tar" "$WORK/b.tar" --json "$WORK/sc-diff.json")
  # diffoscope on the two archives as they are (it pairs no layer: their directories are named by ids)
  read -r whole_s whole_rss whole_rc < <(measure diffoscope --no-progress --json "$WORK/do-whole.json" \
      "$WORK/a.tar" "$WORK/b.tar")
  # diffoscope on each pair of differing layer tars (what it needs to name files); times added up
  rm -rf "$WORK/la" "$WORK/lb"
  local do_s=0 do_rss=0 reports=() n=0 s rss rc
  while read -r la lb; do
    n=$((n + 1))
    read -r s rss rc < <(measure timeout "${DIFFOSCOPE_TIMEOUT:-1800}" diffoscope --no-progress \
        --json "$WORK/do-layer$n.json" "$la" "$lb")
    do_s=$(python3 -c "print(round($do_s + $s, 2))")
    (( rss > do_rss )) && do_rss=$rss
    reports+=("$WORK/do-layer$n.json")
  done < <(python3 "$ROOT/bench/layers.py" "$WORK/a.tar" "$WORK/b.tar" "$WORK/la" "$WORK/lb")
  python3 "$ROOT/bench/paths.py" "$WORK/sc-diff.json" "${reports[@]}" > "$WORK/paths.json"
  rm -rf "$WORK/la" "$WORK/lb" "$WORK/a.tar" "$WORK/b.tar"
  # the differ alone on a 1 GB image
  make_context "$WORK/ctx1000" 1000
  save_pair "$WORK/ctx1000"
  read -r g_s g_rss g_rc < <(measure "${SC[@]}" diff "$WORK/a.tar" "$WORK/b.tar")
  rm -f "$WORK/a.tar" "$WORK/b.tar"
  cat > "$OUT/differ.json" <<JSON
{"name": "differ", "tarMegabytes": $tar_mb,
 "splitcheck": {"seconds": $sc_s, "peakRssKiB": $sc_rss, "exit": $sc_rc},
 "diffoscopeWholeArchives": {"seconds": $whole_s, "peakRssKiB": $whole_rss, "exit": $whole_rc},
 "diffoscope": {"seconds": $do_s, "peakRssKiB": $do_rss, "layerPairs": $n},
 "ratio": $(python3 -c "print(round($do_s / max($sc_s, 0.01), 1))"),
 "paths": $(cat "$WORK/paths.json"),
 "oneGigabyte": {"seconds": $g_s, "peakRssKiB": $g_rss, "exit": $g_rc}}
JSON
}

bench_twice() {
  local ctx=$WORK/ctx300
  make_context "$ctx" 300
  local plain_s=0 sc_s rc
  local t0; t0=$(date +%s.%N)
  for side in a b; do
    DOCKER_BUILDKIT=1 $DOCKER build -q --no-cache --progress=plain -t "splitcheck-bench/plain:$side" "$ctx" >/dev/null
  done
  plain_s=$(python3 -c "import time; print(round(time.time() - $t0, 2))")
  $DOCKER rmi -f splitcheck-bench/plain:a splitcheck-bench/plain:b >/dev/null
  read -r sc_s sc_rss rc < <(measure "${SC[@]}" twice "$ctx")
  cat > "$OUT/twice.json" <<JSON
{"name": "twice", "plainSeconds": $plain_s, "splitcheck": {"seconds": $sc_s, "peakRssKiB": $sc_rss, "exit": $rc},
 "ratio": $(python3 -c "print(round($sc_s / max($plain_s, 0.01), 2))")}
JSON
}
bench_matrix() { echo "bench matrix: not yet implemented" >&2; }
bench_trace() { echo "bench trace: not yet implemented" >&2; }
bench_growth() { echo "bench growth: not yet implemented" >&2; }
