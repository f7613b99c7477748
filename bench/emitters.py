"""The YAML emitter decides synth's speed at scale: the same objects (1,000 tiers: 3,000 objects) through
each candidate.

Each candidate runs in its own process that builds the objects (with hagen's synthesis) and dumps them;
the "build only" row is the cost every candidate shares.
"""

from __future__ import annotations

import sys

from _harness import ROOT, measure, table

BUILD = f"""
import sys
sys.path.insert(0, {str(ROOT / "bench")!r})
from pathlib import Path
import tempfile
from synth import generated_blueprint
import hagen
folder = Path(tempfile.mkdtemp())
(spec,) = hagen.load_blueprints([generated_blueprint(folder, 1000)])
objects = hagen.synthesize(spec).objects
"""

CANDIDATES = {
    "build only (no YAML)": "",
    "hagen's emitter (what synth uses)": "text = hagen.render_objects(objects)",
    "PyYAML + libyaml C emitter, same style": (
        "from hagen._yaml import libyaml_dump_documents; text = libyaml_dump_documents(objects)"
    ),
    "PyYAML pure-Python emitter": (
        "import yaml; text = yaml.dump_all(objects, Dumper=yaml.SafeDumper, sort_keys=False, "
        "explicit_start=True)"
    ),
    "ruamel.yaml C emitter (typ=safe, pure=False)": (
        "import io; from ruamel.yaml import YAML; y = YAML(typ='safe', pure=False); "
        "y.default_flow_style = False; buf = io.StringIO(); y.dump_all(objects, buf)"
    ),
    "ruamel.yaml pure-Python emitter (round-trip)": (
        "import io; from ruamel.yaml import YAML; y = YAML(); buf = io.StringIO(); y.dump_all(objects, buf)"
    ),
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rows = [measure(label, [sys.executable, "-c", BUILD + code], runs) for label, code in CANDIDATES.items()]
    print(table("1,000 tiers (3,000 objects) to YAML", rows))


if __name__ == "__main__":
    main()
