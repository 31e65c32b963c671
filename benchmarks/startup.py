"""Start-up time and install sizes of every form Posting Studio ships in (issue 15).

Whole processes, wall clock, median of ``--repeat`` runs (default 5), peers in the same run:
- one-file ``postingstudio check`` of the bundled sample against ``proselint check`` of the same
  file, interleaved run by run;
- batch ``check --format json`` over 500 ``dev`` corpus postings written as files, against
  ``proselint check -o json`` over the same files;
- CLI cold start (an empty start-up cache: the first run after an install) and warm start;
- GUI cold and warm start: launch to the first analysis shown in the window (the test hook
  ``POSTINGSTUDIO_TEST_DUMP`` records the moment, then quits), fresh config each run;
each from the development venv and, when built, from the bundle (``dist/PostingStudio``); the
GUI also through ``scripts/run`` once it has installed (its second start onwards);
- sizes: the wheel, the runtime venv (the installed files of postingstudio's dependency
  closure), the bundle folder and the .deb.

Run: ``python benchmarks/startup.py [--repeat N] [--no-gui] [--no-write] [--time-builds]
[--only one|batch]`` (the GUI part needs an X display or ``xvfb-run``; without one it is
skipped; ``--only`` runs just that comparison with proselint and never writes the docs).

proselint 0.16 keeps no cache between runs (no ``~/.cache/proselint``: its memoisation is in
memory, per process), so every proselint run does the whole work, as every postingstudio run
does (its start-up caches hold compiled data, never results); both read the same files, which
the first, untimed, run of each command brings into the OS file cache.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _markers import write_section  # noqa: E402

CORPUS = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared")) / "corpus"
SAMPLE = REPO / "resources" / "samples" / "sample_posting.md"
BIN = Path(sys.executable).parent
BUNDLE_EXE = REPO / "dist" / "PostingStudio" / "postingstudio"


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    return timed(command, env)[0]


def interleaved(commands: dict[str, list[str]], repeat: int, env: dict[str, str]) -> dict:
    """(median wall, median CPU) seconds per command, alternating run by run (same load)."""
    for command in commands.values():
        wall(command, env)  # warm the OS file cache and the start-up caches
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(timed(command, env))
    return {
        name: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
        for name, runs in times.items()
    }


def ratio_rows(results: dict, peer_name: str) -> list[str]:
    peer_wall, peer_cpu = results[peer_name]
    return [
        f"| `{name}` | {w:.3f} | {w / peer_wall:.2f}× | {c:.3f} | {c / peer_cpu:.2f}× |"
        for name, (w, c) in results.items()
    ]


def cold_and_warm(command: list[str], repeat: int, base_env: dict[str, str]) -> tuple[float, float]:
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            env = {**base_env, "POSTINGSTUDIO_CACHE_DIR": cache}
            cold.append(wall(command, env))
            warm.append(wall(command, env))
    return statistics.median(cold), statistics.median(warm)


def gui_start(command: list[str], cache: str, base_env: dict[str, str]) -> float:
    """Seconds from launch to the first analysis shown (fresh config and data folders).

    The app logs ``first analysis shown at <epoch s>`` (``ui.shell.workspace.FIRST_SHOWN``) in its
    log folder; the same line works for the venv, ``scripts/run`` and the frozen bundle.
    """
    with tempfile.TemporaryDirectory() as home:
        log_file = Path(home) / "data" / "logs" / "postingstudio.log"
        env = {
            **base_env,
            "POSTINGSTUDIO_CACHE_DIR": cache,
            "POSTINGSTUDIO_CONFIG_DIR": f"{home}/config",
            "POSTINGSTUDIO_DATA_DIR": f"{home}/data",
        }
        env.pop("QT_QPA_PLATFORM", None)
        start = time.time()
        quiet = subprocess.DEVNULL
        process = subprocess.Popen([*command, str(SAMPLE)], env=env, stdout=quiet, stderr=quiet)
        try:
            deadline = start + 120
            while time.time() < deadline:
                text = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
                found = re.search(r"first analysis shown at (\d+\.\d+)", text)
                if found:
                    return float(found.group(1)) - start
                if process.poll() is not None:
                    raise RuntimeError(f"{command} exited {process.returncode} before showing")
                time.sleep(0.02)
            raise TimeoutError(f"{command}: no analysis shown within 120 s")
        finally:
            process.terminate()
            process.wait(timeout=30)


def gui_cold_and_warm(command: list[str], repeat: int, env: dict[str, str]) -> tuple[float, float]:
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(gui_start(command, cache, env))
            warm.append(gui_start(command, cache, env))
    return statistics.median(cold), statistics.median(warm)


def dev_postings(count: int, folder: Path) -> list[str]:
    paths = []
    with (CORPUS / "postings" / "postings.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("split") != "dev":
                continue
            path = folder / f"posting_{len(paths):03d}.txt"
            path.write_text(record["text"], encoding="utf-8")
            paths.append(str(path))
            if len(paths) == count:
                break
    return paths


def batch_runs(repeat: int) -> int:
    """Timed runs of each batch command: half of ``repeat`` (a batch takes seconds), but at least
    three, so the median is one run's time, not the mean of two noisy ones."""
    return max(3, repeat // 2)


def compare_with_proselint(
    which: str, forms: dict[str, list[str]], venv_cli: list[str], repeat: int, env: dict[str, str]
) -> list[str]:
    """The table rows of one comparison, interleaved with proselint: ``one`` (the sample, every
    form) or ``batch`` (500 dev postings, the venv, median of :func:`batch_runs`)."""
    header = "| median s wall | vs proselint | median s CPU | vs proselint |"
    if which == "one":
        one = interleaved(
            {
                **{f"postingstudio check ({name})": [*cmd, "check", str(SAMPLE)]
                   for name, cmd in forms.items()},
                "proselint check": [str(BIN / "proselint"), "check", str(SAMPLE)],
            },
            repeat, env,
        )  # fmt: skip
        return ["| one-file check of the sample " + header, "|---|---|---|---|---|",
                *ratio_rows(one, "proselint check")]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        paths = dev_postings(500, Path(folder))
        batch = interleaved(
            {
                "postingstudio check --format json (venv)": [
                    *venv_cli, "check", "--format", "json", *paths],
                "postingstudio check --format json --jobs 1 (venv)": [
                    *venv_cli, "check", "--format", "json", "--jobs", "1", *paths],
                "proselint check -o json": [
                    str(BIN / "proselint"), "check", "-o", "json", *paths],
            },
            batch_runs(repeat), env,
        )  # fmt: skip
    return [f"| batch check of {len(paths)} dev postings " + header, "|---|---|---|---|---|",
            *ratio_rows(batch, "proselint check -o json")]  # fmt: skip


def megabytes(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6


def runtime_venv_mb() -> float:
    """Installed size of postingstudio's runtime dependency closure (what ``pip install`` adds)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = ["postingstudio"]
    total = 0
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for file in dist.files or []:
            located = Path(str(dist.locate_file(file)))
            if located.is_file():
                total += located.stat().st_size
        for requirement in dist.requires or []:
            parsed = Requirement(requirement)
            if parsed.marker is None or parsed.marker.evaluate({"extra": ""}):
                todo.append(parsed.name)
    return total / 1e6


def wheel_mb() -> float:
    with tempfile.TemporaryDirectory() as out:
        code = f"from setuptools import build_meta; print(build_meta.build_wheel({out!r}))"
        built = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                               text=True, check=True).stdout.strip().splitlines()[-1]  # fmt: skip
        shutil.rmtree(REPO / "build" / "lib", ignore_errors=True)
        return megabytes(Path(out) / built)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--only", choices=("one", "batch"),
                        help="only this comparison with proselint; docs not written")  # fmt: skip
    parser.add_argument("--time-builds", action="store_true",
                        help="first rebuild the bundle and the .deb, timing each")  # fmt: skip
    options = parser.parse_args()
    build_lines = []
    if options.time_builds:
        for script in ("build-bundle", "build-deb"):
            start = time.perf_counter()
            subprocess.run([str(REPO / "packaging" / script)], check=True, capture_output=True)
            build_lines.append(f"| `packaging/{script}` | {time.perf_counter() - start:.0f} |")
    env = {key: value for key, value in os.environ.items() if not key.startswith("POSTINGSTUDIO_")}
    # Bytecode for the package, as pip writes on install (proselint's is in site-packages): an
    # editable checkout run under PYTHONDONTWRITEBYTECODE would recompile every module each run.
    import compileall

    compileall.compile_dir(str(REPO / "src" / "postingstudio"), quiet=1)
    venv_cli = [str(BIN / "postingstudio")]
    forms = {"venv": venv_cli}
    if BUNDLE_EXE.is_file():
        forms["bundle"] = [str(BUNDLE_EXE)]
    lines = []
    with tempfile.TemporaryDirectory() as cache:
        warm_env = {**env, "POSTINGSTUDIO_CACHE_DIR": cache}
        if options.only is not None:
            lines = compare_with_proselint(options.only, forms, venv_cli, options.repeat, warm_env)
            print("\n".join(lines) + f"\n\nload average {os.getloadavg()}")
            return 0
        lines += compare_with_proselint("one", forms, venv_cli, options.repeat, warm_env)
        lines.append("")
        lines += compare_with_proselint("batch", forms, venv_cli, options.repeat, warm_env)
        lines.append("")
        lines.append(
            "The default runs one worker per core (forked once the rule book and the first "
            "file's data are loaded); `--jobs 1` beside it shows what the second core buys, "
            "which is little while other jobs hold both cores (see the load average)."
        )
    lines.append("")
    lines.append("| start-up (median s) | cold: empty start-up cache | warm |")
    lines.append("|---|---|---|")
    for name, cmd in forms.items():
        cold, warm = cold_and_warm([*cmd, "check", str(SAMPLE)], options.repeat, env)
        lines.append(f"| CLI `check` one file, {name} | {cold:.3f} | {warm:.3f} |")
    if not options.no_gui and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        gui_forms = dict(forms)
        run_script = REPO / "scripts" / "run"
        if (REPO / ".venv" / "bin" / "postingstudio").is_file():
            subprocess.run([str(run_script), "--version"], check=True, capture_output=True)
            gui_forms["`scripts/run` (installed, stamp current)"] = [str(run_script)]
        for name, cmd in gui_forms.items():
            cold, warm = gui_cold_and_warm(cmd, max(1, options.repeat // 2), env)
            label = f"GUI, launch to first analysis shown, {name}"
            lines.append(f"| {label} | {cold:.2f} | {warm:.2f} |")
    if build_lines:
        lines += ["", "| build step (CI runs both) | wall s |", "|---|---|", *build_lines]
    debs = sorted((REPO / "dist").glob("postingstudio_*.deb"))
    lines.append("")
    lines.append("| size | MB |")
    lines.append("|---|---|")
    lines.append(f"| wheel | {wheel_mb():.1f} |")
    lines.append(f"| runtime venv (installed dependency closure) | {runtime_venv_mb():.0f} |")
    if BUNDLE_EXE.is_file():
        lines.append(f"| bundle folder `dist/PostingStudio` | {megabytes(BUNDLE_EXE.parent):.0f} |")
    if debs:
        lines.append(f"| .deb `{debs[-1].name}` | {megabytes(debs[-1]):.0f} |")
    load = "/".join(f"{value:.1f}" for value in os.getloadavg())
    body = (
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores (load average {load} at the end: "
        "other jobs shared the cores, so absolute times are inflated; the interleaved ratios "
        "are the figures to compare); whole processes, wall clock, "
        f"median of {options.repeat} (batch: {batch_runs(options.repeat)}), peers interleaved "
        "in the same run.\n\n" + "\n".join(lines) + "\n\nReproduce: "
        "`xvfb-run -a .venv/bin/python benchmarks/startup.py --time-builds`"
    )
    print(body)
    if not options.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "startup", "Start-up and install size", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
