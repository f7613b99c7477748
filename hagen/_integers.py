"""Whole numbers as the Kubernetes API stores them (int32 and int64 fields), checked strictly.

pydantic would turn ``True`` into 1 and ``"3"`` into 3, and Python's int has no upper bound; the API server
decodes JSON numbers into Go's int32/int64 and refuses anything else. These types refuse booleans, strings,
floats and out-of-range values with a message that says what is allowed.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _whole(bits: int, low: int, high: int) -> Any:
    allowed = f"a whole number (int{bits}, {low} to {high})"

    def check(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is a boolean, not an integer; allowed: {allowed}")
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is a {type(value).__name__}, not an integer; allowed: {allowed}")
        if not low <= value <= high:
            raise ValueError(f"{value} is beyond int{bits}; allowed: {allowed}")
        return value

    return BeforeValidator(check)


Int32 = Annotated[int, _whole(32, INT32_MIN, INT32_MAX)]
"""A Kubernetes int32 field (replicas, containerPort, probe seconds, maxSkew, ...)."""
Int64 = Annotated[int, _whole(64, INT64_MIN, INT64_MAX)]
"""A Kubernetes int64 field (runAsUser, runAsGroup, fsGroup)."""
