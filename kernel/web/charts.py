"""Geometry of the server-rendered SVG charts: the templates draw what these functions place,
so the charts need no JavaScript and read the same in every browser."""

from collections.abc import Sequence
from dataclasses import dataclass

# Sequential palette (light to dark blue, the gov.br hue) for the map's five classes.
PALETTE = ("#dbe8fb", "#a8c8f5", "#5992ed", "#1351b4", "#071d41")
NO_DATA = "#e6e6e6"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    y: float
    width: float
    href: str = ""


def bars(
    rows: Sequence[tuple[str, float, str, str]], *, width: int = 480, row_height: int = 26
) -> dict[str, object]:
    """Horizontal bars: (label, value, value as text, link) per row, scaled to the largest."""
    label_width, value_width = 150, 50
    room = width - label_width - value_width
    top = max((value for _label, value, _text, _href in rows), default=0) or 1
    placed = [
        Bar(
            label=label,
            value=value,
            text=text,
            y=index * row_height,
            width=max(room * value / top, 1 if value else 0),
            href=href,
        )
        for index, (label, value, text, href) in enumerate(rows)
    ]
    return {
        "bars": placed,
        "width": width,
        "height": max(len(placed), 1) * row_height,
        "label_width": label_width,
        "bar_height": row_height - 8,
        "value_x": label_width + 6,
    }


def series(points: Sequence[tuple[str, int]], *, width: int = 640, height: int = 220) -> dict:
    """A line with dots: (label, value) per month, with a zero baseline and the top value."""
    left, right, top_pad, bottom = 44, 12, 16, 36
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((value for _label, value in points), default=0) or 1
    step = plot_w / max(len(points) - 1, 1)
    dots = []
    for index, (label, value) in enumerate(points):
        x = left + index * step if len(points) > 1 else left + plot_w / 2
        y = top_pad + plot_h - plot_h * value / top
        dots.append({"x": round(x, 1), "y": round(y, 1), "label": label, "value": value})
    every = max(1, len(dots) // 6)
    return {
        "width": width,
        "height": height,
        "dots": dots,
        "path": " ".join(f"{dot['x']},{dot['y']}" for dot in dots),
        "ticks": [dot for index, dot in enumerate(dots) if index % every == 0],
        "left": left,
        "right": width - right,
        "baseline": top_pad + plot_h,
        "top": top_pad,
        "max": top,
        "label_y": height - 12,
    }


def _classes(values: list[float]) -> list[float]:
    """Upper bounds of five classes by quantile of the values (ties merge classes)."""
    ordered = sorted(values)
    if not ordered:
        return []
    return [
        ordered[min(len(ordered) - 1, round(len(ordered) * q) - 1)]
        for q in (0.2, 0.4, 0.6, 0.8, 1.0)
    ]


def choropleth(
    places: Sequence[dict[str, object]], *, metric: str, width: int = 640
) -> dict[str, object]:
    """One dot per municipality at its coordinates, coloured by `metric`'s quantile class (grey
    where it is undefined); the state's outline comes from the dots themselves."""
    if not places:
        return {"width": width, "height": 0, "dots": [], "legend": []}
    lons = [float(p["longitude"]) for p in places]
    lats = [float(p["latitude"]) for p in places]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad = 10
    scale = (width - 2 * pad) / ((east - west) or 1)
    height = round((north - south) * scale + 2 * pad)
    values = [float(p[metric]) for p in places if p.get(metric) is not None and p.get("filed")]
    bounds = _classes(values)
    dots = []
    for place in places:
        value = place.get(metric)
        has_value = value is not None and bool(place.get("filed"))
        colour = NO_DATA
        if has_value:
            colour = PALETTE[next(i for i, bound in enumerate(bounds) if float(value) <= bound)]
        dots.append(
            {
                "x": round(pad + (float(place["longitude"]) - west) * scale, 1),
                "y": round(pad + (north - float(place["latitude"])) * scale, 1),
                "r": 6 if has_value else 3,
                "colour": colour,
                "name": place["name"],
                "value": value if has_value else None,
                "filed": place.get("filed", 0),
                "ibge_code": place["ibge_code"],
            }
        )
    dots.sort(key=lambda dot: dot["r"])  # cities with figures drawn on top
    legend, low = [], 0.0
    for index, bound in enumerate(bounds):
        if index and bound == bounds[index - 1]:
            continue
        legend.append({"colour": PALETTE[index], "low": low, "high": bound})
        low = bound
    return {"width": width, "height": height, "dots": dots, "legend": legend}
