"""A Markdown report for a pull-request comment: summary first, one collapsible table per object.

GitHub refuses comments over 65,536 characters: when the report would be longer, objects' details are
left out from the last one back (their headings and verdicts stay), and the report says so.
"""

from __future__ import annotations

import html
import re

from ._model import DiffResult, ObjectDiff
from ._render import SYMBOL, change_values, inline, summary, title, where
from ._render_verdict import callouts, ignored_lines, verdict_lines


def _one_line(text: str) -> str:
    return re.sub(r"\r\n|[\r\n]", " ", text)


def code(text: str) -> str:
    """`text` as one Markdown code span: newlines folded, fenced by more backticks than its longest run
    (CommonMark 6.1), padded when it starts or ends with a backtick."""
    text = _one_line(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" or (text.strip(" ") == "" and text) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell(text: str) -> str:
    # GFM splits table cells on `|` before inline parsing, even inside code spans: escape it there too.
    return code(text).replace("|", "\\|")


MAX_CHARS = 65_536
"""GitHub's limit on a pull-request comment body."""


def _heading(obj: ObjectDiff) -> str:
    place = f" ({where(obj)})" if where(obj) else ""
    verdict = f" **{obj.verdict.name}**" if obj.verdict else ""
    place = html.escape(_one_line(place))
    return f"<code>{SYMBOL[obj.status]} {html.escape(_one_line(title(obj)))}</code>{verdict}{place}"


def _details(result: DiffResult, obj: ObjectDiff) -> list[str]:
    lines = [f"<details><summary>{_heading(obj)}</summary>", ""]
    verdict = verdict_lines(obj)
    if verdict:
        longest = max((len(run) for line in verdict for run in re.findall(r"`+", line)), default=0)
        fence = "`" * max(3, longest + 1)  # a closing fence must be at least as long as the opening one
        lines.extend((f"{fence}text", *verdict, fence, ""))
    source = result.sources.get(obj.file)
    if source:
        lines.extend((f"blueprint: {code(source)}", ""))
    lines.extend(("| change | field | old | new |", "|---|---|---|---|"))
    for change in obj.changes:
        old, new = change_values(change)
        if change.kind == "moved" and not change.path:
            old, new = f"{old[0]} ({old[1]})", f"{new[0]} ({new[1]})"
            lines.append(f"| moved | | {_cell(old)} | {_cell(new)} |")
            continue
        if not change.path:
            lines.append(f"| {change.kind} | (whole document) | | |")
            continue
        path = change.path_str + (" (by position)" if change.by_position else "")
        old_text = "" if change.kind == "added" else _cell(inline(old))
        new_text = "" if change.kind == "removed" else _cell(inline(new))
        lines.append(f"| {change.kind} | {_cell(path)} | {old_text} | {new_text} |")
    lines.extend(("", "</details>", ""))
    return lines


def format_markdown(result: DiffResult, *, color: bool = False, limit: int = MAX_CHARS) -> str:
    """``### hagen diff``, call-outs, the summary, the ignore rules' counts and the notes, a `<details>`
    table per object, formatting-only and foreign files; at most `limit` characters (details dropped from
    the end, and said so)."""
    head = [f"### hagen diff: {'drift' if result.drift else 'no drift'}", ""]
    called = callouts(result)
    if called:
        head.extend(("> [!CAUTION]", *(f"> - {_one_line(line)}  " for line in called), ""))
    head.extend((f"{summary(result)}", ""))
    head.extend(f"- {_one_line(line)}" for line in ignored_lines(result))
    head.extend(f"- note: {_one_line(note)}" for note in result.notes)
    if head[-1].startswith("- "):
        head.append("")  # else the next line would continue the list's last item
    head.extend((f"{code(result.old_label)} → {code(result.new_label)}", ""))
    blocks = [_details(result, obj) for obj in result.objects]
    tail = _tail(result)
    room = limit - sum(len(line) + 1 for line in (*head, *tail)) - 600  # 600: the note on what was left out
    lines = [*head]
    kept = 0
    for block in blocks:
        size = sum(len(line) + 1 for line in block)
        if size > room:
            break
        lines.extend(block)
        room -= size
        kept += 1
    if kept < len(blocks):
        lines.append(
            f"**{len(blocks) - kept} of {len(blocks)} objects' details left out** to fit a comment "
            f"({limit:,} characters); run `hagen diff` for all of them:"
        )
        listed = 0
        for obj in result.objects[kept:]:
            line = f"- {_heading(obj)}"
            if len(line) + 1 > room:
                break
            lines.append(line)
            room -= len(line) + 1
            listed += 1
        rest = len(blocks) - kept - listed
        if rest:
            lines.append(f"- ... and {rest} more object{'s' * (rest != 1)}, not listed")
        lines.append("")
    lines.extend(tail)
    return "\n".join(lines)


def _tail(result: DiffResult) -> list[str]:
    lines: list[str] = []
    if result.formatting_only:
        lines.append("**Formatting only** (nothing would change on the cluster):")
        lines.extend(f"- {code(path)}" for path in result.formatting_only)
        lines.append("")
    if result.foreign:
        lines.append("Not generated by hagen (left alone, not drift):")
        lines.extend(f"- {code(path)}" for path in result.foreign)
        lines.append("")
    return lines
