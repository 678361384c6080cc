#!/usr/bin/env python3
"""The Sphinx engine against the local index on the same articles (issue 12):
equal totals and facet counts, and the same matching articles, over a query mix
with and without filters; and the CPU each side spends indexing.

    python3 bench/engine_compare.py SEARCH_BINARY INPUT [--shards N]

INPUT is a folder or file of articles, e.g. the Reuters stories as one JSONL
(`python3 ../shared/data/reuters21578/to_articles.py jsonl reuters.jsonl
../shared/data/reuters21578/*.sgm`, or `bench/make_inputs.py jsonl DATA OUT 10`).
It starts N shards (default 2) with deploy/sphinx/shards.sh in a temporary
folder, indexes INPUT into them and into a local index, runs the queries,
prints one line per query and the indexing CPU, stops the shards, and exits 1
when any answer differs. Local queries run with --exact: the engine has no
typo tolerance (README, "Beyond one machine"). Standard library only.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

QUERIES = [
    [""],
    ["oil"],
    ["oil OR gas -crude"],
    ['"interest rates"'],
    ["bank*"],
    ["title:dollar"],
    ["Reagan"],
    ["", "--country", "US"],
    ["trade", "--country", "Japan", "--country", "KR"],
    ["", "--person", "Reagan"],
    ["", "--person", "James Baker"],
    ["", "--org", "OPEC"],
    ["", "--from", "1987-03", "--to", "1987-03-31"],
    ["", "--from", "1987-04"],
    ["crude", "--country", "Saudi Arabia", "--from", "1987"],
    ["-oil", "--to", "1987-02"],
]


def cpu_of_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def searchd_cpu(shards_dir):
    total = 0.0
    for name in sorted(os.listdir(shards_dir)):
        pid_file = os.path.join(shards_dir, name, "searchd.pid")
        if os.path.exists(pid_file):
            pid = open(pid_file).read().strip()
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    return out.stdout


def comparable(results):
    facets = {k: sorted((f["value"], f["count"]) for f in v) for k, v in results["facets"].items()}
    return results["total"], facets, sorted(h["id"] for h in results["hits"])


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    search, source = os.path.abspath(args[0]), args[1]
    shards = int(args[args.index("--shards") + 1]) if "--shards" in args else 2
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy", "sphinx", "shards.sh")
    with tempfile.TemporaryDirectory() as tmp:
        shards_dir = os.path.join(tmp, "shards")
        url = run([script, "start", shards_dir, str(shards)]).strip().splitlines()[-1]
        try:
            print(f"load before: {os.getloadavg()}")
            before, sd_before, t = cpu_of_children(), searchd_cpu(shards_dir), time.time()
            run([search, "index", source, "--engine", url, "--threads", "2", "-q"])
            engine_cpu, engine_wall = cpu_of_children() - before, time.time() - t
            engine_sd = searchd_cpu(shards_dir) - sd_before
            before, t = cpu_of_children(), time.time()
            index = os.path.join(tmp, "index")
            run([search, "index", source, "--index", index, "--threads", "2", "-q"])
            local_cpu, local_wall = cpu_of_children() - before, time.time() - t
            print(f"load after indexing: {os.getloadavg()}")
            print(f"engine indexing: client CPU {engine_cpu:.1f} s, searchd CPU {engine_sd:.1f} s "
                  f"({shards} shards), wall {engine_wall:.1f} s")
            print(f"local indexing:  CPU {local_cpu:.1f} s, wall {local_wall:.1f} s")
            differ = 0
            for q in QUERIES:
                common = [*q[1:], "--json", "--limit", "10000"]
                local = json.loads(run([search, "query", *common, "--index", index, "--exact", "--", q[0]]))
                engine = json.loads(run([search, "query", *common, "--engine", url, "--", q[0]]))
                same = comparable(local) == comparable(engine)
                differ += not same
                values = sum(len(v) for v in local["facets"].values())
                print(f"{'same' if same else 'DIFF'}  total {local['total']:>6} / {engine['total']:<6} "
                      f"facet values {values:>6}  {' '.join(q)!r}")
            print(f"{len(QUERIES) - differ} of {len(QUERIES)} queries answer the same")
        finally:
            subprocess.run([script, "stop", shards_dir], capture_output=True)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
