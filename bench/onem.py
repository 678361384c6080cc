#!/usr/bin/env python3
"""1M articles of JSON lines: `search index` with each binary given, then
tantivy-cli `-t 2` over the same records, one after the other (BENCHMARKS.md,
"Allocator and document building").

The 1M articles are ten hard links of compare.py's 100k `corpus.jsonl` (0 bytes
more; ids repeat across the ten, keys do not); tantivy-cli reads them from one
concatenated file (1 GB, kept under the work folder for the next run).

    python3 bench/compare.py --articles 100000 --skip-queries --no-search   # the 100k corpus
    python3 bench/onem.py target/search-main target/release/search [--rounds N]
"""
import os, shutil, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402

args = sys.argv[1:]
rounds = 1
if args[:1] == ["--rounds"]:
    rounds, args = int(args[1]), args[2:]
if not args:
    sys.exit(__doc__)
work = compare.ROOT / "target" / "bench-work"
src = work / "corpus-100000" / "corpus.jsonl"
if not src.exists():
    sys.exit(f"{src} is missing: run compare.py --articles 100000 first")
W = work / "onem"
parts = W / "j1m"
parts.mkdir(parents=True, exist_ok=True)
for i in range(10):
    p = parts / f"part{i}.jsonl"
    if not p.exists():
        os.link(src, p)
cat = W / "all.jsonl"
if not cat.exists():
    with open(cat, "wb") as out:
        for i in range(10):
            out.write((parts / f"part{i}.jsonl").read_bytes())
tantivy = compare.ROOT / "target" / "tools" / "bin" / "tantivy"
keys = ("wall", "cpu", "rss_mib", "anon_mib")
for _ in range(rounds):
    for b in args:
        idx = W / "idx-search"
        shutil.rmtree(idx, ignore_errors=True)
        r = compare.run_measured([b, "index", parts, "--index", idx, "--quiet"], timeout=3600, sample=True)
        segments = len({p.stem for p in idx.glob("*.idx")})
        print(b, {k: round(r[k], 1) for k in keys if k in r}, "segments", segments,
              "load", os.getloadavg(), flush=True)
        shutil.rmtree(idx, ignore_errors=True)
    t = W / "idx-tantivy"
    shutil.rmtree(t, ignore_errors=True)
    t.mkdir()
    compare.fresh_tantivy_index(t)
    r = compare.run_measured([tantivy, "index", "-i", t, "-t", "2"], stdin_path=cat, timeout=3600, sample=True)
    print("tantivy -t 2", {k: round(r[k], 1) for k in keys if k in r}, "load", os.getloadavg(), flush=True)
    shutil.rmtree(t, ignore_errors=True)
