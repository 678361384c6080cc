#!/usr/bin/env python3
"""CPU seconds per thread name of one command: python3 bench/thread_cpu.py CMD ARGS...

Samples /proc/PID/task/*/stat every 0.2 s and prints, at the end, the wall
time, the CPU of the whole process tree (getrusage), its peak RSS, and the
CPU of each thread name (threads that ended between samples lose their last
0.2 s; threads started and ended between samples are missed: read the whole
figure from the first line). For `search index` the names are tantivy's
indexing threads (`thrd-tantivy-in`), its doc-store compressor
(`docstore-compre`), its merge thread, and the binary's name for the walker,
the reading and extraction workers and the writer loop.
Python 3.11, standard library only.
"""
import collections
import os
import resource
import signal
import subprocess
import sys
import time

if len(sys.argv) < 2:
    sys.exit(__doc__)
# Piped into `head`: stop quietly.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
start = time.time()
proc = subprocess.Popen(sys.argv[1:])
last = {}
hz = os.sysconf("SC_CLK_TCK")
while proc.poll() is None:
    try:
        tids = os.listdir(f"/proc/{proc.pid}/task")
    except OSError:
        tids = []
    for tid in tids:
        try:
            stat = open(f"/proc/{proc.pid}/task/{tid}/stat").read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        last[tid] = (comm, (int(fields[11]) + int(fields[12])) / hz)
    time.sleep(0.2)
wall = time.time() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"wall {wall:.1f} s, cpu {usage.ru_utime + usage.ru_stime:.1f} s, "
      f"max rss {usage.ru_maxrss / 1024:.0f} MiB, exit {proc.returncode}, load {os.getloadavg()[0]:.1f}")
cpu = collections.Counter()
count = collections.Counter()
for comm, seconds in last.values():
    cpu[comm] += seconds
    count[comm] += 1
for comm, seconds in cpu.most_common():
    print(f"  {comm:20s} {count[comm]:4d} threads {seconds:7.1f} s")
sys.exit(proc.returncode)
