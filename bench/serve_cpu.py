#!/usr/bin/env python3
"""CPU of `search serve` per request: python3 bench/serve_cpu.py BIN PORT [INDEX].

Starts the server on INDEX (default target/bench-work/index-10m), sends each
request 3 times (warm-up: the facet slots are read into memory), then 10 times,
reading utime+stime of /proc/PID/stat before and after; prints ms per request,
the load average and the RSS. Linux only, standard library only."""
import os, subprocess, sys, time, urllib.request
binary, port = sys.argv[1], sys.argv[2]
index = sys.argv[3] if len(sys.argv) > 3 else "target/bench-work/index-10m"
qs = ["q=oil", "q=trade", "q=%22interest+rates%22", "q=bank&from=1987-03&to=1987-03", "q=*"]
p = subprocess.Popen([binary, "serve", "--index", index, "--listen", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
while True:
    try:
        urllib.request.urlopen(base + "/api/health").read(); break
    except OSError:
        time.sleep(0.3)
def cpu():
    f = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")
for q in qs:
    for _ in range(3):
        urllib.request.urlopen(f"{base}/api/search?{q}").read()
out = []
for q in qs:
    c0 = cpu()
    for _ in range(10):
        urllib.request.urlopen(f"{base}/api/search?{q}").read()
    out.append((q, (cpu() - c0) / 10))
rss = [l for l in open(f"/proc/{p.pid}/status") if l.startswith(("VmRSS", "RssAnon"))]
p.terminate(); p.wait()
print(binary, "load", os.getloadavg())
for q, c in out:
    print(f"  {q}: {c:.1f} ms CPU")
print("  ", " ".join(x.strip() for x in rss))
