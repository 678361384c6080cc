#!/usr/bin/env python3
"""Whole-command benchmark of `search` against tantivy-cli on Reuters-21578.

Python 3.11, standard library only. Run from anywhere; paths default relative to the
repository root (the parent of this `bench/` folder).

    python3 bench/compare.py --search-bin target/release/search               # ~100k articles
    python3 bench/compare.py --articles 10000 --output target/bench-10k.md    # 10k articles
    python3 bench/compare.py --no-search                                      # tantivy-cli only

What it does, in one run:

1. Corpus. Converts `../shared/data/reuters21578/reut2-*.sgm` with that folder's
   `to_articles.py` (JSON lines, and Markdown to check the format), then replicates
   the 10,051 stories to `--articles` articles, written twice: a folder of `.md` files
   (one sub-folder per replica, front matter exactly as `to_articles.py md` writes it)
   and one `corpus.jsonl` with the same stories. Replica k>0 gets the id
   `reuters-NNNNN-rK`, the path `md/rK/reuters-NNNNN-rK.md` and the title suffix
   ` (rK)`, so each is a distinct article. Cached under `--work`
   (default `target/bench-work`, git-ignored). When `../shared/data` is absent the
   script says so and exits 0.
2. tantivy-cli. Uses `--tantivy-bin`, else `target/tools/bin/tantivy`, installing
   crates.io `tantivy-cli` 0.24.0 there when missing (`cargo install --locked
   tantivy-cli --root target/tools`, niced; several minutes). Its lock file pins
   `traitobject 0.1.0`, which no longer compiles with current rustc; when the locked
   install fails, the script copies the downloaded crate source, moves only that
   crate to 0.1.1 (`cargo update -p traitobject --precise 0.1.1`) and installs from
   the copy, still `--locked`. The tantivy-cli index gets an equivalent schema
   written directly as `meta.json`: `title` and `body` text fields (default
   tokenizer, positions, stored), `id` raw string stored, `date` date stored, fast.
3. Indexing, alternating A B A B for `--reps` rounds, median reported:
   `search index MD --index X --quiet` (fresh index each round) against
   `tantivy index -i Y < corpus.jsonl` (fresh index each round, tantivy-cli's
   defaults: 1 indexing thread, 1 GB budget). Wall time, user+sys CPU time, peak RSS
   (`os.wait4` ru_maxrss; also peak anonymous and file-backed RSS sampled from
   /proc/PID/status every 50 ms, since mapped index files count in ru_maxrss),
   index size on disk. Then `--reps` re-runs of
   `search index` over the unchanged corpus (wall, and % of the full build).
4. Queries, whole process: `search query Q --index X --json` against
   `tantivy search -i Y -q Q` (which prints *every* matching document as JSON, there
   is no limit flag) and `tantivy search -i Y -q Q -a COUNT` (an aggregation only,
   no documents loaded: the cheapest whole tantivy-cli process for Q). Queries: a
   term, a phrase, a two-word AND, a rare term, match-all `*`; plus
   `search query oil --country Iran` (no tantivy-cli equivalent). With hyperfine
   (`apt-get install hyperfine`) unless `--no-hyperfine`; else interleaved
   subprocess timings, median. The hit counts of both tools are shown as a check.
5. Optional breakdown (`--breakdown`), where the time goes without a profiler:
   `search extract PARTS --json` (reading + entity extraction, no tantivy) and
   `search index` of the same stories as JSON-lines files of 10k lines (PARTS, cut
   from corpus.jsonl; no per-story file to open, stat and hash).
6. Prints Markdown tables and the targets of issue 4 with pass/fail; `--output FILE`
   writes them to FILE too; raw figures go to `WORK/results-N.json`.

Exit codes: 0 done (or skipped: no data), 1 a step failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TANTIVY_CLI_VERSION = "0.24.0"
TANTIVY_COUNT_AGG = '{"hits":{"value_count":{"field":"date"}}}'

# (label, query for search, query for tantivy-cli or None, extra search args)
QUERIES = [
    ("term", "oil", "oil", []),
    ("phrase", '"interest rates"', '"interest rates"', []),
    ("two-word AND", "oil AND prices", "oil AND prices", []),
    ("rare term", "stoltenberg", "stoltenberg", []),
    ("match-all, facets", "*", "*", []),
    ("filtered, no tantivy-cli equivalent", "oil", None, ["--country", "Iran"]),
]


class BenchError(Exception):
    """A step failed; the message says what to do."""


def log(msg: str) -> None:
    print(f"[compare] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- running things


def sample_rss(pid: int, done: threading.Event, peaks: dict) -> None:
    """Peak anonymous and file-backed RSS from /proc/PID/status, every 50 ms.

    ru_maxrss counts pages of memory-mapped index files too (tantivy reads segments
    through mmap, merges included); RssAnon is the process's own heap."""
    path = f"/proc/{pid}/status"
    while not done.is_set():
        try:
            with open(path) as f:
                txt = f.read()
        except OSError:
            return
        for key in ("RssAnon", "RssFile"):
            m = re.search(rf"^{key}:\s+(\d+) kB", txt, re.M)
            if m:
                peaks[key] = max(peaks.get(key, 0), int(m.group(1)))
        done.wait(0.05)


def run_measured(argv, *, stdin_path=None, log_path=None, timeout=600.0, cwd=None, sample=False):
    """Run argv once; return wall/user/sys seconds and peak RSS (MiB) from wait4;
    with `sample`, also the peak anonymous and file-backed RSS (see sample_rss)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL
    try:
        if log_path:
            out.write(f"\n$ {shlex.join(map(str, argv))}\n".encode())
            out.flush()
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(list(map(str, argv)), stdin=stdin, stdout=out, stderr=out, cwd=cwd)
        except OSError as e:
            raise BenchError(f"cannot run {argv[0]}: {e}") from e
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        done, peaks = threading.Event(), {}
        if sample and os.path.exists(f"/proc/{proc.pid}/status"):
            threading.Thread(target=sample_rss, args=(proc.pid, done, peaks), daemon=True).start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            done.set()
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdin_path:
            stdin.close()
        if log_path:
            out.close()
    if timed_out.is_set():
        raise BenchError(f"timed out after {timeout:.0f}s: {shlex.join(map(str, argv))} (raise --timeout)")
    if proc.returncode != 0:
        where = f"; see {log_path}" if log_path else ""
        raise BenchError(f"exit code {proc.returncode}: {shlex.join(map(str, argv))}{where}")
    r = {
        "wall": wall,
        "user": ru.ru_utime,
        "sys": ru.ru_stime,
        "cpu": ru.ru_utime + ru.ru_stime,
        "rss_mib": ru.ru_maxrss / 1024.0,  # ru_maxrss is KiB on Linux
    }
    if "RssAnon" in peaks:
        r["anon_mib"] = peaks["RssAnon"] / 1024.0
        r["file_mib"] = peaks.get("RssFile", 0) / 1024.0
    return r


def capture(argv, timeout=600.0, stdin_path=None) -> str:
    try:
        with open(stdin_path or os.devnull, "rb") as s:
            r = subprocess.run(list(map(str, argv)), stdin=s, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise BenchError(f"timed out after {timeout:.0f}s: {shlex.join(map(str, argv))}") from e
    except OSError as e:
        raise BenchError(f"cannot run {argv[0]}: {e}") from e
    if r.returncode != 0:
        err = r.stderr.decode(errors="replace").strip().splitlines()
        raise BenchError(f"exit code {r.returncode}: {shlex.join(map(str, argv))}: {err[-1] if err else ''}")
    return r.stdout.decode(errors="replace")


def dir_size(path: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_size
            except FileNotFoundError:
                pass
    return total


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# ---------------------------------------------------------------- corpus


def md_text(story: dict) -> str:
    """Exactly what `to_articles.py md` writes for one story."""
    s = "---\n" f"title: {json.dumps(story['title'])}\n"
    if story["date"]:
        s += f"date: {story['date']}\n"
    s += f"source: {story['source']}\n---\n\n{story['body']}\n"
    return s


def base_stories(data: Path, work: Path, timeout: float) -> list[dict]:
    base = work / "base"
    jsonl, md = base / "base.jsonl", base / "md"
    sgm = sorted(data.glob("reut2-*.sgm"))
    if not sgm:
        raise BenchError(f"no reut2-*.sgm files in {data}")
    script = data / "to_articles.py"
    if not (jsonl.exists() and (base / ".complete").exists()):
        log(f"converting {len(sgm)} SGML files with {script}")
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        capture([sys.executable, script, "jsonl", jsonl, *sgm], timeout)
        capture([sys.executable, script, "md", md, *sgm], timeout)
        (base / ".complete").write_text("ok\n")
    stories = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    # The replicas are written by md_text(); check it still matches to_articles.py.
    for s in stories[:50]:
        got = (md / f"{s['id']}.md").read_text(encoding="utf-8")
        if got != md_text(s):
            raise BenchError(f"to_articles.py md output changed format (see {md / (s['id'] + '.md')}); update md_text()")
    return stories


def build_corpus(stories: list[dict], n: int, work: Path) -> Path:
    corpus = work / f"corpus-{n}"
    stamp = corpus / ".complete"
    want = {"articles": n, "base": len(stories), "format": 1}
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        log(f"corpus of {n} articles already in {corpus}")
        return corpus
    log(f"writing {n} articles to {corpus}/md and {corpus}/corpus.jsonl")
    shutil.rmtree(corpus, ignore_errors=True)
    (corpus / "md").mkdir(parents=True)
    written = 0
    with (corpus / "corpus.jsonl").open("w", encoding="utf-8") as jl:
        k = 0
        while written < n:
            folder = corpus / "md" / f"r{k}"
            folder.mkdir()
            for s in stories:
                if written == n:
                    break
                if k:
                    s = dict(s, id=f"{s['id']}-r{k}", title=f"{s['title']} (r{k})")
                (folder / f"{s['id']}.md").write_text(md_text(s), encoding="utf-8")
                jl.write(json.dumps(s, ensure_ascii=False) + "\n")
                written += 1
            k += 1
    stamp.write_text(json.dumps(want))
    return corpus


def warm_cache(corpus: Path) -> None:
    """Read every input once so that neither tool pays the first cold read."""
    for dirpath, _, files in os.walk(corpus):
        for f in files:
            with open(os.path.join(dirpath, f), "rb") as fh:
                while fh.read(1 << 20):
                    pass


# ---------------------------------------------------------------- tantivy-cli


def tantivy_schema_meta() -> dict:
    text = lambda: {  # noqa: E731
        "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "default"},
        "stored": True,
        "fast": False,
    }
    return {
        "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [],
        "schema": [
            {"name": "id", "type": "text", "options": {
                "indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"},
                "stored": True, "fast": False}},
            {"name": "title", "type": "text", "options": text()},
            {"name": "body", "type": "text", "options": text()},
            {"name": "date", "type": "date", "options": {
                "indexed": True, "fieldnorms": False, "fast": True, "stored": True,
                "precision": "seconds"}},
        ],
        "opstamp": 0,
    }


def fresh_tantivy_index(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    (path / "meta.json").write_text(json.dumps(tantivy_schema_meta(), indent=2))


def ensure_tantivy(args) -> Path:
    if args.tantivy_bin:
        b = Path(args.tantivy_bin)
        if not b.exists():
            raise BenchError(f"--tantivy-bin {b} does not exist")
        return check_tantivy(b)
    tools = ROOT / "target" / "tools"
    b = tools / "bin" / "tantivy"
    if b.exists():
        return check_tantivy(b)
    if shutil.which("cargo") is None:
        raise BenchError("tantivy-cli is missing and cargo is not on PATH; install Rust or pass --tantivy-bin")
    log(f"installing tantivy-cli {TANTIVY_CLI_VERSION} into {tools} (several minutes)")
    tools.mkdir(parents=True, exist_ok=True)
    logf = tools / "install.log"
    nice = ["nice", "-n", "10"] if shutil.which("nice") else []
    cmd = nice + ["cargo", "install", "--locked", "tantivy-cli", "--version", TANTIVY_CLI_VERSION, "--root", tools]
    try:
        run_measured(cmd, log_path=logf, timeout=args.install_timeout)
    except BenchError:
        # Known failure: the lock pins traitobject 0.1.0, rejected by current rustc
        # (conflicting impls, E0119). Install from a copy with only that crate moved.
        log("locked install failed (traitobject 0.1.0 vs current rustc?); retrying from a patched copy")
        cargo_home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
        srcs = sorted(cargo_home.glob(f"registry/src/*/tantivy-cli-{TANTIVY_CLI_VERSION}"))
        if not srcs:
            raise BenchError(f"tantivy-cli install failed and its source is not in {cargo_home}/registry; see {logf}")
        copy = tools / "src" / f"tantivy-cli-{TANTIVY_CLI_VERSION}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(srcs[0], copy)
        with (copy / "Cargo.toml").open("a") as f:
            f.write("\n[workspace]\n")  # keep it out of this repository's workspace
        run_measured(["cargo", "update", "-p", "traitobject", "--precise", "0.1.1"],
                     log_path=logf, timeout=300, cwd=copy)
        run_measured(nice + ["cargo", "install", "--locked", "--path", ".", "--root", tools],
                     log_path=logf, timeout=args.install_timeout, cwd=copy)
    if not b.exists():
        raise BenchError(f"tantivy-cli install finished but {b} is missing; see {logf}")
    return check_tantivy(b)


def check_tantivy(b: Path) -> Path:
    ver = capture([b, "--version"]).strip()
    top_help = capture([b, "--help"])  # `tantivy index --help` prints only "Index files"
    search_help = capture([b, "search", "--help"])
    if not re.search(r"^\s+index\b", top_help, re.M) or "--agg" not in search_help or "--index" not in search_help:
        raise BenchError(f"{b} ({ver}) lacks `index -i` or `search -q/-a`; use tantivy-cli {TANTIVY_CLI_VERSION}")
    log(f"tantivy-cli: {b} ({ver})")
    return b


# ---------------------------------------------------------------- search


def default_search_bin() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "search"


def check_search(b: Path) -> str:
    if not b.exists():
        raise BenchError(
            f"search binary {b} not found: build it with `cargo build --release --locked -p search-cli` "
            "and/or pass --search-bin, or run with --no-search")
    return capture([b, "--version"]).strip()


# ---------------------------------------------------------------- measurements


def bench_indexing(args, corpus: Path, search: Path | None, tantivy: Path, work: Path) -> dict:
    md, jsonl = corpus / "md", corpus / "corpus.jsonl"
    s_idx, t_idx = work / f"index-search-{args.articles}", work / f"index-tantivy-{args.articles}"
    logf = work / f"run-{args.articles}.log"
    runs = {"search": [], "tantivy": [], "reindex": []}
    t_args = shlex.split(args.tantivy_index_args)
    for rep in range(args.reps):
        if search:
            shutil.rmtree(s_idx, ignore_errors=True)
            r = run_measured([search, "index", md, "--index", s_idx, "--quiet"], log_path=logf,
                             timeout=args.timeout, sample=True)
            r["size"] = dir_size(s_idx)
            runs["search"].append(r)
            log(f"  round {rep + 1}: search index   {r['wall']:.2f}s wall, {r['cpu']:.2f}s cpu, {r['rss_mib']:.0f} MiB")
        fresh_tantivy_index(t_idx)
        r = run_measured([tantivy, "index", "-i", t_idx, *t_args], stdin_path=jsonl, log_path=logf,
                         timeout=args.timeout, sample=True)
        r["size"] = dir_size(t_idx)
        runs["tantivy"].append(r)
        log(f"  round {rep + 1}: tantivy index  {r['wall']:.2f}s wall, {r['cpu']:.2f}s cpu, {r['rss_mib']:.0f} MiB")
    if search:
        for rep in range(args.reps):
            r = run_measured([search, "index", md, "--index", s_idx, "--quiet"], log_path=logf, timeout=args.timeout)
            runs["reindex"].append(r)
            log(f"  re-index {rep + 1}: {r['wall']:.3f}s wall")
        # One more, not timed, for its summary line (added/updated/unchanged...).
        out = subprocess.run([str(search), "index", str(md), "--index", str(s_idx)],
                             capture_output=True, timeout=args.timeout, stdin=subprocess.DEVNULL)
        runs["reindex_summary"] = (out.stderr + out.stdout).decode(errors="replace").strip().splitlines()[-1:]
    return runs


def hyperfine_times(cmds: dict[str, list], args, work: Path) -> dict[str, dict]:
    out = work / "hyperfine.json"
    argv = ["hyperfine", "-N", "--warmup", "3", "--runs", str(args.query_runs), "--export-json", str(out)]
    names = list(cmds)
    for name in names:
        argv += ["-n", name, shlex.join(map(str, cmds[name]))]
    try:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True,
                       timeout=args.timeout * 4)
    except subprocess.CalledProcessError as e:
        raise BenchError(f"hyperfine failed: {e.stderr.decode(errors='replace').strip()[-400:]}") from e
    res = json.loads(out.read_text())["results"]
    return {name: {"median_ms": r["median"] * 1e3, "min_ms": r["min"] * 1e3, "mean_ms": r["mean"] * 1e3,
                   "cpu_ms": (r["user"] + r["system"]) * 1e3, "runs": len(r["times"])}
            for name, r in zip(names, res)}


def python_times(cmds: dict[str, list], args) -> dict[str, dict]:
    times = {name: [] for name in cmds}
    cpu = {name: [] for name in cmds}
    for i in range(3 + args.query_runs):  # 3 warm-up rounds, then interleaved A B C A B C ...
        for name, argv in cmds.items():
            r = run_measured(argv, timeout=args.timeout)
            if i >= 3:
                times[name].append(r["wall"])
                cpu[name].append(r["cpu"])
    return {name: {"median_ms": median(ts) * 1e3, "min_ms": min(ts) * 1e3, "mean_ms": statistics.mean(ts) * 1e3,
                   "cpu_ms": statistics.mean(cpu[name]) * 1e3, "runs": len(ts)} for name, ts in times.items()}


def bench_queries(args, search: Path | None, tantivy: Path, work: Path) -> list[dict]:
    s_idx, t_idx = work / f"index-search-{args.articles}", work / f"index-tantivy-{args.articles}"
    use_hf = not args.no_hyperfine and shutil.which("hyperfine")
    rows = []
    for label, sq, tq, extra in QUERIES:
        cmds, row = {}, {"label": label, "search_q": sq, "tantivy_q": tq, "extra": extra}
        if search:
            cmds["search"] = [search, "query", sq, "--index", s_idx, "--json", *extra]
            res = json.loads(capture(cmds["search"], args.timeout))
            row["search_hits"] = res.get("total")
        if tq is not None:
            cmds["tantivy"] = [tantivy, "search", "-i", t_idx, "-q", tq]
            cmds["tantivy_agg"] = [tantivy, "search", "-i", t_idx, "-q", tq, "-a", TANTIVY_COUNT_AGG]
            agg = json.loads(capture(cmds["tantivy_agg"], args.timeout))
            row["tantivy_hits"] = int(agg["hits"]["value"])
        if not cmds:
            rows.append(row)  # search-only query measured without search: pending
            continue
        timed = hyperfine_times(cmds, args, work) if use_hf else python_times(cmds, args)
        for name, argv in cmds.items():
            row[name] = timed[name]
            row[name]["rss_mib"] = run_measured(argv, timeout=args.timeout)["rss_mib"]
            row[name]["cmd"] = shlex.join(map(str, argv))
        log(f"  {label}: " + ", ".join(f"{n} {row[n]['median_ms']:.1f} ms" for n in cmds))
        rows.append(row)
    return rows


def jsonl_parts(corpus: Path, per_part: int = 10_000) -> list[Path]:
    """corpus.jsonl cut into files of `per_part` lines (`search` reads files of <= 64 MiB)."""
    folder = corpus / "jsonl-parts"
    stamp = folder / ".complete"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        out, n = None, 0
        with (corpus / "corpus.jsonl").open(encoding="utf-8") as src:
            for line in src:
                if n % per_part == 0:
                    if out:
                        out.close()
                    out = (folder / f"part-{n // per_part:03d}.jsonl").open("w", encoding="utf-8")
                out.write(line)
                n += 1
        if out:
            out.close()
        stamp.write_text("ok\n")
    return sorted(folder.glob("part-*.jsonl"))


def bench_breakdown(args, corpus: Path, search: Path, work: Path) -> dict:
    """Where the time goes, without a profiler: extraction alone, and indexing the
    same stories from a few JSON-lines files instead of one .md file per story."""
    out = {}
    parts = jsonl_parts(corpus)
    steps = {
        # `search extract` takes files, not folders: the JSON-lines parts (one
        # process, every article parsed and its entities extracted, no index).
        "extract": [search, "extract", *parts, "--json"],
        "index_jsonl": [search, "index", corpus / "jsonl-parts", "--index", work / f"index-search-jsonl-{args.articles}", "--quiet"],
    }
    for name, argv in steps.items():
        shutil.rmtree(work / f"index-search-jsonl-{args.articles}", ignore_errors=True)
        try:
            r = run_measured(argv, timeout=args.timeout)
            out[name] = r
            log(f"  {name}: {r['wall']:.2f}s wall, {r['cpu']:.2f}s cpu, {r['rss_mib']:.0f} MiB")
        except BenchError as e:
            out[name + "_error"] = str(e)
            log(f"  {name} failed: {e}")
    return out


# ---------------------------------------------------------------- report


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    osname = platform.platform()
    try:
        osname = re.search(r'PRETTY_NAME="([^"]+)"', open("/etc/os-release").read()).group(1) + f", Linux {platform.release()}"
    except (OSError, AttributeError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "os": osname}


def fmt(x, spec=".2f", unit=""):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "pending"
    return f"{x:{spec}}{unit}"


def report(args, corpus: Path, res: dict) -> str:
    n = args.articles
    ix = res.get("indexing", {})
    s, t = ix.get("search", []), ix.get("tantivy", [])
    pend = None if s else float("nan")

    def m(runs, key):
        xs = [r[key] for r in runs if key in r]
        return median(xs) if xs else float("nan")

    md_mb = dir_size(corpus / "md") / 1e6
    jl_mb = (corpus / "corpus.jsonl").stat().st_size / 1e6
    L = []
    L.append(f"### {n:,} articles ({md_mb:.0f} MB of .md, {jl_mb:.0f} MB of JSON lines)\n")
    L.append(f"{res['when']}; {res.get('search_version') or 'search pending'}, {res['tantivy_version']}; "
             f"median (min-max) of {args.reps} alternating rounds; load average before/after "
             f"{res['load_before']:.2f} / {res['load_after']:.2f}.\n")
    L.append("| indexing | `search index` (md folder) | `tantivy index` (JSON lines) | search / tantivy |")
    L.append("| --- | ---: | ---: | ---: |")
    for name, key, scale, spec, unit in [("wall time", "wall", 1, ".2f", " s"),
                                         ("CPU time (user+sys)", "cpu", 1, ".2f", " s"),
                                         ("peak RSS (wait4 ru_maxrss)", "rss_mib", 1, ".0f", " MiB"),
                                         ("peak anonymous RSS (heap; sampled every 50 ms)", "anon_mib", 1, ".0f", " MiB"),
                                         ("peak file-backed RSS (mmap of index files; sampled)", "file_mib", 1, ".0f", " MiB"),
                                         ("index size on disk", "size", 1e-6, ".0f", " MB")]:
        a, b = m(s, key) * scale, m(t, key) * scale

        def cell(runs, v):
            if not runs or len(runs) < 2 or key not in ("wall", "cpu"):
                return fmt(v, spec, unit)
            xs = [r[key] * scale for r in runs]
            return f"{v:{spec}}{unit} ({min(xs):{spec}}-{max(xs):{spec}})"
        L.append(f"| {name} | {cell(s, a)} | {cell(t, b)} | {fmt(a / b if s and b else pend, '.2f', 'x')} |")
    re_runs = ix.get("reindex", [])
    full = m(s, "wall")
    rw = m(re_runs, "wall")
    share = ""
    if re_runs:
        xs = [r["wall"] for r in re_runs]
        share = f" ({min(xs):.2f}-{max(xs):.2f}), {100 * rw / full:.1f}% of the full build's median"
    L.append(f"| re-index, unchanged corpus | {fmt(rw, '.3f', ' s')}{share} | n/a | |")
    bd = res.get("breakdown", {})
    if "extract" in bd:
        e = bd["extract"]
        L.append(f"| breakdown: `search extract` of the same stories (JSON lines, 1 thread, no index) | "
                 f"{e['wall']:.2f} s wall, {e['cpu']:.2f} s CPU, {e['rss_mib']:.0f} MiB | n/a | |")
    if "index_jsonl" in bd:
        e = bd["index_jsonl"]
        L.append(f"| breakdown: `search index` of the same stories as JSON-lines files of 10k | "
                 f"{e['wall']:.2f} s wall, {e['cpu']:.2f} s CPU, {e['rss_mib']:.0f} MiB | n/a | |")
    if ix.get("reindex_summary"):
        L.append(f"\nRe-index summary line: `{ix['reindex_summary'][0]}`")
    L.append("")
    qs = res.get("queries", [])
    if qs:
        hf = "hyperfine" if (not args.no_hyperfine and shutil.which("hyperfine")) else "interleaved subprocess runs"
        L.append(f"Whole-process query times: median wall time of {args.query_runs} runs ({hf}, 3 warm-up runs), "
                 "and in brackets the mean CPU time (user+sys) per run, which suffers less from other load.\n")
        L.append(f"| query | `search query --json` | "
                 "`tantivy search` (prints every hit) | `tantivy search -a count` (no docs) | hits search / tantivy |")
        L.append("| --- | ---: | ---: | ---: | ---: |")
        for q in qs:
            def c(name):
                if name in q:
                    return f"{q[name]['median_ms']:.1f} ms ({q[name]['cpu_ms']:.1f})"
                return "pending" if args.no_search and name == "search" else "n/a"
            qtext = q["search_q"] + ("" if not q["extra"] else " " + " ".join(q["extra"]))
            L.append(f"| {q['label']}: `{qtext}` | {c('search')} | {c('tantivy')} | {c('tantivy_agg')} | "
                     f"{q.get('search_hits', 'pending' if args.no_search else '-')} / {q.get('tantivy_hits', 'n/a')} |")
        L.append("")
    # Targets of issue 4.
    L.append("| target (issue 4) | measured | verdict |")
    L.append("| --- | --- | --- |")

    def verdict(ok):
        return "pending" if ok is None else ("**pass**" if ok else "**FAIL**")

    ratio = m(s, "wall") / m(t, "wall") if s and t else None
    L.append(f"| full pipeline wall <= 1.5x tantivy-cli | {fmt(ratio, '.2f', 'x')} | {verdict(None if ratio is None else ratio <= 1.5)} |")
    rss = m(s, "rss_mib") if s else None
    L.append(f"| peak RSS <= 512 MB (~90k articles) | {fmt(rss, '.0f', ' MiB')} | {verdict(None if rss is None else rss * 1.048576 <= 512)} |")
    pct = 100 * rw / full if re_runs else None
    L.append(f"| unchanged re-index <= 5% of full build | {fmt(pct, '.1f', '%')} | {verdict(None if pct is None else pct <= 5)} |")
    have = [q for q in qs if "search" in q and "tantivy" in q]
    slower, close = [], []
    for q in have:
        a, b = q["search"], q["tantivy"]
        figures = (f"{q['label']} (wall {a['median_ms']:.1f} vs {b['median_ms']:.1f} ms, "
                   f"CPU {a['cpu_ms']:.1f} vs {b['cpu_ms']:.1f} ms)")
        if a["median_ms"] > b["median_ms"]:
            slower.append(figures)
        elif a["cpu_ms"] > b["cpu_ms"] or a["median_ms"] > 0.9 * b["median_ms"]:
            close.append(figures)
    qok = None if not have else not slower
    text = ("slower on: " + "; ".join(slower)) if slower else (f"not slower on any of {len(have)} queries" if have else "pending")
    if close:
        text += "; close (within 10% of wall, or more CPU): " + "; ".join(close)
    L.append(f"| `search query` no slower than `tantivy search` | {text} | {verdict(qok)}{' (borderline)' if close and qok else ''} |")
    have_agg = [q for q in qs if "search" in q and "tantivy_agg" in q]
    slower_agg = [q["label"] for q in have_agg if q["search"]["median_ms"] > q["tantivy_agg"]["median_ms"]]
    if have_agg:
        L.append(f"| (stricter, not a target) no slower than `tantivy search -a count`, which loads no documents | "
                 f"{'slower on: ' + ', '.join(slower_agg) if slower_agg else 'not slower on any'} | "
                 f"{'yes' if not slower_agg else 'no'} |")
    ma = next((q for q in qs if q["search_q"] == "*" and "search" in q), None)
    mams = ma["search"]["median_ms"] if ma else None
    L.append(f"| match-all with facets <= 150 ms | {fmt(mams, '.1f', ' ms')} | {verdict(None if mams is None else mams <= 150)} |")
    L.append("")
    if args.no_search or not s:
        L.append("`search` figures pending; fill them in with:\n")
        L.append("```\n" + res["fill_in_command"] + "\n```\n")
    return "\n".join(L)


# ---------------------------------------------------------------- main


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="See the top of bench/compare.py and BENCHMARKS.md.")
    p.add_argument("--articles", type=int, default=100_000, help="articles in the corpus (default 100000)")
    p.add_argument("--reps", type=int, default=3, help="alternating indexing rounds and re-index runs (default 3)")
    p.add_argument("--query-runs", type=int, default=20, help="timed runs per query command (default 20)")
    p.add_argument("--search-bin", help="the `search` binary (default $CARGO_TARGET_DIR or target/release/search)")
    p.add_argument("--tantivy-bin", help="the tantivy-cli binary (default target/tools/bin/tantivy, installed if missing)")
    p.add_argument("--tantivy-index-args", default="", help="extra args for `tantivy index`, e.g. '-t 2' (default none)")
    p.add_argument("--work", default=str(ROOT / "target" / "bench-work"), help="work folder (default target/bench-work)")
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "reuters21578"),
                   help="Reuters-21578 folder (default ../shared/data/reuters21578)")
    p.add_argument("--timeout", type=float, default=900, help="seconds allowed per command (default 900)")
    p.add_argument("--install-timeout", type=float, default=3600, help="seconds allowed for installing tantivy-cli")
    p.add_argument("--no-search", action="store_true", help="measure tantivy-cli only; search columns say pending")
    p.add_argument("--no-hyperfine", action="store_true", help="time queries with Python even if hyperfine exists")
    p.add_argument("--skip-queries", action="store_true", help="indexing only")
    p.add_argument("--breakdown", action="store_true", help="also time `search extract` over the corpus")
    p.add_argument("--output", help="also write the Markdown tables to this file")
    args = p.parse_args(argv)
    if args.articles < 1 or args.reps < 1 or args.query_runs < 1:
        p.error("--articles, --reps and --query-runs must be positive")

    data, work = Path(args.data), Path(args.work).resolve()
    if not data.is_dir():
        print(f"skipping: {data} is absent (the Reuters-21578 development data lives beside the project, "
              "in ../shared/data; pass --data to point elsewhere)")
        return 0
    try:
        work.mkdir(parents=True, exist_ok=True)
        search = None
        res = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(), "args": vars(args)}
        if not args.no_search:
            search = Path(args.search_bin) if args.search_bin else default_search_bin()
            search = search.resolve()
            res["search_version"] = check_search(search)
        tantivy = ensure_tantivy(args).resolve()
        res["tantivy_version"] = capture([tantivy, "--version"]).strip()
        stories = base_stories(data, work, args.timeout)
        corpus = build_corpus(stories, args.articles, work)
        warm_cache(corpus)
        fill = ["python3", "bench/compare.py", "--articles", str(args.articles),
                "--search-bin", "/path/to/release/search"]
        res["fill_in_command"] = shlex.join(fill) + (f" --output {args.output}" if args.output else "")
        res["load_before"] = os.getloadavg()[0]
        log(f"indexing, {args.reps} alternating rounds")
        res["indexing"] = bench_indexing(args, corpus, search, tantivy, work)
        if not args.skip_queries:
            log("queries")
            res["queries"] = bench_queries(args, search, tantivy, work)
        if args.breakdown and search:
            log("breakdown")
            res["breakdown"] = bench_breakdown(args, corpus, search, work)
        res["load_after"] = os.getloadavg()[0]
        table = report(args, corpus, res)
        (work / f"results-{args.articles}.json").write_text(json.dumps(res, indent=1, default=str))
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(table)
    if args.output:
        Path(args.output).write_text(table + "\n")
        log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
