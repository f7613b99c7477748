"""Cron schedules as a CronJob's `spec.schedule` is parsed: robfig/cron v3's ParseStandard.

Five fields (minute hour day-of-month month day-of-week), each `*`, `?`, a number or a name (JAN-DEC,
SUN-SAT), a range `a-b`, a step `/n`, comma lists; or a descriptor (@yearly, @annually, @monthly, @weekly,
@daily, @midnight, @hourly, `@every <Go duration>`); optionally prefixed by `TZ=` or `CRON_TZ=`. The
error texts are robfig/cron's, which the API server passes on as the detail of an Invalid value.
"""

from __future__ import annotations

import re

_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
_DAYS = {d: i for i, d in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])}
_DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
_DURATION = r"^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)"


def _go_duration(text: str) -> bool:
    """time.ParseDuration accepts `text` (e.g. 1h30m, 90s, 1.5h)."""
    rest = text.lstrip("+-")
    if rest == "0":
        return True
    if not rest:
        return False
    while rest:
        match = re.match(_DURATION, rest)
        if match is None:
            return False
        rest = rest[match.end() :]
    return True


def _number(text: str, names: dict[str, int], expr: str) -> int:
    if text.lower() in names:
        return names[text.lower()]
    if not text.isdigit():
        raise ValueError(f'failed to parse int from {text}: strconv.Atoi: parsing "{text}": invalid syntax')
    return int(text)


def _field(expr: str, low: int, high: int, names: dict[str, int]) -> None:
    for part in expr.split(","):
        range_and_step = part.split("/")
        if len(range_and_step) > 2:
            raise ValueError(f"too many slashes: {part}")
        bounds = range_and_step[0].split("-")
        if len(bounds) > 2:
            raise ValueError(f"too many hyphens: {part}")
        if bounds[0] in ("*", "?"):
            start, end = low, high
        else:
            start = _number(bounds[0], names, part)
            end = _number(bounds[1], names, part) if len(bounds) == 2 else start
        if len(range_and_step) == 2:
            step = _number(range_and_step[1], {}, part)
            if step <= 0:
                raise ValueError(f"step of range should be a positive number: {part}")
        if start < low:
            raise ValueError(f"beginning of range ({start}) below minimum ({low}): {part}")
        if end > high:
            raise ValueError(f"end of range ({end}) above maximum ({high}): {part}")
        if start > end:
            raise ValueError(f"beginning of range ({start}) beyond end of range ({end}): {part}")


def cron_error(spec: str) -> str | None:
    """None when ParseStandard accepts `spec`, else its error text (e.g. "expected exactly 5 fields ...")."""
    text = spec.strip()
    if not text:
        return "empty spec string"
    if text.startswith(("TZ=", "CRON_TZ=")):
        _head, _, text = text.partition(" ")
        text = text.strip()
    if text.startswith("@"):
        if text in _DESCRIPTORS:
            return None
        if text.startswith("@every "):
            duration = text[len("@every ") :]
            return (
                None
                if _go_duration(duration)
                else f'failed to parse duration {text}: time: invalid duration "{duration}"'
            )
        return f"unrecognized descriptor: {text}"
    fields = text.split()
    if len(fields) != 5:
        return f"expected exactly 5 fields, found {len(fields)}: [{' '.join(fields)}]"
    names = (None, None, None, _MONTHS, _DAYS)
    for expr, (low, high), table in zip(fields, _BOUNDS, names, strict=True):
        try:
            _field(expr, low, high, table or {})
        except ValueError as exc:
            return str(exc)
    return None
