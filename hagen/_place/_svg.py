"""The placement as an SVG picture: zones as groups, nodes as boxes, pods coloured by tier, Pending apart.

Output bytes depend only on the placement: no timestamps, ids or hash-seeded ordering. Tiers take the
palette's colours in name order, so the tiers of one picture never share a colour (up to twelve tiers) and a
blueprint's tiers keep their colours from run to run. When the pods span namespaces, pods are shown as
``namespace/name`` and a tier is ``namespace/tier``: a tier `api` of two namespaces is two tiers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._text import plural
from ._report import zones_of
from ._simulate import Placement, Simulation

# Okabe & Ito's colour-blind-safe palette (black last). A tier is also named on
# its chips and in the legend, so two tiers that share a colour in a large picture stay apart.
PALETTE = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#000000",
)
CHIP_W, CHIP_H, GAP, PER_ROW = 130, 18, 6, 2
NODE_W = PER_ROW * CHIP_W + (PER_ROW + 1) * GAP
ZONE_W = NODE_W + 2 * 10


NO_TIER = "#8c8c8c"


def _luminance(color: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_color(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill` (WCAG contrast ratio)."""
    lum = _luminance(fill)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def tier_colors(tiers: Iterable[str | None]) -> dict[str | None, str]:
    """A colour per tier, distinct within the picture: the palette in tier-name order (grey: no tier)."""
    named = sorted({t for t in tiers if t})
    colors: dict[str | None, str] = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(named)}
    colors[None] = NO_TIER
    return colors


def namespaced_tier_colors(
    pairs: Iterable[tuple[str, str | None]],
) -> dict[tuple[str, str | None], str]:
    """(namespace, tier) -> the colour `render_svg` gives pods of that tier when the pictured pods are
    `pairs` (their namespaces and tiers): tiers are ``namespace/tier`` when the pairs span namespaces,
    as `Simulation.tier_name` names them, so the report's graph colours a tier as its pods are."""
    found = list(dict.fromkeys(pairs))
    qualified = len({ns for ns, _ in found}) > 1

    def name(ns: str, tier: str | None) -> str | None:
        return (f"{ns}/{tier}" if qualified else tier) if tier else None

    colors = tier_colors(name(ns, tier) for ns, tier in found)
    return {(ns, tier): colors[name(ns, tier)] for ns, tier in found}


def _chip(
    sim: Simulation, p: Placement, x: int, y: int, colors: dict[str | None, str], reason: str = ""
) -> dict[str, Any]:
    name = sim.pod_name(p.pod)
    label = name if len(name) <= 20 else name[:19] + "…"
    title = f"{name} ({p.pod.tier or 'no tier'})" + (f": {reason}" if reason else "")
    color = colors[sim.tier_name(p.pod)]
    return {
        "x": x,
        "y": y,
        "w": CHIP_W,
        "h": CHIP_H,
        "color": color,
        "text": text_color(color),
        "label": label,
        "title": title,
    }


def reason_groups(p: Placement) -> list[tuple[tuple[str, ...], list[str]]]:
    """A Pending pod's rejected nodes grouped by their reasons: (reasons, node names), in node order."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for node, why in p.reasons.items():
        groups.setdefault(why, []).append(node)
    return list(groups.items())


def pending_title(sim: Simulation, p: Placement, limit: int = 8) -> str:
    """The hover text of a Pending pod: the scheduler's message, then each node's reasons (grouped)."""
    lines = [sim.message(p)]
    groups = reason_groups(p)
    for why, nodes in groups[:limit]:
        names = ", ".join(nodes[:6]) + (f" and {len(nodes) - 6} more" if len(nodes) > 6 else "")
        lines.append(f"{names}: {'; '.join(why)}")
    if len(groups) > limit:
        lines.append(f"... {len(groups) - limit} more groups of nodes")
    return "\n".join(lines)


def _rows(n: int) -> int:
    return max(1, (n + PER_ROW - 1) // PER_ROW)


def render_svg(sim: Simulation) -> str:
    """The SVG document (text) for `sim`."""
    import jinja2

    by_pod = {p.pod: p for p in sim.placements}
    colors = tier_colors(sim.tier_name(p.pod) for p in sim.placements)
    zones = []
    bottom = 0
    for col, (zone, indices) in enumerate(zones_of(sim).items()):
        zx, y = 10 + col * (ZONE_W + 10), 10
        nodes = []
        ny = y + 26
        for i in indices:
            members = sorted(sim.state.pods_on[i], key=lambda p: p.order)
            h = 20 + _rows(len(members)) * (CHIP_H + 4) + 4
            chips = [
                _chip(
                    sim,
                    by_pod[m],
                    zx + 10 + GAP + (k % PER_ROW) * (CHIP_W + GAP),
                    ny + 20 + (k // PER_ROW) * (CHIP_H + 4),
                    colors,
                )
                for k, m in enumerate(members)
            ]
            nodes.append(
                {"x": zx + 10, "y": ny, "w": NODE_W, "h": h, "name": sim.state.nodes[i].name, "pods": chips}
            )
            ny += h + 8
        zones.append({"x": zx, "y": y, "w": ZONE_W, "h": ny - y + 2, "name": zone, "nodes": nodes})
        bottom = max(bottom, ny + 12)
    width = max(10 + len(zones) * (ZONE_W + 10), ZONE_W + 20)
    pending = []
    box = {"x": 10, "y": bottom, "w": width - 20, "h": 0}
    if sim.pending:
        per_row = max(1, (width - 40) // (CHIP_W + GAP))
        for k, p in enumerate(sim.pending):
            x = 20 + (k % per_row) * (CHIP_W + GAP)
            y = bottom + 26 + (k // per_row) * (CHIP_H + 4)
            chip = _chip(sim, p, x, y, colors, pending_title(sim, p))
            pending.append(chip)
        box["h"] = 34 + ((len(pending) + per_row - 1) // per_row) * (CHIP_H + 4)
        bottom += box["h"] + 12
    tiers = sorted({sim.tier_name(p.pod) or "" for p in sim.placements})
    legend = [
        {"x": 10 + k * 150, "y": bottom, "color": colors[t or None], "tier": t or "(no tier)"}
        for k, t in enumerate(tiers)
    ]
    width = max(width, 10 + len(legend) * 150)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("hagen._place", ""), autoescape=True, keep_trailing_newline=True
    )
    counts = f"{plural(len(sim.nodes), 'node')}, {plural(len(sim.placements), 'pod')}"
    title = f"{counts}, {len(sim.pending)} Pending"
    return env.get_template("_svg.svg.j2").render(
        width=width,
        height=bottom + 24,
        zones=zones,
        pending=pending,
        pending_box=box,
        legend=legend,
        title=title,
    )
