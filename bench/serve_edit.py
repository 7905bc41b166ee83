#!/usr/bin/env python3
"""Measures `faqpress serve` on a generated site: the time from saving one
article to the server having its new page, over several edits.

usage: serve_edit.py FAQPRESS_BINARY SITE_DIR [EDITS]

Starts `faqpress serve --port 0` on 127.0.0.1, then EDITS times appends a
unique sentence to one article, writes it, and polls the article's page
until the sentence is served. Prints two medians (and min–max):
- rebuild: what serve itself reports ("Rebuilt (...) in N ms"), the work
  from the change being noticed to the new files being installed;
- save to served: measured here, from the write to the first response
  containing the edit. It includes serve's 100 ms debounce (the quiet
  time it waits for, since editors save in bursts) and the polling.
"""
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import queue


def main():
    binary, site = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    article = os.path.join(site, "content", "article-1.md")
    proc = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", site],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(l) for l in proc.stdout], daemon=True
    ).start()
    original = open(article).read()
    try:
        origin, first = None, None
        while origin is None:
            line = lines.get(timeout=120)
            m = re.search(r"in (\d+) ms", line)
            if m and first is None:
                first = int(m.group(1))
            m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            if m:
                origin = m.group(1)
        url = origin + "article-1/"
        rebuilds, latencies = [], []
        for i in range(edits):
            marker = f"Benchmark edit {i} {time.time_ns()}."
            started = time.perf_counter()
            with open(article, "w") as f:
                f.write(original + f"\n{marker}\n")
            deadline = started + 30
            while True:
                body = urllib.request.urlopen(url, timeout=10).read().decode()
                if marker in body:
                    break
                if time.perf_counter() > deadline:
                    sys.exit(f"edit {i} was not served within 30 s; page has {len(body)} bytes, overlay: {'faqpress-overlay' in body}; server said: {list(lines.queue)}")
                time.sleep(0.002)
            latencies.append((time.perf_counter() - started) * 1000)
            while True:
                line = lines.get(timeout=30)
                m = re.search(r"^Rebuilt \(.*\) in (\d+) ms", line)
                if m:
                    rebuilds.append(int(m.group(1)))
                    print(f"  {line.strip()}")
                    break
            time.sleep(0.3)  # let the debounce window close
    finally:
        with open(article, "w") as f:
            f.write(original)
        proc.kill()
        proc.wait()

    def summary(values):
        return f"{statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})"

    print(f"\nserve on this site: first full build {first} ms; {edits} edits of one article:")
    print(f"| measure | median (min–max) |")
    print(f"|---|---|")
    print(f"| rebuild, as serve reports it | {summary(rebuilds)} |")
    print(f"| save to served (includes the 100 ms debounce) | {summary(latencies)} |")


if __name__ == "__main__":
    main()
