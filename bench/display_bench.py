#!/usr/bin/env python3
"""The kiosk on a real X server beside a browser kiosk showing the same player, measured the same way.

Each row runs one program windowed under its own Xvfb at a size: the kiosk (demo station, simulated
roller) on the live player or on the idle home screen, or Chromium in kiosk mode on
bench/player-page/index.html. After a warm-up it measures, over the window:
  - frames presented a second: the X server's damage reports on the root window (XDamage), so
    both programs are counted by the same outside observer;
  - CPU % of one core: utime + stime of the whole process tree from /proc/PID/stat;
  - PSS MB of the whole process tree from /proc/PID/smaps_rollup (median of samples), and for the
    kiosk its split: heap, fonts and text (FreeType, HarfBuzz, SDL_ttf), graphics stack (SDL, X11,
    GL/Mesa), the rest.
usage: bench/display_bench.py BUILD_DIR [--seconds 20] [--warmup 6] [--runs 3]
"""
import argparse
import ctypes
import ctypes.util
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
# Taps from the attract screen to the live player, in 800x480 design units: anywhere on home, the
# "Pre-run warm-up" card, Start, "I understand, start".
TO_PLAYER = [(400, 240), (200, 250), (650, 423), (570, 396)]


class DamageCounter:
    """Counts the frames an X server shows: each damage report on the root window, subtracted at
    once, is one presented frame (a frame drawn while the last report is unread merges into it).
    Runs in a process of its own (Xlib ends the process when its server goes), keeping the count in
    a file."""

    def __init__(self, display):
        self.x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xd = ctypes.CDLL(ctypes.util.find_library("Xdamage") or "libXdamage.so.1")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.xd.XDamageQueryExtension.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_int)] * 2
        self.xd.XDamageCreate.restype = ctypes.c_ulong
        self.xd.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
        self.xd.XDamageSubtract.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        self.dpy = self.x11.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError("cannot open X display " + display)
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not self.xd.XDamageQueryExtension(self.dpy, ctypes.byref(event_base), ctypes.byref(error_base)):
            raise RuntimeError("the X server has no DAMAGE extension")
        self.notify = event_base.value  # XDamageNotify
        root = self.x11.XDefaultRootWindow(self.dpy)
        self.damage = self.xd.XDamageCreate(self.dpy, root, 3)  # XDamageReportNonEmpty

    def run(self, path):
        event = ctypes.create_string_buffer(192)  # an XEvent
        count = 0
        with open(path, "r+b", buffering=0) as out:
            while True:
                self.x11.XNextEvent(self.dpy, event)
                if ctypes.c_int.from_buffer(event, 0).value == self.notify:
                    self.xd.XDamageSubtract(self.dpy, self.damage, 0, 0)
                    self.x11.XFlush(self.dpy)
                    count += 1
                    os.pwrite(out.fileno(), b"%20d" % count, 0)


class FrameCount:
    """The damage counter's process for one X server, and its count so far."""

    def __init__(self, display, work):
        self.path = Path(work) / "frames"
        self.path.write_bytes(b"%20d" % 0)
        self.proc = subprocess.Popen([sys.executable, __file__, "--count-frames", display, str(self.path)])
        time.sleep(0.3)

    def frames(self):
        return int(self.path.read_bytes() or b"0")


def tree(pid):
    """pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_ticks(pids):
    """utime + stime of each live process, by pid."""
    ticks = {}
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks[p] = int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return ticks


def pss_kb(pids):
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def pss_split(pid):
    """The kiosk's PSS by what maps it, in kB: its heap, fonts and text, the graphics stack."""
    parts = {"heap": 0, "fonts and text": 0, "graphics stack": 0, "other": 0}
    kind = "other"
    try:
        lines = Path(f"/proc/{pid}/smaps").read_text().splitlines()
    except OSError:
        return parts
    for line in lines:
        head = line.split()
        if head and "-" in head[0] and len(head[0]) > 8 and ":" not in head[0]:
            name = head[5] if len(head) > 5 else ""
            base = os.path.basename(name)
            if name in ("[heap]", "") or name.startswith("[anon"):
                kind = "heap"  # malloc's arenas and SDL's surfaces, textures and text images
            elif base.startswith(("libfreetype", "libharfbuzz", "libSDL2_ttf", "libpng", "libbrotli", "libgraphite")) or name.endswith(".ttf"):
                kind = "fonts and text"
            elif base.startswith(("libSDL2-", "libX", "libxcb", "libGL", "libEGL", "libgbm", "libdrm", "libLLVM", "libglapi", "libvulkan", "libwayland", "libxkb", "libdecor")) or "dri" in name or "mesa" in name:
                kind = "graphics stack"
            else:
                kind = "other"
        elif head and head[0] == "Pss:":
            parts[kind] += int(head[1])
    return parts


def xvfb(size):
    for n in range(140, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            display = f":{n}"
            break
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            break
        time.sleep(0.05)
    time.sleep(0.3)
    return proc, display


def tap(display, size, point):
    x, y = point[0] * size[0] // 800, point[1] * size[1] // 480
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env={**os.environ, "DISPLAY": display}, check=True)
    time.sleep(0.8)


def station_file(work, size):
    text = (ROOT / "config/demo.yaml").read_text()
    # The window fills the X screen, as the kiosk fills its panel.
    text = text.replace("  width: 800\n", f"  width: {size[0]}\n", 1)
    text = text.replace("  height: 480\n", f"  height: {size[1]}\n", 1)
    text = text.replace("dirs: [routines]", f"dirs: [{ROOT}/config/routines]")
    text = text.replace("safety_notice: safety.yaml", f"safety_notice: {ROOT}/config/safety.yaml")
    text = text.replace("/tmp/rollstation-demo/station.db", f"{work}/station.db")
    path = Path(work) / "station.yaml"
    path.write_text(text)
    return path


def measure(name, size, start, args):
    """Starts a program under its own Xvfb, warms up, and measures it over the window."""
    server, display = xvfb(size)
    work = tempfile.mkdtemp(prefix="rollstation-display-")
    proc = None
    try:
        counter = FrameCount(display, work)
        proc = start(display, work)
        time.sleep(args.warmup)
        if proc.poll() is not None:
            logs = "".join(p.read_text()[-2000:] for p in Path(work).glob("*.log"))
            raise RuntimeError(f"{name} exited:\n{logs}")
        pids = tree(proc.pid)
        before, frames0, t0 = cpu_ticks(pids), counter.frames(), time.monotonic()
        samples = []
        while time.monotonic() - t0 < args.seconds:
            time.sleep(min(2.0, args.seconds - (time.monotonic() - t0)))
            samples.append(pss_kb(tree(proc.pid)))
        after, frames1, t1 = cpu_ticks(pids), counter.frames(), time.monotonic()
        used = sum(after[p] - before[p] for p in after if p in before)
        split = pss_split(proc.pid) if name.startswith("kiosk") else None
        return {"fps": (frames1 - frames0) / (t1 - t0), "cpu": 100.0 * used / TICK / (t1 - t0),
                "pss": statistics.median(samples) / 1024, "split": split}
    finally:
        if proc:
            for p in reversed(tree(proc.pid)):
                try:
                    os.kill(p, signal.SIGTERM)
                except OSError:
                    pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        server.terminate()
        server.wait()
        counter.proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def kiosk(build, size, player, renderer, extra_env={}):
    def start(display, work):
        env = {**os.environ, "DISPLAY": display, "SDL_AUDIODRIVER": "dummy"}
        if renderer:
            env["SDL_RENDER_DRIVER"] = renderer
        env.update(extra_env)
        log = open(Path(work) / "kiosk.log", "w")
        proc = subprocess.Popen([str(build / "src/app/rollstation"), "--windowed", "--config", str(station_file(work, size)),
                                 "--state-dir", work], env=env, stdout=log, stderr=log)
        time.sleep(2.5)
        # The window is the screen's size, so the design points scale with it.
        if player:
            for point in TO_PLAYER:
                tap(display, size, point)
        return proc
    return start


def chromium(size):
    def start(display, work):
        page = (ROOT / "bench/player-page/index.html").as_uri()
        env = {**os.environ, "DISPLAY": display}
        log = open(Path(work) / "chromium.log", "w")
        # Root (a container, CI) cannot have Chromium's sandbox; a person's session does.
        sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
        return subprocess.Popen(["chromium", *sandbox, "--kiosk", f"--window-size={size[0]},{size[1]}", "--window-position=0,0",
                                 "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                                 "--password-store=basic", f"--user-data-dir={work}/profile", page],
                                env=env, stdout=log, stderr=log)
    return start


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--count-frames":
        DamageCounter(sys.argv[2]).run(sys.argv[3])
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("build", type=Path)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--renderers", action="store_true", help="also the kiosk forced to each renderer")
    args = parser.parse_args()
    rows = [
        ("kiosk player 800x480", (800, 480), kiosk(args.build, (800, 480), True, None)),
        ("chromium page 800x480", (800, 480), chromium((800, 480))),
        ("kiosk player 1920x1080", (1920, 1080), kiosk(args.build, (1920, 1080), True, None)),
        ("chromium page 1920x1080", (1920, 1080), chromium((1920, 1080))),
        ("kiosk idle home 800x480", (800, 480), kiosk(args.build, (800, 480), False, None)),
    ]
    if args.renderers:
        rows.insert(1, ("kiosk player 800x480 opengl", (800, 480), kiosk(args.build, (800, 480), True, "opengl")))
    results = {name: [] for name, _, _ in rows}
    # Interleaved runs: load from other work on the machine falls on every row alike.
    for _ in range(args.runs):
        for name, size, start in rows:
            results[name].append(measure(name, size, start, args))

    def median(name, key):
        return statistics.median(r[key] for r in results[name])

    print(f"Display under Xvfb ({args.warmup:g} s warm-up, {args.seconds:g} s window, median of {args.runs} interleaved runs;"
          " CPU and PSS of the whole process tree)")
    print(f"{'':28} {'fps':>7} {'CPU % core':>11} {'PSS MB':>8}")
    for name, _, _ in rows:
        print(f"{name:28} {median(name, 'fps'):7.1f} {median(name, 'cpu'):11.1f} {median(name, 'pss'):8.1f}")
    for size in ("800x480", "1920x1080"):
        k, c = f"kiosk player {size}", f"chromium page {size}"
        cpu = median(c, "cpu") / max(median(k, "cpu"), 0.01)
        pss = median(c, "pss") / max(median(k, "pss"), 0.01)
        print(f"ratio at {size}: the page uses {cpu:.1f}x the kiosk's CPU and {pss:.1f}x its PSS")
    split = results["kiosk player 800x480"][-1]["split"]
    print("kiosk PSS at 800x480 on the player, by what maps it: " +
          ", ".join(f"{k} {v / 1024:.1f} MB" for k, v in split.items()))


if __name__ == "__main__":
    sys.exit(main())
