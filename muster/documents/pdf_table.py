"""A long data table drawn straight on the canvas: the rows of a book, page after page.

reportlab's ``Table`` measures, splits and re-creates itself on every page: a book of 9,000
rows cost it tens of seconds (issue 16). ``BookTable`` breaks every cell into lines once
(``simpleSplit``, by the font's widths), knows each row's height, and splits in constant time
(a view on the same rows, by index); each page repeats the header row. Cells are plain text:
numbers right-aligned, the rest left, each row as tall as its longest cell, centred vertically.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

PAD_X = 4.0
PAD_Y = 2.5
GRID = 0.4


@dataclass(frozen=True)
class Layout:
    """What every page of one table shares: the columns and the header, laid out once."""

    widths: list[float]
    right: list[bool]  # numbers align right
    font: str
    bold: str
    size: float
    leading: float
    header: list[list[str]]  # each header cell broken into lines
    header_height: float
    rows: list[list[list[str]]]  # each body cell broken into lines
    tops: list[float]  # cumulative heights: tops[i] = height of rows[:i]


def layout(
    headers: Sequence[str], body: Sequence[Sequence[str]], widths: Sequence[float],
    right: Sequence[bool], *, font: str, bold: str, size: float = 8, leading: float = 10,
) -> Layout:  # fmt: skip
    room = [w - 2 * PAD_X for w in widths]
    split_cache: dict[tuple[str, int, str], list[str]] = {}

    def lines(text: str, column: int, face: str) -> list[str]:
        # No glyph is wider than the font's size: text this short fits unmeasured.
        if len(text) * size <= room[column] and "\n" not in text:
            return [text]
        key = (text, column, face)
        found = split_cache.get(key)
        if found is None:
            found = split_cache[key] = [
                line
                for part in text.splitlines()
                for line in simpleSplit(part, face, size, room[column])
            ] or [""]
        return found

    header = [lines(h, i, bold) for i, h in enumerate(headers)]
    rows = [[lines(text, i, font) for i, text in enumerate(row)] for row in body]
    heights = [max(len(c) for c in row) * leading + 2 * PAD_Y for row in rows]
    return Layout(
        widths=list(widths),
        right=list(right),
        font=font,
        bold=bold,
        size=size,
        leading=leading,
        header=header,
        header_height=max((len(c) for c in header), default=1) * leading + 2 * PAD_Y,
        rows=rows,
        tops=[0.0, *accumulate(heights)],
    )


class BookTable(Flowable):  # type: ignore[misc]
    """Rows ``start:end`` of a ``Layout`` under its header row."""

    def __init__(self, table: Layout, start: int = 0, end: int | None = None) -> None:
        super().__init__()
        self.table = table
        self.start = start
        self.end = len(table.rows) if end is None else end

    def _height(self, end: int) -> float:
        t = self.table
        return t.header_height + t.tops[end] - t.tops[self.start]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = sum(self.table.widths)
        self.height = self._height(self.end)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        t = self.table
        room = available_height - t.header_height
        # The last row that ends within the room (at least one row, so a page always moves on).
        fits = bisect_right(t.tops, t.tops[self.start] + room, lo=self.start) - 1
        if fits <= self.start:
            return []  # not even one row: the next page
        if fits >= self.end:
            return [self]
        return [BookTable(t, self.start, fits), BookTable(t, fits, self.end)]

    def draw(self) -> None:
        t, canvas = self.table, self.canv
        width, height = sum(t.widths), self._height(self.end)
        xs = [0.0, *accumulate(t.widths)]
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eeeeee"))
        canvas.rect(0, height - t.header_height, width, t.header_height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        text = canvas.beginText()
        self._cells(text, t.header, height, t.header_height, xs, t.bold, centre=True)
        y = height - t.header_height
        for index in range(self.start, self.end):
            row_height = t.tops[index + 1] - t.tops[index]
            self._cells(text, t.rows[index], y, row_height, xs, t.font, centre=False)
            y -= row_height
        canvas.drawText(text)
        canvas.setLineWidth(GRID)
        lines: list[tuple[float, float, float, float]] = [(x, 0.0, x, height) for x in xs]
        y = height
        lines.append((0.0, y, width, y))
        y -= t.header_height
        lines.append((0.0, y, width, y))
        for index in range(self.start, self.end):
            y -= t.tops[index + 1] - t.tops[index]
            lines.append((0.0, y, width, y))
        canvas.lines(lines)
        canvas.restoreState()

    def _cells(self, text: Any, cells: list[list[str]], top: float, row_height: float,
               xs: list[float], face: str, *, centre: bool) -> None:  # fmt: skip
        t = self.table
        text.setFont(face, t.size, t.leading)
        for column, lines in enumerate(cells):
            block = len(lines) * t.leading
            baseline = top - (row_height - block) / 2 - t.leading + (t.leading - t.size) / 2 + 1
            for line in lines:
                if line:
                    if centre or t.right[column]:
                        w = pdfmetrics.stringWidth(line, face, t.size)
                        x = (
                            xs[column] + (t.widths[column] - w) / 2
                            if centre
                            else xs[column + 1] - PAD_X - w
                        )
                    else:
                        x = xs[column] + PAD_X
                    text.setTextOrigin(x, baseline)
                    text.textOut(line)
                baseline -= t.leading
