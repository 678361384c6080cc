#!/usr/bin/env python3
"""Instructions per request of `search serve`, query by query: a measure of the
server's work that other load on the machine does not disturb (unlike the rates
and latencies of bench/serve_load.py).

Python 3.11, standard library only, plus valgrind (callgrind, callgrind_control).

    python3 bench/serve_instructions.py --search-bin target/release/search \\
        --index target/bench-work/serve-search-90000 [--reps 3] [--extra facet_limit=0]

Starts `search serve` under callgrind on the index (bench/serve_load.py builds
it), asks every query of serve_load's mix twice to warm the server (facet slots,
value ids), then for each query zeroes the counters, asks it `--reps` times in
turn and reads the instructions executed by the whole process (all threads:
HTTP, search, JSON). Prints a Markdown table and the mean over the mix.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_load import QUERIES  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--search-bin", required=True)
    p.add_argument("--index", required=True)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--port", type=int, default=18195)
    p.add_argument("--extra", default="", metavar="PARAMS",
                   help="appended to every request (a query string: facet_limit=0)")
    args = p.parse_args()
    out = Path(tempfile.mkdtemp(prefix="serve-instr-")) / "callgrind.out"
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}.%p", args.search_bin, "serve",
         "--index", args.index, "--listen", f"127.0.0.1:{args.port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(400):
            try:
                urllib.request.urlopen(f"{base}/api/health", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("the server did not answer under valgrind")
        extra = f"&{args.extra}" if args.extra else ""
        urls = [f"{base}/api/search?" + urllib.parse.urlencode({"q": q}) + extra for q, _ in QUERIES]
        for _ in range(2):
            for url in urls:
                urllib.request.urlopen(url).read()

        def control(flag: str) -> None:
            subprocess.run(["callgrind_control", flag, str(server.pid)], capture_output=True, check=True)

        def dumped_total() -> int:
            control("-d")
            time.sleep(0.5)
            newest = max(glob.glob(f"{out}.*"), key=os.path.getmtime)
            m = re.search(r"^(?:summary|totals): (\d+)", Path(newest).read_text(), re.M)
            return int(m.group(1))

        print("| query | M instructions / request |\n| --- | ---: |")
        total = 0.0
        for (q, _), url in zip(QUERIES, urls):
            control("-z")
            for _ in range(args.reps):
                urllib.request.urlopen(url).read()
            per = dumped_total() / args.reps / 1e6
            total += per
            print(f"| `{q}` | {per:.2f} |")
        print(f"| mean of the mix | {total / len(QUERIES):.2f} |")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(out.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
