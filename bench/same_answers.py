#!/usr/bin/env python3
"""Do two `search` binaries answer alike? python3 bench/same_answers.py --index DIR BIN_A BIN_B

Starts `search serve` of each binary on the index (read only) in turn and asks it
the query mix of bench/scale.py, match-all and seven more cases (filters, a
window cutting two months, sorts, paging), three times each; keeps the first
answer (read from the columns) and the third (from the facet memory) without
the timing fields. Then runs `search query --json` of each binary on seven
cases. Prints `same` or the first difference; exit status 1 when they differ.
Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

EXTRA = [
    ("bank, March 1987, Reagan", {"q": "bank", "from": "1987-03", "to": "1987-03", "person": "Reagan"}),
    ("oil, window cutting two months", {"q": "oil", "from": "1987-04-10", "to": "1987-06-20"}),
    ("all of March 1987", {"q": "*", "from": "1987-03", "to": "1987-03"}),
    ("trade, oldest first", {"q": "trade", "sort": "oldest"}),
    ("oil, third page", {"q": "oil", "offset": "20", "limit": "10"}),
    ("oil, OPEC", {"q": "oil", "org": "OPEC"}),
    ("all, US", {"q": "*", "country": "US"}),
]
CLI = [["oil"], ["stoltenberg"], ["bank", "--from", "1987-03", "--to", "1987-03"],
       ['"interest rates"', "--sort", "newest"], ["*", "--country", "IR", "--limit", "5"],
       ["gold OR silver", "--offset", "30"], ["petroleom"]]


def server_answers(binary: str, index: str, port: int) -> list[str]:
    server = subprocess.Popen([binary, "serve", "--index", index, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 300
        while True:
            try:
                urllib.request.urlopen(base + "/api/health").read()
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"{binary} serve did not start")
                time.sleep(0.2)
        out = []
        for rnd in range(3):
            for label, params in scale.QUERY_MIX + [scale.MATCH_ALL] + EXTRA:
                url = base + "/api/search?" + urllib.parse.urlencode(params)
                with urllib.request.urlopen(url, timeout=600) as resp:
                    answer = json.loads(resp.read())
                for timing in ("took_ms", "elapsed_ms"):
                    answer.pop(timing, None)
                if rnd != 1:
                    out.append(f"server, answer {rnd + 1}, {label}: " + json.dumps(answer, sort_keys=True))
        return out
    finally:
        server.terminate()
        server.wait()


def cli_answers(binary: str, index: str) -> list[str]:
    out = []
    for case in CLI:
        r = subprocess.run([binary, "query", *case, "--index", index, "--json"],
                           capture_output=True, text=True, check=True)
        out.append(f"search query {' '.join(case)}: " + r.stdout)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--index", required=True)
    p.add_argument("--port", type=int, default=18741)
    p.add_argument("binaries", nargs=2)
    args = p.parse_args()
    answers = [server_answers(b, args.index, args.port) + cli_answers(b, args.index) for b in args.binaries]
    for a, b in zip(*answers):
        if a != b:
            print(f"differ:\n  {a[:300]}\n  {b[:300]}")
            return 1
    print(f"same: {len(answers[0])} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
