"""Render reports/bench/*.json as the markdown table the README quotes."""
import json
import os
import sys

out = sys.argv[1]
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
              f"{b['ratio']}x faster | same content paths: {p['sameContentPaths']}; 1 GB image: "
              f"{b['oneGigabyte']['seconds']} s, {b['oneGigabyte']['peakRssKiB'] // 1024} MB RSS |")
    elif n == "twice":
        print(f"| twice vs two `docker build --no-cache` | {b['splitcheck']['seconds']} s | "
              f"{b['plainSeconds']} s | {b['ratio']}x | includes saving and diffing both images |")
    else:
        print(f"| {n} | {b.get('splitcheck', '')} | {b.get('alternative', '')} | {b.get('ratio', '')} | "
              f"{b.get('notes', '')} |")
