#!/usr/bin/env python3
"""Large-build figures of issue 12 (one machine, 10M articles) and issue 13 (peak
RSS of 1 GiB of JSON lines): one command per figure. Python 3.11, standard
library only; reuses bench/compare.py's measuring (wall, CPU, ru_maxrss, and
RssAnon/RssFile sampled from /proc every 50 ms).

    # a corpus of N million distinct articles on 1 GB of disk: one JSON-lines file of
    # the 1M Reuters replicas of compare.py, *without ids*, hard-linked N times
    python3 bench/scale.py corpus --copies 10 --out target/bench-work/jsonl-10m
    # build an index of it (fresh), measured; a second run over the unchanged input
    python3 bench/scale.py build target/bench-work/jsonl-10m --index target/bench-work/index-10m --rerun
    # query latency: `search serve` on the index, a query mix with facets, sequential
    python3 bench/scale.py queries --index target/bench-work/index-10m --rounds 20
    # whole-process CPU of `search query`, two indexes side by side
    python3 bench/scale.py query-cpu --index A --index B --runs 5

Every command prints a Markdown line or table with the load average beside it,
and appends its raw figures to WORK/scale-results.jsonl.

Why hard links: the index keys a JSON-lines record by its file's path and line
number, and a record without an `id` gets one derived from that key, so ten
names of one file are ten million distinct articles (same text) for the disk of
one million. Nothing de-duplicates articles by content.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402

ROOT = compare.ROOT
WORK = ROOT / "target" / "bench-work"

# (label, query parameters): terms, phrases, a boolean, filters; each answer
# counts every facet over all its matches.
QUERY_MIX = [
    ("term oil", {"q": "oil"}),
    ("term trade", {"q": "trade"}),
    ("phrase interest rates", {"q": '"interest rates"'}),
    ("AND oil prices", {"q": "oil AND prices"}),
    ("rare stoltenberg", {"q": "stoltenberg"}),
    ("typo petroleom", {"q": "petroleom"}),
    ("OR gold silver", {"q": "gold OR silver"}),
    ("filtered oil, Iran", {"q": "oil", "country": "Iran"}),
    ("filtered bank, 1987-03", {"q": "bank", "from": "1987-03", "to": "1987-03"}),
    ("sorted newest, coffee", {"q": "coffee", "sort": "newest"}),
]
MATCH_ALL = ("match-all *", {"q": "*"})


def log(msg: str) -> None:
    print(f"[scale] {msg}", file=sys.stderr, flush=True)


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def record(kind: str, data: dict, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    data = dict(data, kind=kind, when=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))
    with (work / "scale-results.jsonl").open("a") as f:
        f.write(json.dumps(data, default=str) + "\n")


def search_bin(arg: str | None) -> Path:
    b = Path(arg) if arg else compare.default_search_bin()
    compare.check_search(b)
    return b.resolve()


# ---------------------------------------------------------------- corpus


def cmd_corpus(args) -> int:
    """N hard links of one JSON-lines file of `--articles` stories without ids."""
    work = Path(args.work)
    out = Path(args.out)
    stories = compare.base_stories(Path(args.data), work, 900)
    corpus = compare.build_corpus(stories, args.articles, work)
    src = corpus / "corpus.jsonl"
    out.mkdir(parents=True, exist_ok=True)
    first = out / "part-00.jsonl"
    if not first.exists():
        log(f"writing {first} from {src} (ids dropped)")
        tmp = first.with_suffix(".tmp")
        with src.open(encoding="utf-8") as r, tmp.open("w", encoding="utf-8") as w:
            for line in r:
                rec = json.loads(line)
                rec.pop("id", None)
                w.write(json.dumps(rec, ensure_ascii=False) + "\n")
        tmp.rename(first)
    for k in range(1, args.copies):
        link = out / f"part-{k:02d}.jsonl"
        if not link.exists():
            os.link(first, link)
    for extra in sorted(out.glob("part-*.jsonl"))[args.copies:]:
        extra.unlink()
    size = first.stat().st_size
    print(f"{out}: {args.copies} names of one {size / 1e9:.2f} GB file, "
          f"{args.copies * args.articles:,} articles ({size / 1e9:.2f} GB on disk)")
    return 0


# ---------------------------------------------------------------- build


def segments(index: Path) -> int:
    meta = json.loads((index / "meta.json").read_text())
    return len(meta["segments"])


def cmd_build(args) -> int:
    work = Path(args.work)
    search = search_bin(args.search_bin)
    index = Path(args.index)
    if not args.keep:
        shutil.rmtree(index, ignore_errors=True)
    argv = ["nice", "-n", str(args.nice)] if args.nice else []
    argv += [search, "index", *args.inputs, "--index", index, "--quiet", *args.extra]
    before = load()
    log(f"{compare.shlex.join(map(str, argv))} (load {before})")
    r = compare.run_measured(argv, timeout=args.timeout, sample=True,
                             log_path=work / "scale-build.log")
    r.update(load_before=before, load_after=load(), size=compare.dir_size(index),
             segments=segments(index), argv=list(map(str, argv)))
    print(f"| build | {r['wall']:.1f} s | CPU {r['cpu']:.1f} s | ru_maxrss {r['rss_mib']:.0f} MiB | "
          f"RssAnon {r.get('anon_mib', 0):.0f} MiB | RssFile {r.get('file_mib', 0):.0f} MiB | "
          f"{r['size'] / 1e9:.2f} GB | {r['segments']} segments | load {before} -> {r['load_after']} |")
    record("build", r, work)
    if args.rerun:
        before = load()
        rr = compare.run_measured(argv, timeout=args.timeout, sample=True,
                                  log_path=work / "scale-build.log")
        rr.update(load_before=before, load_after=load(), argv=list(map(str, argv)))
        print(f"| unchanged re-run | {rr['wall']:.2f} s | CPU {rr['cpu']:.2f} s | "
              f"ru_maxrss {rr['rss_mib']:.0f} MiB | load {before} -> {rr['load_after']} |")
        record("rerun", rr, work)
    return 0


# ---------------------------------------------------------------- queries


def get(url: str) -> tuple[float, dict]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as resp:
        body = resp.read()
    return (time.perf_counter() - start) * 1000, json.loads(body)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]


def cmd_queries(args) -> int:
    work = Path(args.work)
    search = search_bin(args.search_bin)
    addr = f"127.0.0.1:{args.port}"
    server = subprocess.Popen([str(search), "serve", "--index", str(args.index), "--listen", addr],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{addr}"
    try:
        deadline = time.time() + 300
        while True:
            try:
                _, health = get(base + "/api/health")
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"search serve did not start: {server.stderr.read().decode()[-400:]}")
                time.sleep(0.2)
        before = load()
        mix = QUERY_MIX + ([MATCH_ALL] if args.match_all else [])
        times: dict[str, list[float]] = {label: [] for label, _ in mix}
        totals: dict[str, int] = {}
        for rnd in range(args.rounds + 1):  # round 0 warms up, not counted
            for label, params in mix:
                ms, answer = get(base + "/api/search?" + urllib.parse.urlencode(params))
                totals[label] = answer["total"]
                if rnd:
                    times[label].append(ms)
        after = load()
    finally:
        server.terminate()
        server.wait()
    rows = []
    print(f"`search serve` on {args.index} ({health}), {args.rounds} sequential rounds after one warm-up; "
          f"load {before} -> {after}\n")
    print("| query | matches | p50 ms | p99 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, _ in mix:
        xs = times[label]
        rows.append({"label": label, "total": totals[label], "p50": pct(xs, 50), "p99": pct(xs, 99),
                     "max": max(xs)})
        print(f"| {label} | {totals[label]:,} | {pct(xs, 50):.1f} | {pct(xs, 99):.1f} | {max(xs):.1f} |")
    mixed = [x for label, _ in QUERY_MIX for x in times[label]]
    print(f"| **mix without match-all** ({len(mixed)} requests) | | {pct(mixed, 50):.1f} | {pct(mixed, 99):.1f} | "
          f"{max(mixed):.1f} |")
    record("queries", {"index": str(args.index), "health": health, "rows": rows, "load_before": before,
                       "load_after": after, "mix_p50": pct(mixed, 50), "mix_p99": pct(mixed, 99)}, work)
    return 0


def cmd_query_cpu(args) -> int:
    """Whole-process CPU time (user+sys) of `search query Q --json`, indexes alternated."""
    search = search_bin(args.search_bin)
    queries = args.query or ["*", "oil", "stoltenberg", "bank --from 1987-03 --to 1987-03"]
    before = load()
    cpu: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs):
        for index in args.index:
            for q in queries:
                words = compare.shlex.split(q)
                proc = subprocess.Popen([str(search), "query", *words, "--index", index, "--json"],
                                        stdout=subprocess.DEVNULL)
                _, _, ru = os.wait4(proc.pid, 0)
                cpu.setdefault((index, q), []).append((ru.ru_utime + ru.ru_stime) * 1000)
    print(f"median CPU ms of {args.runs} runs, load {before} -> {load()}\n")
    print("| query | " + " | ".join(args.index) + " |")
    print("| --- |" + " ---: |" * len(args.index))
    for q in queries:
        print(f"| `{q}` | " + " | ".join(f"{statistics.median(cpu[(i, q)]):.1f}" for i in args.index) + " |")
    record("query-cpu", {"cpu_ms": {f"{i} {q}": v for (i, q), v in cpu.items()}}, Path(args.work))
    return 0


# ---------------------------------------------------------------- main


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", default=str(WORK), help="work folder (default target/bench-work)")
    p.add_argument("--search-bin", help="the search binary (default target/release/search)")
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus", help="N hard links of one JSON-lines file of distinct stories without ids")
    c.add_argument("--articles", type=int, default=1_000_000, help="articles in the one file (default 1000000)")
    c.add_argument("--copies", type=int, default=10, help="names of that file (default 10)")
    c.add_argument("--out", required=True, help="folder for the names")
    c.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "reuters21578"),
                   help="Reuters-21578 folder (default ../shared/data/reuters21578)")
    b = sub.add_parser("build", help="a fresh `search index` of INPUTS, measured")
    b.add_argument("inputs", nargs="+")
    b.add_argument("--index", required=True)
    b.add_argument("--rerun", action="store_true", help="then index the unchanged inputs again, measured")
    b.add_argument("--keep", action="store_true", help="do not delete the index first")
    b.add_argument("--nice", type=int, default=0, help="run under nice -n N")
    b.add_argument("--timeout", type=float, default=6 * 3600)
    b.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more `search index` arguments")
    q = sub.add_parser("queries", help="query latency through `search serve`, sequential")
    q.add_argument("--index", required=True)
    q.add_argument("--rounds", type=int, default=20)
    q.add_argument("--port", type=int, default=18731)
    q.add_argument("--no-match-all", dest="match_all", action="store_false",
                   help="leave match-all with facets out")
    c = sub.add_parser("query-cpu", help="whole-process CPU of `search query`, indexes side by side")
    c.add_argument("--index", action="append", required=True, help="an index (repeat to compare)")
    c.add_argument("--query", action="append", help="a query, shell-split (repeatable; default four)")
    c.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    try:
        return {"corpus": cmd_corpus, "build": cmd_build, "queries": cmd_queries,
                "query-cpu": cmd_query_cpu}[args.cmd](args)
    except compare.BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
