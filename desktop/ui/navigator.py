"""The navigator: programme → cohorts → sessions and leader groups; the service-location register; the
facilitators. Rebuilt from one read of the register on every change, keeping expansion and selection."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QTreeView, QVBoxLayout, QWidget

from desktop.domain.rules import format_date
from desktop.i18n import _
from desktop.ui.widgets import local_shortcut

if TYPE_CHECKING:
    from desktop.services.views import Tree

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # what the search matches: the text, and for a group its people


def node_key(kind: str, ident: object = "") -> str:
    return f"{kind}:{ident}"


class NavigatorPanel(QWidget):
    """Emits ``selected(key)`` with ``"kind:uuid"`` keys (folders: ``"sessions:<cohort uuid>"``)."""

    selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            _("Søk i kull, samlinger, ledergrupper, tjenestesteder, veiledere …")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Søk i navigatoren"))
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName(_("Navigator"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)
        self.filter_edit.textChanged.connect(self._filter)
        self._reselecting = False  # set_tree puts the selection back (no new selection to show)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        local_shortcut(Qt.Key.Key_Escape, self.filter_edit, self.filter_edit.clear)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self.filter_edit, self._into_results)
        self._items: dict[str, QStandardItem] = {}

    # --- building ---------------------------------------------------------------------------------------

    def set_tree(self, tree: Tree) -> None:
        """Show ``tree``, keeping what was expanded and selected (when it still exists)."""
        expanded = self.expanded_keys() if self._items else None
        current = self.current_key()
        self.tree.selectionModel().blockSignals(True)
        self.model.clear()
        self._items = {}
        root = self.model.invisibleRootItem()
        self._add(root, node_key("start"), _("Start: mine samlinger"))
        for programme in tree.programmes:
            p = self._add(root, node_key("programme", programme.id), programme.name)
            for cohort in programme.cohorts:
                period = f"{format_date(cohort.start_date)} – {format_date(cohort.end_date)}"
                c = self._add(p, node_key("cohort", cohort.id), f"{cohort.name}  ·  {period}")
                s = self._add(
                    c, node_key("sessions", cohort.id), _("Samlinger ({n})").format(n=len(cohort.sessions))
                )
                for x in cohort.sessions:
                    self._add(s, node_key("session", x.id), f"{format_date(x.date)}  {x.title}")
                g = self._add(
                    c, node_key("groups", cohort.id), _("Ledergrupper ({n})").format(n=len(cohort.groups))
                )
                for group in cohort.groups:
                    item = self._add(g, node_key("group", group.id), group.location_name)
                    item.setData(" ".join((group.location_name, *group.people)), SEARCH_ROLE)
        fund = self._add(
            root,
            node_key("fundrounds"),
            _("Oppdrift – innovasjonsfondet ({n})").format(n=len(tree.fund_rounds)),
        )
        for fund_round in tree.fund_rounds:
            deadline = (
                _("frist {day}").format(day=format_date(fund_round.deadline)) if fund_round.deadline else ""
            )
            self._add(
                fund,
                node_key("fundround", fund_round.id),
                "  ·  ".join(filter(None, (fund_round.name, deadline))),
            )
        count = sum(len(sector.locations) for sector in tree.sectors)
        reg = self._add(root, node_key("locations"), _("Tjenestesteder ({n})").format(n=count))
        for sector in tree.sectors:
            sec = self._add(reg, node_key("sector", sector.id), f"{sector.name} ({len(sector.locations)})")
            for location in sector.locations:
                self._add(sec, node_key("location", location.id), location.name)
        fac = self._add(root, node_key("facilitators"), _("Veiledere ({n})").format(n=len(tree.facilitators)))
        for facilitator in tree.facilitators:
            self._add(fac, node_key("facilitator", facilitator.id), facilitator.name)
        self.tree.selectionModel().blockSignals(False)
        if expanded is None:
            expanded = {node_key("programme", p.id) for p in tree.programmes}
        self.set_expanded_keys(expanded)
        # The same item again: the page showing it reloads itself on the change, so selecting it anew must
        # not show (and load) it a second time.
        self._reselecting = True
        try:
            found = self.select(current)
        finally:
            self._reselecting = False
        if not found and current:
            self.selected.emit("")  # what was shown is gone (deleted, or undone)

    def _add(self, parent: QStandardItem, key: str, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(key, KEY_ROLE)
        item.setData(text, SEARCH_ROLE)
        item.setToolTip(text)
        parent.appendRow(item)
        self._items[key] = item
        return item

    # --- state ------------------------------------------------------------------------------------------

    def current_key(self) -> str:
        index = self.tree.currentIndex()
        return index.data(KEY_ROLE) or "" if index.isValid() else ""

    def select(self, key: str) -> bool:
        item = self._items.get(key)
        if item is None:
            return False
        index = self.proxy.mapFromSource(item.index())
        if not index.isValid():  # hidden by the filter
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(item.index())
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def expanded_keys(self) -> set[str]:
        return {
            key
            for key, item in self._items.items()
            if self.tree.isExpanded(self.proxy.mapFromSource(item.index()))
        }

    def set_expanded_keys(self, keys: set[str]) -> None:
        for key in keys:
            item = self._items.get(key)
            if item is not None:
                self.tree.expand(self.proxy.mapFromSource(item.index()))

    def visible_keys(self) -> list[str]:
        """Keys of every row the filter lets through (for tests and for keyboard users' screen readers)."""
        keys: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                keys.append(index.data(KEY_ROLE))
                walk(index)

        walk(QModelIndex())
        return keys

    # --- reactions --------------------------------------------------------------------------------------

    def _into_results(self) -> None:
        """From the search field to the first match (the deepest first row), keyboard only."""
        index = self.proxy.index(0, 0)
        while index.isValid() and self.filter_edit.text().strip() and self.proxy.rowCount(index):
            index = self.proxy.index(0, 0, index)
        self.tree.setFocus()
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(unicodedata.normalize("NFC", text.strip()))  # å typed as a + ring
        if text.strip():
            self.tree.expandAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reselecting:
            return
        self.selected.emit(current.data(KEY_ROLE) or "" if current.isValid() else "")
