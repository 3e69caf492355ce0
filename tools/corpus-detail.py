#!/usr/bin/env python3
"""Lists, per gold citation of ../shared/corpus, how grc read it (the same matching as
../shared/tools/corpus-score.py), and the P/S/R001 errors per document. For finding classes
of misreading, not for scoring.

Usage: tools/corpus-detail.py target/release/grc ../shared/corpus [wrong|weak|missed|errors|articles|all]

`articles` compares grc's article count with the lines that are nothing but an article
heading ("Artikel 3", "ARTIKEL IVA", "Artikel 76fbis", "Artikel A 1", "Enig artikel"). The scorer counts
every line that starts like one, which includes sentences ("Artikel 4:76 van de Algemene
wet bestuursrecht is van overeenkomstige toepassing") and misses "ARTIKEL I" or
"Artikel 104A"; this stricter count shows which differences are grc's."""
import json, os, re, subprocess, sys, tempfile, collections, tomllib

grc, d = sys.argv[1], sys.argv[2]
want = sys.argv[3] if len(sys.argv) > 3 else "all"
name2bwb = {}
bwb2name = {}
for a in tomllib.load(open("src/refs/wetten.toml", "rb")).get("act", []):
    for n in a.get("names", []) + [a.get("name", ""), a.get("short", "")]:
        if a.get("bwb"):
            name2bwb[n] = a["bwb"]
            bwb2name.setdefault(a["bwb"], n)
tmp = tempfile.mkdtemp()
for f in sorted(os.listdir(d)):
    if not f.endswith(".txt"):
        continue
    name = f[:-4]
    text = open(os.path.join(d, f), encoding="utf-8").read()
    gp = os.path.join(d, name + ".refs.json")
    gold = json.load(open(gp, encoding="utf-8")) if os.path.exists(gp) else []
    title = next((l for l in text.splitlines() if l.strip()), "regeling").strip().replace(":", " ")
    head = f"---\ntitel: {title}\nciteertitel: {title}\n---\n"
    off = head.count("\n")
    p = os.path.join(tmp, name + ".gr")
    open(p, "w", encoding="utf-8").write(head + text)
    lines = text.splitlines()
    if want == "articles":
        heading = re.compile(
            r"^\s*(?:(?:Artikel|ARTIKEL|Art\.)\s+(?:[0-9IVXLCDM]+[A-Za-z0-9.:]*|[A-Z]\s?\d+[a-z]*)(?:\s+(?:bis|ter|quater))?"
            r"|Enig\s+artikel|ENIG\s+ARTIKEL)\s*$")
        strict = sum(1 for l in lines if heading.match(l))
        t = subprocess.run([grc, "tree", p, "--format", "json"], capture_output=True, text=True)
        count = 0
        def walk(x):
            global count
            if isinstance(x, dict):
                e = x.get("eid")
                if isinstance(e, str) and re.search(r"(^|__)art_[^_]+$", e) and not e.startswith("decision"):
                    count += 1
                for v in x.values():
                    walk(v)
            elif isinstance(x, list):
                for v in x:
                    walk(v)
        walk(json.loads(t.stdout))
        if strict != count:
            print(f"ARTICLES {name}: headings {strict}, grc {count}")
        continue
    if want in ("errors", "all"):
        r = subprocess.run([grc, "check", p, "--format", "json"], capture_output=True, text=True)
        for x in json.loads(r.stdout)["diagnostics"]:
            if x["severity"] == "error" and (x["code"][0] in "PS" or x["code"] == "R001"):
                ln = x.get("line", 0) - off
                src = lines[ln - 1][:160] if 0 < ln <= len(lines) else ""
                print(f"ERR {name}:{ln} {x['code']} {x['message'][:100]} | {src}")
    if want == "errors":
        continue
    rr = subprocess.run([grc, "refs", p, "--format", "json"], capture_output=True, text=True)
    refs = json.loads(rr.stdout)["references"]
    byline = collections.defaultdict(list)
    for x in refs:
        byline[x["line"]].append(x)
    used = set()
    for gl in gold:
        w = gl["text"]
        if not re.search(r"\b(artikel|artikelen|art\.)\s", w, re.I):
            continue
        hit = None
        for i, l in enumerate(lines):
            k = l.find(w)
            while k >= 0:
                if (i, k) not in used:
                    hit = (i, k)
                    break
                k = l.find(w, k + 1)
            if hit:
                break
        if not hit:
            continue
        used.add(hit)
        i, k = hit
        ln = i + 1 + off
        cands = [x for x in byline.get(ln, []) if k + 1 - 2 <= x["column"] - 1 <= k + len(w)]
        if not cands:
            verdict = "missed"
        else:
            kinds = {x["kind"] for x in cands}
            if "external" in kinds:
                ids = {name2bwb.get(x.get("act", ""), "?") for x in cands if x["kind"] == "external"}
                verdict = "ok" if gl["target"] in ids else "weak"
            else:
                verdict = "wrong"
        if want in (verdict, "all"):
            got = "; ".join(f"{x['kind']}:{x.get('act','')}" for x in cands)
            ctx = lines[i][max(0, k - 60): k + len(w) + 80]
            print(f"{verdict.upper()} {name}:{i+1} gold={gl['target']}({bwb2name.get(gl['target'],'?')}) got=[{got}] | {ctx}")
