#!/usr/bin/env python3
"""Start to READY=1: how long systemd would wait for the kiosk, measured with a stand-in
NOTIFY_SOCKET (the dummy video driver, the repository's routines, no broker).

usage: bench/service_ready.py [BUILD_DIR] [RUNS]"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
kiosk = os.path.join(build, "src/app/rollstation")

with tempfile.TemporaryDirectory() as work:
    station = os.path.join(work, "station.yaml")
    with open(station, "w") as f:
        f.write(f"""station:
  id: bench-ready
  name: "Bench"
  facility: bench
display:
  fullscreen: false
  sound: false
routines:
  dirs: [{source}/config/routines]
safety_notice: {source}/config/safety.yaml
storage:
  path: {work}/station.db
""")
    times = []
    for i in range(runs):
        path = os.path.join(work, f"notify-{i}")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(30)
        env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="30000000",
                   SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
        started = time.perf_counter()
        child = subprocess.Popen([kiosk, "--config", station, "--state-dir", work],
                                 env=env, stderr=subprocess.DEVNULL)
        while b"READY=1" not in sock.recv(4096):
            pass
        times.append((time.perf_counter() - started) * 1000)
        child.terminate()
        child.wait()
        sock.close()
    print(f"start to READY=1 over {runs} runs: median {statistics.median(times):.0f} ms, "
          f"min {min(times):.0f} ms, max {max(times):.0f} ms")
