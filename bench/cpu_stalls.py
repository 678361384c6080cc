#!/usr/bin/env python3
"""Does this machine run fixed work at a steady speed? A probe for the tail
latency of `search serve` that no server is part of.

Python 3.11, standard library only.

    python3 bench/cpu_stalls.py [--seconds 10] [--workers 2]

Each worker (one per core by default) repeats one fixed chunk of arithmetic
(about 0.1-0.2 ms) and records the chunk's *thread CPU time*
(`time.thread_time_ns`, CLOCK_THREAD_CPUTIME_ID): time the kernel believes the
thread ran. On a steady machine every chunk costs about the same; a chunk that
costs several times the median was slowed while the guest thought it was
running (the hypervisor running something else on that CPU, a sibling
hyperthread, cache or memory contention), which no waiting, locking or
scheduling inside a program explains. Prints the median and p99 chunk, the
share of chunks over 4x the median, and which 100 ms windows held them, so
bursts and their period show.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time


def chunk() -> int:
    acc = 0
    for i in range(2000):
        acc = (acc * 31 + i) & 0xFFFFFFFF
    return acc


def probe(seconds: float, start: float, out) -> None:
    costs, stamps = [], []
    time.sleep(max(0.0, start - time.monotonic()))
    while time.monotonic() < start + seconds:
        c0 = time.thread_time_ns()
        chunk()
        costs.append(time.thread_time_ns() - c0)
        stamps.append(time.monotonic() - start)
    out.put((costs, stamps))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    p.add_argument("--factor", type=float, default=4, help="a chunk this many times the median is slow")
    args = p.parse_args()
    out = multiprocessing.Queue()
    start = time.monotonic() + 0.5
    workers = [multiprocessing.Process(target=probe, args=(args.seconds, start, out)) for _ in range(args.workers)]
    for w in workers:
        w.start()
    results = [out.get() for _ in workers]
    for w in workers:
        w.join()
    for n, (costs, stamps) in enumerate(results):
        med = statistics.median(costs)
        p99 = sorted(costs)[int(0.99 * (len(costs) - 1))]
        slow = [t for c, t in zip(costs, stamps) if c > args.factor * med]
        windows = sorted({int(t * 10) for t in slow})
        print(f"worker {n}: {len(costs)} chunks, median {med / 1e3:.0f} us, p99 {p99 / 1e3:.0f} us, "
              f"max {max(costs) / 1e3:.0f} us; {len(slow)} chunks over {args.factor:g}x the median "
              f"({100 * len(slow) / len(costs):.2f}%)")
        print(f"  100 ms windows holding them: {' '.join(f'{w / 10:.1f}' for w in windows) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
