"""A layout that places its widgets left to right and goes on in a next line where the width runs out: a
row of buttons that still fits beside the card browser on a 1366-pixel laptop."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items at their preferred size, left to right, wrapped into lines, each item centred in its line's
    height; a line's room to spare goes to its stretching items. It asks for one line's width and needs only
    its widest item's; its height follows the width it gets."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretching: set[QWidget] = set()
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def add_stretching(self, widget: QWidget) -> None:
        """Add ``widget``, which takes the room its line has to spare (a search field, a list to choose)."""
        self._stretching.add(widget)
        self.addWidget(widget)

    # --- QLayout ---------------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretching.discard(item.widget())
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """One line's width (what it would like), and that line's height."""
        shown = self._shown()
        width = sum(max(0, item.sizeHint().width()) for item in shown) + self.spacing() * max(
            0, len(shown) - 1
        )
        height = max((item.sizeHint().height() for item in shown), default=0)
        return self._grown(QSize(width, height))

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return self._grown(size)

    # --- placing ---------------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]  # a hidden widget takes no room

    def _grown(self, size: QSize) -> QSize:
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Break the items into lines within ``rect`` (placing them when ``place``); the height needed."""
        area = rect.marginsRemoved(self.contentsMargins())
        gap = self.spacing()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._shown():
            hint = item.sizeHint().expandedTo(QSize(0, 0))  # an empty spacer widget has no hint
            size = QSize(min(hint.width(), area.width()), hint.height()).expandedTo(item.minimumSize())
            if lines[-1] and x + gap + size.width() > area.width():
                lines.append([])
                x = 0
            x += (gap if lines[-1] else 0) + size.width()
            lines[-1].append((item, size))
        y = area.y()
        for line in lines:
            height = max((size.height() for _item, size in line), default=0)
            spare = area.width() - sum(size.width() for _item, size in line) - gap * (len(line) - 1)
            stretching = sum(1 for item, _size in line if item.widget() in self._stretching)
            x = area.x()
            for item, size in line:
                if spare > 0 and item.widget() in self._stretching:
                    size = QSize(size.width() + spare // stretching, size.height())
                if place:
                    item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
                x += size.width() + gap
            y += height + gap
        used = y - gap - area.y() if any(lines) else 0
        margins = self.contentsMargins()
        return used + margins.top() + margins.bottom()
