"""Whether plain data can be written as YAML: what the emitter (_emit.py) refuses, refused where the data
is made, so that `check`, `place` and `report` refuse what `synth` refuses, with its message."""

from __future__ import annotations

from typing import Any

from ._emit import emit


def check_writable(data: Any) -> None:
    """Raise the InputError `hagen._yaml.dump` raises for `data` (a document: an object, Helm values, a
    cluster fragment): ``cannot write FIELD as YAML: WHY`` for a float that is NaN or infinite (JSON has
    neither), a string holding a lone surrogate (not UTF-8), an integer beyond int64, a datetime without
    a time zone or a value of no YAML type. Returns None when the emitter writes it.

    It is the emitter itself, its text dropped: the same rules and message by construction, and no slower
    than a separate walk (json's C encoder plus a search for long integers took as long, 3,000 objects in
    about 60 ms either way); its caches of keys and strings then serve the render that usually follows.
    """
    emit(data)
