"""Whether plain data can be written as YAML: what the emitter (_emit.py) refuses, refused where the data
is made, so that `check`, `place` and `report` refuse what `synth` refuses, with its message."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from ._emit import emit

# json's C encoder walks the data an order of magnitude faster than the emitter does. With allow_nan=False
# it refuses NaN and infinities, and types it does not know reach `_known`; ensure_ascii=False keeps a lone
# surrogate as it is, for the search below. What it lets through that the emitter refuses, an integer
# beyond 64 bits, has at least 19 digits in a row. Any doubt is settled by the emitter itself, whose
# InputError (the field's path, the value and why) is the one `hagen synth` raises.
_LONG_DIGITS = re.compile(r"[0-9]{19}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _known(value: Any) -> Any:
    """What the encoder gives for the non-JSON values the emitter writes (dates, times with a zone)."""
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            raise TypeError("a datetime without a time zone")
        return ""
    if isinstance(value, datetime.date):
        return ""
    raise TypeError(type(value).__name__)


_ENCODE = json.JSONEncoder(allow_nan=False, ensure_ascii=False, check_circular=False, default=_known).encode


def check_writable(data: Any) -> None:
    """Raise the InputError `hagen._yaml.dump` would raise for `data` (a document: an object, Helm values,
    a cluster fragment): ``cannot write FIELD as YAML: WHY`` for a float that is NaN or infinite (JSON has
    neither), a string holding a lone surrogate (not UTF-8), an integer beyond int64, a datetime without
    a time zone or a value of no YAML type. Returns None when the emitter writes it."""
    try:
        text = _ENCODE(data)
    except (ValueError, TypeError, RecursionError):
        emit(data)
        return
    if _LONG_DIGITS.search(text) is not None or (not text.isascii() and _SURROGATE.search(text)):
        emit(data)
