#!/usr/bin/env python3
"""Builds the large inputs of the issue-13 memory and throughput runs from the
development data (never committed, deleted after the run):

    python3 bench/make_inputs.py jsonl DATA OUT.jsonl [SIZE_MB]   # Reuters stories, replicated, distinct ids
    python3 bench/make_inputs.py warc  DATA OUT.warc  [SIZE_MB]   # the saved pages as a crawl: request + response records
    python3 bench/make_inputs.py html  DATA OUTDIR    [COPIES]    # the saved pages as files, COPIES times

DATA is the shared data folder (`../shared/data`). Standard library only.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile


def jsonl(data, out, size_mb):
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "base.jsonl")
        sgm = sorted(
            os.path.join(data, "reuters21578", f)
            for f in os.listdir(os.path.join(data, "reuters21578"))
            if f.endswith(".sgm")
        )
        script = os.path.join(data, "reuters21578", "to_articles.py")
        subprocess.run([sys.executable, script, "jsonl", base, *sgm], check=True)
        lines = [json.loads(l) for l in open(base, encoding="utf-8")]
    limit = size_mb << 20
    written, copy = 0, 0
    with open(out, "w", encoding="utf-8") as f:
        while written < limit:
            for rec in lines:
                rec = dict(rec, id=f"{rec['id']}-{copy}")
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                if written >= limit:
                    break
            copy += 1


def pages(data):
    folder = os.path.join(data, "article-extraction", "html")
    truth = json.load(open(os.path.join(data, "article-extraction", "ground-truth.json")))
    for name in sorted(os.listdir(folder)):
        page_id = name.split(".")[0]
        url = truth.get(page_id, {}).get("url") or f"https://example.org/{page_id}"
        yield page_id, url, gzip.open(os.path.join(folder, name)).read()


def record(kind, uri, date, content_type, body):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: {date}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body + b"\r\n\r\n"


def warc(data, out, size_mb):
    all_pages = list(pages(data))
    limit = size_mb << 20
    written, copy = 0, 0
    with open(out, "wb") as f:
        while written < limit:
            for page_id, url, html in all_pages:
                uri = f"{url}?copy={copy}"
                date = "2024-05-02T10:00:00Z"
                request = f"GET /{page_id} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode()
                http = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(html)}\r\n\r\n".encode()
                    + html
                )
                chunk = record("request", uri, date, "application/http; msgtype=request", request)
                chunk += record("response", uri, date, "application/http; msgtype=response", http)
                f.write(chunk)
                written += len(chunk)
                if written >= limit:
                    break
            copy += 1


def html(data, outdir, copies):
    for copy in range(copies):
        folder = os.path.join(outdir, f"p{copy}")
        os.makedirs(folder, exist_ok=True)
        for page_id, _, body in pages(data):
            with open(os.path.join(folder, f"{page_id}.html"), "wb") as f:
                f.write(body)


if __name__ == "__main__":
    what, data, out = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else None
    {"jsonl": lambda: jsonl(data, out, n or 1024),
     "warc": lambda: warc(data, out, n or 1024),
     "html": lambda: html(data, out, n or 3)}[what]()
