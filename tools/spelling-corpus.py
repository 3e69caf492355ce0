#!/usr/bin/env python3
"""Counts the spelling warnings (L006) of `grc check --spelling` on the published texts of
a corpus folder (../shared/corpus: consolidated national texts, proofread by the state), and
prints them per 20 KB of text: the spelling check may give at most one per 20 KB on
average there (issue 18). Each .txt is given the metadata header the other corpus tools
give it (title = its first line), in a temporary folder; the corpus is not changed.

Usage: tools/spelling-corpus.py target/release/grc ../shared/corpus [--words]

--words also lists every unknown word with its count, most frequent first (for finding
classes of false alarm)."""
import collections, json, os, subprocess, sys, tempfile

grc, d = sys.argv[1], sys.argv[2]
show_words = "--words" in sys.argv[3:]
tmp = tempfile.mkdtemp()
paths, size = [], 0
for f in sorted(os.listdir(d)):
    if not f.endswith(".txt"):
        continue
    raw = open(os.path.join(d, f), "rb").read()
    size += len(raw)
    text = raw.decode("utf-8")
    title = next((l for l in text.splitlines() if l.strip()), "regeling").strip().replace(":", " ")
    p = os.path.join(tmp, f[:-4] + ".gr")
    open(p, "w", encoding="utf-8").write(f"---\ntitel: {title}\nciteertitel: {title}\n---\n" + text)
    paths.append(p)
out = subprocess.run([grc, "check", "--spelling", "--format", "json", *paths],
                     capture_output=True, text=True)
if out.returncode not in (0, 1):
    sys.exit(f"grc failed ({out.returncode}): {out.stderr[:2000]}")
diags = [x for x in json.loads(out.stdout)["diagnostics"] if x["code"] == "L006"]
per_doc = collections.Counter(os.path.basename(x["file"]) for x in diags)
print(f"documents: {len(paths)}, bytes: {size}, L006: {len(diags)}, "
      f"per 20 KB: {len(diags) / (size / 20480):.3f}, "
      f"documents with any: {len(per_doc)}")
if show_words:
    words = collections.Counter(x["message"].split('"')[1] for x in diags)
    for w, n in words.most_common():
        print(f"{n}\t{w}")
