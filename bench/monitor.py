"""Time, CPU and memory of a command's whole process tree, sampled from /proc.

Memory: the importer validates large files in a second (spawned) process, so one number per
process would hide half the picture. A thread samples /proc every 0.1 s and sums the resident
set (VmRSS) of the command and all its descendants; the peak is the largest such sum. As a
cross-check that sampling cannot miss, each process's own high-water mark (VmHWM, as last
read) and the ``ru_maxrss`` that ``wait4`` returns are kept too.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_INTERVAL = 0.1  # seconds between /proc samples
# The title of the summary table the CLI prints once the rows are stored.
RUN_TITLE = re.compile(r"import run (\d+): (\w+)")


@dataclass
class ProcessPeak:
    pid: int
    role: str
    hwm_kb: int = 0  # VmHWM: the process's own peak resident set, as last read
    anon_kb: int = 0  # Largest RssAnon seen: private memory, not file pages mapped in
    cpu_ticks: int = 0  # utime + stime, as last read


@dataclass
class RunMeasure:
    command: list[str]
    exit_code: int
    wall_s: float
    summary_at_s: float | None  # When the summary table appeared, if it did.
    cpu_at_summary_s: float | None  # The tree's CPU time then.
    cpu_s: float  # User + system time of the tree (the reaped part of it: all that exited).
    machine_cpu_s: float  # Busy CPU time of the whole machine meanwhile (from /proc/stat).
    peak_tree_rss_mb: float  # Largest sampled sum of VmRSS over the process tree.
    peak_tree_rss_storing_mb: float  # The same, until the summary appeared.
    # The same for RssAnon: resident memory less the file pages mapped in (RssFile; the
    # search index is read through mmap, so its pages count as resident while it is used).
    peak_tree_anon_mb: float
    peak_tree_anon_storing_mb: float
    max_process_rss_mb: float  # ru_maxrss from wait4: the largest single process.
    samples: int
    processes: list[ProcessPeak]
    output: str = field(repr=False)


def _machine_busy_s() -> float:
    """Seconds of CPU time the whole machine has spent busy since boot."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(f) for f in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _cpu_fields(pid: int) -> list[int]:
    """utime, stime, cutime, cstime of a process, in clock ticks (zeros once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return [0, 0, 0, 0]
    return [int(f) for f in fields[11:15]]


def tree_cpu_s(root: int) -> float:
    """CPU time so far of a process, its live descendants and the children it has reaped."""
    ticks = sum(_cpu_fields(root))
    ticks += sum(sum(_cpu_fields(pid)[:2]) for pid in _descendants(root) if pid != root)
    return ticks / os.sysconf("SC_CLK_TCK")


def _read_status(pid: int) -> dict[str, str]:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            return dict(line.rstrip("\n").split(":\t", 1) for line in status if ":\t" in line)
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return {}


def _kb(value: str | None) -> int:
    return int(value.split()[0]) if value else 0


def _parents() -> dict[int, int]:
    """pid -> parent pid for every process visible in /proc."""
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        parents[int(entry.name)] = int(fields[1])
    return parents


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    tree, frontier = [root], [root]
    while frontier:
        frontier = [child for pid in frontier for child in children.get(pid, [])]
        tree.extend(frontier)
    return tree


def _cmdline(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None


def _role(cmdline: str) -> str:
    if "spawn_main" in cmdline:
        return "spawned helper (validation or index follower)"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    return cmdline[:60]


class Monitor(threading.Thread):
    """Samples the resident memory of a process tree, and notes when the output shows the
    import summary (the database work is done; what follows is the search-index sync)."""

    def __init__(self, root: int, output: Path, started: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.output = output
        self.started = started
        self.peak_kb = 0
        self.peak_kb_storing = 0  # Before the summary appeared: reading, validating, storing.
        self.peak_anon_kb = 0
        self.peak_anon_kb_storing = 0
        self.samples = 0
        self.processes: dict[int, ProcessPeak] = {}
        self.summary_at: float | None = None
        self.cpu_at_summary: float | None = None
        self.root_cmdline: str | None = None
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self._sample()
            self._watch_output()
            self._stop_event.wait(SAMPLE_INTERVAL)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def _sample(self) -> None:
        total = anon = 0
        for pid in _descendants(self.root):
            role = self._role(pid)
            status = _read_status(pid)
            if role is None or not status:
                continue
            total += _kb(status.get("VmRSS"))
            anon += _kb(status.get("RssAnon"))
            peak = self.processes.setdefault(pid, ProcessPeak(pid, role))
            peak.hwm_kb = max(peak.hwm_kb, _kb(status.get("VmHWM")))
            peak.anon_kb = max(peak.anon_kb, _kb(status.get("RssAnon")))
            peak.cpu_ticks = max(peak.cpu_ticks, sum(_cpu_fields(pid)[:2]))
        self.peak_kb = max(self.peak_kb, total)
        self.peak_anon_kb = max(self.peak_anon_kb, anon)
        if self.summary_at is None:
            self.peak_kb_storing = self.peak_kb
            self.peak_anon_kb_storing = self.peak_anon_kb
        self.samples += 1

    def _role(self, pid: int) -> str | None:
        """What the process is; None while a forked child has not exec'd yet: until then its
        pages are the importer's, shared copy-on-write, and counting them twice would be wrong."""
        if pid == self.root:
            return "importer"
        if pid in self.processes:
            return self.processes[pid].role
        if self.root_cmdline is None:
            self.root_cmdline = _cmdline(self.root)
        cmdline = _cmdline(pid)
        return None if not cmdline or cmdline == self.root_cmdline else _role(cmdline)

    def _watch_output(self) -> None:
        if self.summary_at is None and RUN_TITLE.search(self.output.read_text(errors="replace")):
            self.summary_at = time.perf_counter() - self.started
            self.cpu_at_summary = tree_cpu_s(self.root)


def run_measured(command: list[str], env: dict[str, str], log: Path) -> RunMeasure:
    """Run ``command`` to completion (output to ``log``), measuring time and tree memory."""
    busy_before = _machine_busy_s()
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        monitor = Monitor(process.pid, log, started)
        monitor.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            wall = time.perf_counter() - started
            monitor.stop()
    process.returncode = os.waitstatus_to_exitcode(status)  # Popen must not reap it again.
    return RunMeasure(
        command=command,
        exit_code=process.returncode,
        wall_s=wall,
        summary_at_s=monitor.summary_at,
        cpu_at_summary_s=monitor.cpu_at_summary,
        cpu_s=usage.ru_utime + usage.ru_stime,
        machine_cpu_s=_machine_busy_s() - busy_before,
        peak_tree_rss_mb=monitor.peak_kb / 1024,
        peak_tree_rss_storing_mb=monitor.peak_kb_storing / 1024,
        peak_tree_anon_mb=monitor.peak_anon_kb / 1024,
        peak_tree_anon_storing_mb=monitor.peak_anon_kb_storing / 1024,
        max_process_rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes.
        samples=monitor.samples,
        processes=list(monitor.processes.values()),
        output=log.read_text(errors="replace"),
    )
