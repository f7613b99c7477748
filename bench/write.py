"""The cost of the safe write: 1,000 tiers (3,002 files), fresh and unchanged, whole process.

"journal" is hagen's writer (lock, staged files fsync'd, journal, renames, folders fsync'd); "plain" is the
writer it replaced (a temporary file and a rename per file, no fsync, no journal, no lock), kept here only
to measure against. Both processes load the same rendered files from a JSON file, so the figures differ by
the writer alone; `hagen synth` itself (synthesis included) is measured in bench/synth.py.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from _harness import ROOT, Measurement, measure, set_aside, table
from synth import generated_blueprint

_PLAIN = """
import json, os, sys, tempfile
import hagen._output  # the same imports as the other process: only the writers differ
from pathlib import Path
files, out = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2])
for rel, text in sorted(files.items()):
    path = out / rel
    try:
        if path.read_text(encoding="utf-8") == text:
            continue
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\\n") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
"""

_JOURNAL = """
import json, sys
from pathlib import Path
from hagen._output import write_tree
write_tree(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]))
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    work = Path(tempfile.mkdtemp(prefix="hagen-bench-write-"))
    sys.path.insert(0, str(ROOT))
    import hagen

    files = hagen.plan([generated_blueprint(work, 1000)])
    plan = work / "plan.json"
    plan.write_text(json.dumps(files))
    rows: list[Measurement] = []
    for name, code in (("plain", _PLAIN), ("journal", _JOURNAL)):
        out = work / f"out-{name}"
        argv = [sys.executable, "-c", code, str(plan), str(out)]
        rows.append(measure(f"{name} writer, {len(files)} files (fresh)", argv, runs, setup=set_aside(out)))
        rows.append(measure(f"{name} writer, {len(files)} files (unchanged)", argv, runs))
    print(table("writing out/ (1,000 tiers)", rows))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
