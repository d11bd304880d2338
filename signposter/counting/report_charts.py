"""The report's charts as SVG, drawn by matplotlib for paper as well as screens.

Every bar carries its number, and series differ by hatching and shade as well
as by name, so a chart reads the same printed in black and white. Text stays
SVG text (the browser shapes Arabic, Bengali and Devanagari), never TeX.
"""

from __future__ import annotations

import html
import io
import textwrap
import warnings

# Shade and hatching of each series (campaign phase), darkest first: tell
# apart in greyscale without colour.
SERIES_STYLES = [
    ("#404040", ""),
    ("#ffffff", "///"),
    ("#b0b0b0", ""),
    ("#ffffff", "..."),
    ("#b0b0b0", "xx"),
    ("#ffffff", "\\\\\\"),
    ("#e0e0e0", "++"),
    ("#ffffff", "oo"),
]
LINE_LENGTH = 38


def label(text: str) -> str:
    """A name on at most two lines (the table beside the chart has it whole)."""
    lines = textwrap.wrap(text, LINE_LENGTH) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LINE_LENGTH - 1] + "…"]
    return "\n".join(lines)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    matplotlib.rcParams["svg.hashsalt"] = "signposter"  # the same SVG for the same data
    matplotlib.rcParams["svg.fonttype"] = "none"
    # Labels come from access logs: $\frac{$ must stay text, never TeX.
    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams["text.usetex"] = False
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.size"] = 10
    matplotlib.rcParams["hatch.linewidth"] = 0.8
    return pyplot


def _svg(figure, title: str) -> str:
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # Sizes are measured with matplotlib's font, which lacks some scripts;
        # the browser draws the text with its own fonts.
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        warnings.filterwarnings("ignore", message="Matplotlib currently does not")
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    return text.replace(
        "<svg ", f'<svg role="img" aria-label="{html.escape(title)}" ', 1
    )


def _plain_axes(axes, rtl: bool) -> None:
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.set_xticks([])
    axes.tick_params(axis="y", length=0)
    if rtl:  # bars grow from the right, names on the right, as the page reads
        axes.invert_xaxis()
        axes.yaxis.tick_right()
        axes.spines["left"].set_visible(False)
        axes.spines["right"].set_visible(True)


def bar_chart(title: str, names: list[str], values: list[int], numbers, rtl=False):
    """Horizontal bars, largest first, each labelled with its number."""
    pyplot = _pyplot()
    labels = [label(n) for n in names]
    height = 0.8 + (0.5 if any("\n" in t for t in labels) else 0.36) * len(names)
    figure, axes = pyplot.subplots(figsize=(8, height), layout="constrained")
    positions = list(range(len(names)))[::-1]
    bars = axes.barh(
        positions, values, color="#505050", edgecolor="#000000", linewidth=0.6
    )
    axes.set_yticks(positions, labels)
    axes.set_xlim(0, max(values) * 1.15 or 1)
    _plain_axes(axes, rtl)  # before the labels, which follow the axis' direction
    axes.bar_label(bars, [numbers(v) for v in values], padding=3)
    text = _svg(figure, title)
    pyplot.close(figure)
    return text


def grouped_bar_chart(
    title: str,
    groups: list[str],
    series: list[tuple[str, list[int]]],
    numbers,
    rtl=False,
):
    """One group of bars per row (country), one bar per series (phase) it has.

    A series with no count in a group takes no room there; each bar is named
    and numbered ("Phase 2: 1,769"), its hatching repeating the name for print.
    """
    pyplot = _pyplot()
    rows, ticks, at = [], [], 0.0
    for g in range(len(groups)):
        start = at
        for index, (name, values) in enumerate(series):
            if values[g]:
                rows.append((at, values[g], index, name))
                at += 1
        ticks.append((start + at - 1) / 2 if at > start else start)
        at += 0.7  # the gap between countries
    height = 0.6 + 0.3 * at
    figure, axes = pyplot.subplots(figsize=(8, height), layout="constrained")
    largest = max((v for _, v, _, _ in rows), default=1)
    axes.set_xlim(0, largest * 1.3)
    axes.set_ylim(-at + 0.3, 0.7)
    _plain_axes(axes, rtl)  # before the labels, which follow the axis' direction
    for position, value, index, name in rows:
        face, hatch = SERIES_STYLES[index % len(SERIES_STYLES)]
        drawn = axes.barh(
            [-position],
            [value],
            height=0.86,
            color=face,
            hatch=hatch,
            edgecolor="#000000",
            linewidth=0.6,
        )
        axes.bar_label(drawn, [f"{label(name)}: {numbers(value)}"], padding=3)
    axes.set_yticks([-t for t in ticks], [label(g) for g in groups])
    text = _svg(figure, title)
    pyplot.close(figure)
    return text
