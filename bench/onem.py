#!/usr/bin/env python3
"""1M articles of JSON lines: `search index` with each binary given, then
tantivy-cli `-t 2` over the same records, one after the other (BENCHMARKS.md,
"Allocator and document building").

The 1M articles are ten hard links of compare.py's 100k `corpus.jsonl` (0 bytes
more; ids repeat across the ten, keys do not); tantivy-cli reads them from one
concatenated file (1 GB, kept under the work folder for the next run).

    python3 bench/compare.py --articles 100000 --skip-queries --no-search   # the 100k corpus
    python3 bench/onem.py [--rounds N] target/search-main target/release/search

Every other round runs in the reverse order (tantivy-cli first, the binaries
last to first), so that no command always follows the same one. At the end,
each binary's wall time over tantivy-cli's in the same round: the median, the
times summed, and the rounds above issue 12's 1.5x. Two runs at once would
share the index folders and the cores: a second run stops at once.
"""
import fcntl, os, shutil, statistics, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402

args = sys.argv[1:]
rounds = 1
if args[:1] == ["--rounds"]:
    rounds, args = int(args[1]), args[2:]
if not args or args[0] in ("-h", "--help"):
    sys.exit(__doc__)
if len(set(args)) < len(args):
    # The summary is by binary: a binary named twice would be counted once.
    sys.exit("a binary is named twice; name each once (--rounds N gives more runs)")
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
lock = open(W / "lock", "w")
try:
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError:
    sys.exit(f"another onem.py is running (it holds {W / 'lock'}); wait for it to finish")
tantivy = compare.ROOT / "target" / "tools" / "bin" / "tantivy"
keys = ("wall", "cpu", "rss_mib", "anon_mib")
TANTIVY = "tantivy -t 2"


def shown(r):
    """A run's figures as printed."""
    return {k: round(r[k], 1) for k in keys if k in r}


# wall times per round, by command
rounds_wall = []
for n in range(rounds):
    order = args + [TANTIVY]
    if n % 2:
        order.reverse()
    wall = {}
    for b in order:
        if b == TANTIVY:
            t = W / "idx-tantivy"
            shutil.rmtree(t, ignore_errors=True)
            t.mkdir()
            compare.fresh_tantivy_index(t)
            r = compare.run_measured([tantivy, "index", "-i", t, "-t", "2"], stdin_path=cat, timeout=3600, sample=True)
            print(TANTIVY, shown(r), "load", os.getloadavg(), flush=True)
            shutil.rmtree(t, ignore_errors=True)
        else:
            idx = W / "idx-search"
            shutil.rmtree(idx, ignore_errors=True)
            r = compare.run_measured([b, "index", parts, "--index", idx, "--quiet"], timeout=3600, sample=True)
            segments = len({p.stem for p in idx.glob("*.idx")})
            print(b, shown(r), "segments", segments, "load", os.getloadavg(), flush=True)
            shutil.rmtree(idx, ignore_errors=True)
        wall[b] = r["wall"]
    rounds_wall.append(wall)
for b in args:
    ratios = [w[b] / w[TANTIVY] for w in rounds_wall]
    summed = sum(w[b] for w in rounds_wall) / sum(w[TANTIVY] for w in rounds_wall)
    print(f"{b}: {len(ratios)} rounds, wall over tantivy-cli's: median {statistics.median(ratios):.3f}x, "
          f"times summed {summed:.3f}x, {sum(r > 1.5 for r in ratios)} above 1.5x "
          f"({' '.join(f'{r:.2f}' for r in ratios)})", flush=True)
