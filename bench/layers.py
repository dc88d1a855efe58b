"""Extract the layer tars of two `docker save` archives that differ, pairwise, for diffoscope.

docker save names layer directories by per-image ids, so diffoscope run on the two archives pairs no
layer with its counterpart; given the layers themselves it does. Prints one "a.tar b.tar" line per pair.
"""
import hashlib
import json
import os
import sys
import tarfile


def layers(path, out):
    os.makedirs(out, exist_ok=True)
    with tarfile.open(path) as t:
        manifest = json.load(t.extractfile("manifest.json"))[0]
        result = []
        for i, name in enumerate(manifest["Layers"]):
            dest = os.path.join(out, f"{i}.tar")
            h = hashlib.sha256()
            with t.extractfile(name) as src, open(dest, "wb") as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    h.update(chunk)
                    dst.write(chunk)
            result.append((dest, h.hexdigest()))
        return result


a = layers(sys.argv[1], sys.argv[3])
b = layers(sys.argv[2], sys.argv[4])
for (pa, ha), (pb, hb) in zip(a, b):
    if ha != hb:
        print(pa, pb)
    else:
        os.remove(pa)
        os.remove(pb)
