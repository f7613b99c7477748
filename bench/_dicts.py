"""The plain alternative to `hagen synth --stdout` for the generated blueprints of bench/synth.py: a Python
script that builds the same objects as dict literals (one function per kind and tier shape, names by
f-string) and writes them with PyYAML's libyaml dumper (`yaml.CSafeDumper`), the fastest PyYAML writer.

The script is generated from hagen's own objects for two sample tiers (an even one, and an odd one that is
colocated with its neighbour), so it makes the same objects, in hagen's order, without importing hagen.
`same_objects` checks that on a small size before anything is timed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

NAMES = {"even": ("t0002", "t0001", "/t2:"), "odd": ("t0003", "t0002", "/t3:")}


def _source(value: Any, name: str, prev: str, image: str) -> str:
    """Python source of `value` with the tier's name, its neighbour's and its image number as f-string
    fields."""
    if isinstance(value, dict):
        items = ", ".join(f"{k!r}: {_source(v, name, prev, image)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_source(v, name, prev, image) for v in value) + "]"
    if isinstance(value, str) and (name in value or prev in value or image in value):
        text = value.replace("{", "{{").replace("}", "}}")
        text = text.replace(name, "{name}").replace(prev, "{prev}").replace(image, "/t{i}:")
        return "f" + repr(text)
    return repr(value)


def write_script(folder: Path, sample_blueprint: Path) -> Path:
    """Generate the script from the objects of `sample_blueprint` (bench/synth.py's shape, 4 tiers)."""
    import hagen

    (spec,) = hagen.load_blueprints([sample_blueprint])
    objects = hagen.synthesize(spec).objects
    lines = ["import sys", "import yaml", ""]
    kinds: list[str] = []
    head = []
    for obj in objects:
        name = obj["metadata"]["name"]
        if name not in (NAMES["even"][0], NAMES["odd"][0]):
            if not name.startswith("t0"):
                head.append(repr(obj))
            continue
        shape = "even" if name == NAMES["even"][0] else "odd"
        kind = obj["kind"]
        if kind not in kinds:
            kinds.append(kind)
        lines += [
            f"def {kind.lower()}_{shape}(name, prev, i):",
            f"    return {_source(obj, *NAMES[shape])}",
            "",
        ]
    makers = ", ".join(f"({k.lower()}_even, {k.lower()}_odd)" for k in kinds)
    lines += [
        "n = int(sys.argv[1])",
        f"objects = [{', '.join(head)}]",
        f"for even, odd in [{makers}]:",
        "    for i in range(n):",
        "        make = odd if i % 2 else even",
        "        objects.append(make(f't{i:04d}', f't{i - 1:04d}', i))",
        "yaml.dump_all(objects, sys.stdout, Dumper=yaml.CSafeDumper, sort_keys=False, explicit_start=True)",
    ]
    script = folder / "dicts_pyyaml.py"
    script.write_text("\n".join(lines) + "\n")
    return script


def same_objects(script: Path, blueprint: Path, tiers: int) -> bool:
    """Do the script and `hagen synth --stdout` print the same objects for `blueprint` (`tiers` tiers)?"""
    import yaml

    ours = subprocess.run(
        [sys.executable, "-m", "hagen", "synth", str(blueprint), "--stdout"], capture_output=True, check=True
    ).stdout
    theirs = subprocess.run([sys.executable, str(script), str(tiers)], capture_output=True, check=True).stdout
    return list(yaml.safe_load_all(ours)) == list(yaml.safe_load_all(theirs))
