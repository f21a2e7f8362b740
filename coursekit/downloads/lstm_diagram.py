"""The LSTM gate diagram (drawing.py's geometry) as SVG and as PNG."""
from __future__ import annotations

import math
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from coursekit.downloads import drawing as d

SVG_NAME = "lstm-gate-diagram.svg"
PNG_NAME = "lstm-gate-diagram.png"
PNG_SCALE = 2  # 2000 x 1200 px: sharp when printed on A4
HEAD = 14  # arrowhead length, in diagram units


def svg() -> str:
    """The diagram as a standalone SVG with real <text>, a <title> and a <desc>."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {d.WIDTH} {d.HEIGHT}" '
        f'width="{d.WIDTH}" height="{d.HEIGHT}" role="img" aria-labelledby="lstm-title lstm-desc" '
        'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">',
        f'<title id="lstm-title">{escape(d.TITLE)}</title>',
        f'<desc id="lstm-desc">{escape(d.DESCRIPTION)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for a in d.ARROWS:
        pts = " ".join(f"{x:g},{y:g}" for x, y in a.points)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{a.colour}" stroke-width="{a.width:g}"/>')
        if a.head:
            out.append(f'<polygon points="{_head_points(a)}" fill="{a.colour}"/>')
    for g in d.GATES:
        out.append(f'<g class="gate"><rect x="{g.cx - g.w / 2:g}" y="{g.cy - g.h / 2:g}" width="{g.w:g}" '
                   f'height="{g.h:g}" rx="8" fill="{d.GATE}" stroke="{d.INK}" stroke-width="2"/>'
                   f'{_svg_text(g.cx, g.cy - 6, g.title, d.INK, 18)}{_svg_text(g.cx, g.cy + 20, g.formula, d.INK, 16)}</g>')
    for o in d.OPS:
        out.append(f'<circle cx="{o.cx:g}" cy="{o.cy:g}" r="{o.r:g}" fill="#ffffff" stroke="{d.INK}" stroke-width="2"/>'
                   + _svg_text(o.cx, o.cy + 7, o.symbol, d.INK, 20))
    for lb in d.LABELS:
        out.append(_svg_text(lb.x, lb.y, lb.text, lb.colour, lb.size, lb.anchor))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def png(path: Path) -> None:
    """The diagram as a PNG, PNG_SCALE pixels per diagram unit."""
    s = PNG_SCALE
    img = Image.new("RGB", (d.WIDTH * s, d.HEIGHT * s), "#ffffff")
    draw = ImageDraw.Draw(img)
    fonts: dict[float, ImageFont.FreeTypeFont] = {}

    def text(x: float, y: float, t: str, colour: str, size: float, anchor: str = "middle") -> None:
        font = fonts.setdefault(size, ImageFont.load_default(size=size * s))
        # SVG places text on its baseline; Pillow's "s" anchors do the same
        draw.text((x * s, y * s), t, fill=colour, font=font, anchor={"middle": "ms", "start": "ls", "end": "rs"}[anchor])

    for a in d.ARROWS:
        draw.line([(x * s, y * s) for x, y in a.points], fill=a.colour, width=int(a.width * s), joint="curve")
        if a.head:
            draw.polygon([(x * s, y * s) for x, y in _head(a)], fill=a.colour)
    for g in d.GATES:
        draw.rounded_rectangle([(g.cx - g.w / 2) * s, (g.cy - g.h / 2) * s, (g.cx + g.w / 2) * s, (g.cy + g.h / 2) * s],
                               radius=8 * s, fill=d.GATE, outline=d.INK, width=2 * s)
        text(g.cx, g.cy - 6, g.title, d.INK, 18)
        text(g.cx, g.cy + 20, g.formula, d.INK, 16)
    for o in d.OPS:
        draw.ellipse([(o.cx - o.r) * s, (o.cy - o.r) * s, (o.cx + o.r) * s, (o.cy + o.r) * s],
                     fill="#ffffff", outline=d.INK, width=2 * s)
        text(o.cx, o.cy + 7, o.symbol, d.INK, 20)
    for lb in d.LABELS:
        text(lb.x, lb.y, lb.text, lb.colour, lb.size, lb.anchor)
    img.save(path, optimize=True)


def write(out: Path) -> list[Path]:
    (out / SVG_NAME).write_text(svg(), encoding="utf-8")
    png(out / PNG_NAME)
    return [out / SVG_NAME, out / PNG_NAME]


def _head(a: d.Arrow) -> list[tuple[float, float]]:
    """A triangle whose tip is the arrow's last point, pointing along its last segment."""
    (x0, y0), (x1, y1) = a.points[-2], a.points[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    back = [(x1 - HEAD * math.cos(ang + da), y1 - HEAD * math.sin(ang + da)) for da in (0.4, -0.4)]
    return [(x1, y1), *back]


def _head_points(a: d.Arrow) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in _head(a))


def _svg_text(x: float, y: float, t: str, colour: str, size: float, anchor: str = "middle") -> str:
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" fill="{colour}" text-anchor="{anchor}">{escape(t)}</text>'
