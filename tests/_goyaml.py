"""The YAML reader Kubernetes uses (go-yaml v2 through github.com/ghodss/yaml), as a long-lived process.

`make test` builds it into build/goyaml when Go is installed. Without it the tests that need it skip on a
user's machine and fail under CI (CI=true), where .ci/run installs Go and the two Debian packages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "build" / "goyaml"


class GoYAMLError(Exception):
    """go-yaml v2 (or the JSON conversion after it) refused the stream."""


class GoReader:
    """Reads YAML streams as kubectl does: one JSON-framed request per stream, one JSON reply line."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [str(BINARY)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def load_all(self, text: str) -> list[Any]:
        """The non-empty documents of `text` as the API server receives them (JSON data)."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(text) + "\n")
        self._process.stdin.flush()
        reply = json.loads(self._process.stdout.readline())
        if "error" in reply:
            raise GoYAMLError(reply["error"])
        return list(reply["docs"])

    def load(self, text: str) -> Any:
        """The single document of `text` (None when empty)."""
        docs = self.load_all(text)
        assert len(docs) <= 1, docs
        return docs[0] if docs else None

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=10)


def _build() -> None:
    if BINARY.exists() or shutil.which("go") is None:
        return
    subprocess.run(["make", "-s", str(BINARY.relative_to(ROOT))], cwd=ROOT, check=False)


@pytest.fixture(scope="session")
def go_yaml() -> Iterator[GoReader]:
    _build()
    if not BINARY.exists():
        message = (
            "the Go YAML reader is not built (needs golang-go and the ghodss/yaml packages; `make test`)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    reader = GoReader()
    yield reader
    reader.close()


def golden_as_go_reads_it(
    go_yaml: GoReader, blueprint: Path, expected: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(object id -> object as synthesized from `blueprint`, object id -> object as go-yaml reads the
    golden files in `expected`), Kustomization left out: both must be equal."""
    import hagen

    (spec,) = hagen.load_blueprints([blueprint])
    synthesized = {hagen.object_id(o): json.loads(json.dumps(o)) for o in hagen.synthesize(spec).objects}
    read: dict[str, Any] = {}
    for path in sorted(expected.glob("*.yaml")):
        for doc in go_yaml.load_all(path.read_text(encoding="utf-8")):
            if doc.get("kind") != "Kustomization":
                read[hagen.object_id(doc)] = doc
    return synthesized, read
