"""Render reports/bench/*.json as the markdown table the README quotes."""
import json
import os
import sys

out = sys.argv[1]


def large(b):
    """The differ alone on the large image (older runs: "oneGigabyte", a 1 GB context)."""
    g = b.get("large") or dict(b["oneGigabyte"], contextMegabytes=1000)
    tar = f", {g['tarMegabytes']} MB tars" if g.get("tarMegabytes") else ""
    return (f"{g['contextMegabytes']} MB context{tar}: {g['seconds']} s, {g['peakRssKiB'] // 1024} MB RSS"
            + (f", exit {g['exit']}" if g.get("exit", 0) > 1 else ""))

rows = []
for name in sorted(os.listdir(out)):
    if not name.endswith(".json"):
        continue
    b = json.load(open(os.path.join(out, name)))
    rows.append(b)
print("| benchmark | splitcheck | alternative | ratio | notes |")
print("|---|---|---|---|---|")
for b in rows:
    n = b["name"]
    if n == "differ":
        p = b["paths"]
        print(f"| differ vs diffoscope ({b['tarMegabytes']} MB tars) | {b['splitcheck']['seconds']} s, "
              f"{b['splitcheck']['peakRssKiB'] // 1024} MB RSS | {b['diffoscope']['seconds']} s, "
              f"{b['diffoscope']['peakRssKiB'] // 1024} MB RSS over {b['diffoscope']['layerPairs']} differing layer pair(s) | "
              f"{b['ratio']}x faster" + (f" ({b['ratioMin']}-{b['ratioMax']})" if 'ratioMin' in b else "")
              + f" | " + (f"median of {b['pairs']} interleaved pairs; load average {b['loadAverage']['start']} -> "
                          f"{b['loadAverage']['end']}; " if 'pairs' in b else "")
              + f"same content paths: {p['sameContentPaths']}; " + large(b) + " |")
    elif n == "twice":
        for c in b["cases"]:
            print(f"| twice vs two `docker build --no-cache`, {c['name']} | {c['splitcheck']['median']} s "
                  f"({c['splitcheck']['min']}-{c['splitcheck']['max']}) | {c['plain']['median']} s "
                  f"({c['plain']['min']}-{c['plain']['max']}) | {c['ratio']}x | median of {c['pairs']} interleaved "
                  f"pairs, pair ratios {c['pairRatios']['min']}-{c['pairRatios']['max']}; one `docker run --rm`: "
                  f"{c['dockerRunRm']['median']} s; load average {c['loadAverageBefore']} -> {c['loadAverageAfter']}"
                  + ("" if c.get("valid", True) else f"; INVALID: twice exits {c['splitcheckExits']}") + " |")
    elif n == "matrix":
        la = b.get("loadAverage", {})
        for i in b["images"]:
            if "ratioMin" not in i:   # a report from before pairs and spreads were recorded
                print(f"| matrix, 6 built-in cells, `{i['image']}` | {i['splitcheckSeconds']} s | "
                      f"{i['loopSeconds']} s (`docker run --rm` loop) | {i['ratio']}x | median of {b['rounds']} rounds |")
                continue
            print(f"| matrix, 6 built-in cells, `{i['image']}` | {i['splitcheckSeconds']} s | "
                  f"{i['loopSeconds']} s (`docker run --rm` loop) | {i['ratio']}x ({i['ratioMin']}-{i['ratioMax']}) | "
                  f"median of {b['rounds']} interleaved pairs (min-max of the pairs' ratios); one `docker run --rm`: "
                  f"{i['oneDockerRunSeconds']} s ({i['oneDockerRunMin']}-{i['oneDockerRunMax']}); bare launch "
                  f"(`SPLITCHECK_LAUNCH_ONLY=1`): {i['bareLaunchSeconds']} s, {i['bareLaunchRatio']}x; load average "
                  f"{la.get('start')} -> {la.get('end')}; --jobs 1 and --jobs 6 identical except times: "
                  f"{str(i['jobs1EqualsJobs6ExceptTimes']).lower()}; JVM start (`--version`): {b['jvmStartSeconds']} s |")
    elif n == "trace":
        for w in b["workloads"]:
            h = b.get("hostHeavy", {})
            ref = (f"; `strace -f` of the same program on the host, no container: {h.get('straceSeconds')} s "
                   f"(untraced {h.get('plainSeconds')} s)") if "heavy" in w["image"] and h else ""
            print(f"| tracing cost, one cell, `{w['image']}` | {w['tracedSeconds']} s traced | "
                  f"{w['untracedSeconds']} s untraced | {w['ratio']}x | whole command: verdict run + traced re-run{ref} |")
        a = b["autoVsAlways"]
        print(f"| `--trace auto` vs `always`, 5 cells, 1 split | {a['autoSeconds']} s | {a['alwaysSeconds']} s | "
              f"{a['ratio']}x | auto traced {', '.join(a['auto']['traced'])}; culprit: "
              f"{', '.join(a['auto']['culprits'])} |")
    elif n == "growth":
        pts = ", ".join(f"{p['images']} image(s): {p['seconds']} s" for p in b["matrix"])
        per = [p["secondsPerImage"] for p in b["matrix"]]
        print(f"| growth: matrix x images | {pts} | | {round(per[-1] / per[0], 2)}x per image, 16 vs 1 | "
              f"one `splitcheck matrix` per image |")
        pts = ", ".join(f"{d['contextMegabytes']} MB: {d['seconds']} s, {d['peakRssKiB'] // 1024} MB RSS" for d in b["differ"])
        print(f"| growth: differ x context size | {pts} | | | {b.get('growthNote', '')} |")
    elif n == "growth-run":
        la = b.get("loadAverage", {})
        for p in b["points"]:
            print(f"| growth: `run` over {p['scenarios']} scenario(s), a matrix each | {p['runSeconds']} s | "
                  f"{p['separateSeconds']} s ({p['scenarios']} x cached `docker build` + `splitcheck matrix`) | "
                  f"{p['ratio']}x ({p['ratioMin']}-{p['ratioMax']}) | {p.get('pairs', b['pairs'])} interleaved pair(s); "
                  f"{p['runSecondsPerScenario']} s per scenario; load average {la.get('start')} -> {la.get('end')} |")
    elif n == "tracer-daemon":
        la = b.get("loadAverage", {})
        for c in b["cases"]:
            what = (f"matrix, 6 built-in cells, `{c['image']}`, eBPF on every cell" if c["case"] == "six"
                    else f"matrix with one split, `{c['image']}` (unconfined + read-only)")
            print(f"| {what}: tracer daemon | {c['daemonSeconds']} s | {c['neverSeconds']} s untraced | "
                  f"{c['daemonRatio']}x ({c['daemonRatioMin']}-{c['daemonRatioMax']}) | without the daemon "
                  f"(own bpftrace): {c['ownSeconds']} s, {c['ownRatio']}x ({c['ownRatioMin']}-{c['ownRatioMax']}); "
                  f"median of {b['rounds']} interleaved rounds; one `docker run --rm`: {b['oneDockerRunSeconds']} s "
                  f"({b['oneDockerRunMin']}-{b['oneDockerRunMax']}); daemon start {b['daemonStartSeconds']} s; "
                  f"load average {la.get('start')} -> {la.get('end')} |")
    else:
        print(f"| {n} | {b.get('splitcheck', '')} | {b.get('alternative', '')} | {b.get('ratio', '')} | "
              f"{b.get('notes', '')} |")
