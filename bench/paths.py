"""Compare the paths whose content differs per splitcheck's differ and per diffoscope's JSON reports.

diffoscope reports a member whose bytes differ as a detail named by the member; metadata-only changes
appear only in its "file list" diff, so content paths are compared, the fair common ground.
"""
import json
import sys

sc = json.load(open(sys.argv[1]))
sc_content = sorted({d["path"] for d in sc.get("differences", []) if "content" in d["kinds"]})
found = set()
for report in sys.argv[2:]:
    try:
        do = json.load(open(report))
    except (OSError, ValueError):
        continue
    for child in do.get("details", []) or []:
        s1 = child.get("source1", "")
        if s1 and s1 != "file list":
            found.add("/" + s1.lstrip("./"))
do_paths = sorted(found)
print(json.dumps({"splitcheckContent": sc_content, "diffoscopeContent": do_paths,
                  "sameContentPaths": sc_content == do_paths}))
