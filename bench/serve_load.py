#!/usr/bin/env python3
"""Load test of `search serve` against `tantivy serve` (tantivy-cli) on the same
Reuters-21578 text, replicated to ~90k articles as in bench/compare.py.

Python 3.11, standard library only, plus `wrk` (`apt-get install wrk`).

    python3 bench/serve_load.py --search-bin target/release/search [--articles 90000]

    # Side by side with another build, with every facet value too, on the
    # cached index (nothing written under --work):
    python3 bench/serve_load.py --search-bin target/release/search \
        --baseline-bin /tmp/search-main --extra facet_limit=0 --reuse-index \
        --work /work/main/target/bench-work

1. Corpus, tantivy-cli and its index: as bench/compare.py builds them (cached
   under --work, default target/bench-work).
2. `search index` of the corpus's Markdown files.
3. Both servers on loopback; `wrk` with 32 connections (2 threads) for --seconds,
   cycling through a dozen queries (the same words for both; tantivy-cli's parser
   joins words with OR, so its multi-word queries get `+` on every word). Ours
   answers 10 hits with snippets and facets (the 100 most frequent values of
   each, as `facet_limit` defaults; `--extra facet_limit=0` adds a run with
   every value); tantivy serve 10 hits with their stored text. `--extra PARAMS`
   (repeatable) adds runs of ours with PARAMS appended to every request;
   `--baseline-bin` runs another `search` binary on the same index (on the
   next port), without the extra parameters (it may not know them). Each run
   is done twice, in turn, so that a change of load hits all of them alike.
4. (Not with --reuse-index, which writes nothing.) Again against ours, for three times as long, while a `search index` run of
   the first replica's folder (started 2 s in) updates 1,000 articles and
   commits to the served index.
5. Prints a Markdown table: requests/s, p50/p99 latency, errors (socket errors and
   non-2xx answers), the server's CPU time per request (user + system, from
   /proc: less sensitive to other load than the rates), and `uptime` before
   each run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402

ROOT = compare.ROOT

# (ours, tantivy-cli's) query text.
QUERIES = [
    ("oil", "oil"),
    ('"crude oil"', '"crude oil"'),
    ("oil prices", "+oil +prices"),
    ("wheat", "wheat"),
    ("bank rates", "+bank +rates"),
    ("Japan", "japan"),
    ("dollar", "dollar"),
    ("opec", "opec"),
    ('"federal reserve"', '"federal reserve"'),
    ("merger", "merger"),
    ("gold", "gold"),
    ("coffee exports", "+coffee +exports"),
]


def wrk_script(paths: list[str], where: Path) -> Path:
    lua = "local paths = {\n" + "".join(f'  "{p}",\n' for p in paths) + "}\n"
    lua += (
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\n"
        "end\n"
    )
    where.write_text(lua)
    return where


def wrk(url: str, script: Path, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "--timeout", "5s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout
    return parse_wrk(out)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def wait_http(url: str, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout}s")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=90_000)
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--search-bin", default=str(ROOT / "target" / "release" / "search"))
    p.add_argument("--tantivy-bin")
    p.add_argument("--work", default=str(ROOT / "target" / "bench-work"))
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "reuters21578"))
    p.add_argument("--port", type=int, default=18080)
    p.add_argument("--no-tantivy", action="store_true", help="measure search serve alone")
    p.add_argument("--baseline-bin", help="another search binary to measure on the same index")
    p.add_argument("--extra", action="append", default=[], metavar="PARAMS",
                   help="also measure ours with PARAMS (a query string: facet_limit=0) on every request")
    p.add_argument("--reuse-index", action="store_true",
                   help="serve the index under --work as it is: no `search index` runs (nor the run under "
                        "a committing `search index`), nothing written")
    args = p.parse_args()
    data, work = Path(args.data), Path(args.work)
    if not data.is_dir():
        print(f"skipped: {data} is absent")
        return 0
    work.mkdir(parents=True, exist_ok=True)
    search = Path(args.search_bin).resolve()
    stories = compare.base_stories(data, work, 900)
    corpus = compare.build_corpus(stories, args.articles, work)
    tantivy = None
    if not args.no_tantivy:
        tantivy = compare.ensure_tantivy(argparse.Namespace(tantivy_bin=args.tantivy_bin, install_timeout=3600))

    t_idx = work / f"serve-tantivy-{args.articles}"
    if tantivy and not (t_idx / ".complete").exists():
        compare.log(f"tantivy index of {corpus / 'corpus.jsonl'}")
        compare.fresh_tantivy_index(t_idx)
        with (corpus / "corpus.jsonl").open("rb") as f:
            subprocess.run([tantivy, "index", "-i", t_idx], stdin=f, check=True, capture_output=True)
        (t_idx / ".complete").write_text("ok\n")
    s_idx = work / f"serve-search-{args.articles}"
    if args.reuse_index:
        if not (s_idx / "meta.json").exists():
            raise SystemExit(f"--reuse-index: no index in {s_idx}; run once without it")
    else:
        compare.log(f"search index of {corpus / 'md'} into {s_idx}")
        subprocess.run([search, "index", corpus / "md", "--index", s_idx, "--quiet"], check=True)

    tmp = Path(tempfile.mkdtemp(prefix="serve-load-"))
    ours_paths = ["/api/search?" + urllib.parse.urlencode({"q": q}) for q, _ in QUERIES]
    theirs_paths = ["/api?" + urllib.parse.urlencode({"q": t, "nhits": 10}) for _, t in QUERIES]
    ours_lua = wrk_script(ours_paths, tmp / "ours.lua")
    theirs_lua = wrk_script(theirs_paths, tmp / "theirs.lua")
    extra_luas = [(extra, wrk_script([f"{p}&{extra}" for p in ours_paths], tmp / f"extra{i}.lua"))
                  for i, extra in enumerate(args.extra)]
    ours_port, theirs_port, base_port = args.port, args.port + 1, args.port + 2
    servers = []
    rows = []
    try:
        ours = subprocess.Popen([search, "serve", "--index", s_idx, "--listen", f"127.0.0.1:{ours_port}"],
                                stdout=subprocess.DEVNULL)
        servers.append(ours)
        baseline = None
        if args.baseline_bin:
            baseline = subprocess.Popen([Path(args.baseline_bin).resolve(), "serve", "--index", s_idx,
                                         "--listen", f"127.0.0.1:{base_port}"], stdout=subprocess.DEVNULL)
            servers.append(baseline)
            wait_http(f"http://127.0.0.1:{base_port}/api/health")
            for path in ours_paths:
                urllib.request.urlopen(f"http://127.0.0.1:{base_port}{path}").read()
        if tantivy:
            theirs = subprocess.Popen([tantivy, "serve", "-i", t_idx, "--host", "127.0.0.1", "--port", str(theirs_port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            servers.append(theirs)
            wait_http(f"http://127.0.0.1:{theirs_port}/api?q=oil&nhits=1")
        wait_http(f"http://127.0.0.1:{ours_port}/api/health")
        # Warm both (page cache, first-touch of the mapped files).
        for path in ours_paths + [f"{p}&{e}" for e in args.extra for p in ours_paths]:
            urllib.request.urlopen(f"http://127.0.0.1:{ours_port}{path}").read()
        for path in theirs_paths if tantivy else []:
            urllib.request.urlopen(f"http://127.0.0.1:{theirs_port}{path}").read()
        runs = [("search serve", ours, ours_port, ours_lua)]
        runs += [(f"search serve, `{extra}`", ours, ours_port, lua) for extra, lua in extra_luas]
        if baseline:
            runs.append((f"search serve of {args.baseline_bin}", baseline, base_port, ours_lua))
        if tantivy:
            runs.append(("tantivy serve", theirs, theirs_port, theirs_lua))
        for name, server, port, lua in runs * 2:
            load = uptime()
            cpu0 = cpu_seconds(server.pid)
            r = wrk(f"http://127.0.0.1:{port}", lua, args.seconds)
            r["cpu_ms"] = 1000 * (cpu_seconds(server.pid) - cpu0) / max(r["requests"], 1)
            rows.append((name, r, load))
            compare.log(f"{name}: {r['rps']:.0f} req/s, p99 {r['p99']:.1f} ms, {r['cpu_ms']:.2f} CPU ms/request, "
                        f"{r['errors']} errors ({load})")

        if args.reuse_index:
            return print_rows(rows)
        # While a `search index` run updates 1,000 articles and commits.
        changed = sorted((corpus / "md" / "r0").glob("*.md"))[:1000]
        originals = {f: f.read_bytes() for f in changed}
        try:
            for f in changed:
                f.write_bytes(originals[f] + b"\nUpdated during the load test.\n")
            load = uptime()
            cpu0 = cpu_seconds(ours.pid)
            wrk_run = subprocess.Popen(
                ["wrk", "-t2", "-c32", f"-d{3 * args.seconds}s", "--latency", "--timeout", "5s", "-s", str(ours_lua),
                 f"http://127.0.0.1:{ours_port}"], stdout=subprocess.PIPE, text=True)
            time.sleep(2)
            t0 = time.time()
            # Only the replica folder holding the changed files: a shorter run,
            # same commit (other folders' articles stay).
            subprocess.run([search, "index", corpus / "md" / "r0", "--index", s_idx, "--quiet"], check=True)
            took = time.time() - t0
            out = wrk_run.communicate()[0]
            if took + 2 >= 3 * args.seconds:
                compare.log("warning: the index run outlasted the load run; its commit was not under load")
        finally:
            for f, b in originals.items():
                f.write_bytes(b)
        # Parse the concurrent run's output like the others.
        r = parse_wrk(out)
        # (The index run's commit makes the server re-read segments: counted.)
        r["cpu_ms"] = 1000 * (cpu_seconds(ours.pid) - cpu0) / max(r["requests"], 1)
        rows.append((f"search serve, `search index` committing ({took:.1f} s run)", r, load))
        compare.log(f"during index: {r['rps']:.0f} req/s, p99 {r['p99']:.1f} ms, {r['errors']} errors")
    finally:
        for s in servers:
            s.terminate()
            s.wait(timeout=10)
    return print_rows(rows)


def print_rows(rows: list) -> int:
    print("\n| server | requests/s | p50 ms | p99 ms | CPU ms / request | errors / requests | load before |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, r, load in rows:
        avg = load.split("load average:")[-1].strip()
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['cpu_ms']:.2f} "
              f"| {r['errors']} / {r['requests']} | {avg} |")
    return 0


def parse_wrk(out: str) -> dict:
    def latency(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"), "p99": latency("99"),
        "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


if __name__ == "__main__":
    sys.exit(main())
