"""The "Brukerreiser" tab of a leader group: choose or start a journey map, edit it on the canvas, export
it for print, show it on the wall (the whole map, or the stage under discussion)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.journey import MapKind
from desktop.domain.rules import MAX_NAME_LENGTH
from desktop.i18n import _
from desktop.services import journeys
from desktop.ui.commands import CreateCommand, JourneyCommand
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.widgets import FormDialog, index_of

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class CopyMapCommand(CreateCommand):
    """A copy of a journey map: undo deletes the copy, redo brings the same copy back. ``map_id`` is the
    map the panel is to show after the step: the copy while it exists, else the map it was copied from."""

    def __init__(self, text: str, source_id: uuid.UUID, create) -> None:
        super().__init__(text, create, journeys.delete_map)
        self.source_id = source_id
        self._copied = False

    @property
    def map_id(self) -> uuid.UUID:
        return self.created_id if self._copied else self.source_id

    def do(self) -> None:
        super().do()
        self._copied = True

    def revert(self) -> None:
        super().revert()
        self._copied = False


class JourneyPanel(QWidget):
    def __init__(self, context: AppContext, actions) -> None:
        super().__init__()
        self.context = context
        self.actions = actions
        self.group_id: uuid.UUID | None = None
        self.map_id: uuid.UUID | None = None
        self.maps = QComboBox()
        self.maps.setAccessibleName(_("Brukerreise"))
        self.maps.activated.connect(lambda _i: self._show(self.maps.currentData()))
        new = QPushButton(_("Ny brukerreise …"))
        new.clicked.connect(self.new_map)
        self.copy_button = QPushButton(_("Kopier brukerreisen …"))
        self.copy_button.setToolTip(
            _("En kopi av reisen med persona, faser, spor og kort, for eksempel som framtidig reise")
        )
        self.copy_button.clicked.connect(self.copy_map)
        self.persona_button = QPushButton(_("Navn og persona …"))
        self.persona_button.setIconSize(QSize(22, 22))
        self.persona_button.clicked.connect(self.edit_persona)
        self.delete_button = QPushButton(_("Slett …"))
        self.delete_button.clicked.connect(self.delete_map)
        self.export_button = QPushButton(_("Eksporter for utskrift (A3) …"))
        self.export_button.clicked.connect(self.export_png)
        self.follow_button = QPushButton(_("Vis fasen på veggen"))
        self.follow_button.setToolTip(_("Veggen viser fasen du arbeider i (følger fokuset)"))
        self.follow_button.setCheckable(True)
        self.follow_button.toggled.connect(lambda _on: self.show_on_wall())
        self.maps.setMinimumContentsLength(24)  # long titles are cut; the list shows them whole
        self.maps.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        top = FlowLayout()  # wraps beside the card browser on a narrow laptop
        top.addWidget(QLabel(_("Brukerreise:")))
        top.add_stretching(self.maps)
        top.addWidget(new)
        top.addWidget(self.copy_button)
        top.addWidget(self.persona_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.export_button)
        top.addWidget(self.follow_button)
        from desktop.ui.journey_editor import JourneyEditor

        self.editor = JourneyEditor(self._apply)
        self.editor.project_requested.connect(self.show_on_wall)
        self.editor.focus_changed.connect(self._focus_moved)
        self.empty = QLabel(
            _("Ingen brukerreise ennå for denne ledergruppen. Lag en med «Ny brukerreise …».")
        )
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.editor, 1)
        context.changed.connect(self._changed)
        self._stack_index = context.undo_stack.index()
        context.undo_stack.indexChanged.connect(self._stack_moved)

    # --- loading ----------------------------------------------------------------------------------------

    def load(self, group_id: uuid.UUID) -> None:
        """Show the group's maps; the canvas is built only while the tab is shown."""
        if group_id != self.group_id:
            self.map_id = None
        self.group_id = group_id
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.group_id is not None:
            self.refresh()

    def refresh(self) -> None:
        group_id = self.group_id
        choices = journeys.maps_of_group(self.context.db, group_id)
        self.maps.blockSignals(True)
        self.maps.clear()
        for m in choices:
            self.maps.addItem(f"{m.title} ({m.kind.label}, {m.cards} kort)", m.id)
        self.maps.blockSignals(False)
        ids = [m.id for m in choices]
        self._show(self.map_id if self.map_id in ids else (ids[0] if ids else None))

    def _show(self, map_id: uuid.UUID | None) -> None:
        if map_id != self.map_id and self.map_id is not None:
            self.editor.commit_pending()  # typed text goes to the map it was typed in
        self.map_id = map_id
        has = map_id is not None
        for widget in (
            self.editor,
            self.export_button,
            self.follow_button,
            self.copy_button,
            self.persona_button,
            self.delete_button,
        ):
            widget.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.maps.setCurrentIndex(max(0, index_of(self.maps, map_id)))
            journey = journeys.load_map(self.context.db, map_id)
            self.editor.set_journey(journey)
            self._show_persona(journey)

    def _show_persona(self, journey) -> None:
        """Who the journey is about, on the button that edits it: the persona's name and picture."""
        from PySide6.QtGui import QIcon, QPixmap

        persona = journey.persona
        name = persona.name if len(persona.name) <= 24 else persona.name[:23].rstrip() + "…"
        self.persona_button.setText(
            _("Persona: {name} …").format(name=name) if name else _("Navn og persona …")
        )
        self.persona_button.setToolTip(
            "\n".join(part for part in (persona.role, persona.quote) if part)
            or _("Reisens navn og type, og personaen den handler om")
        )
        icon = QIcon()
        if persona.photo:
            from desktop.ui.persona_picture import picture_image

            picture = picture_image(self.context.db, persona.photo, 96)
            if not picture.isNull():
                icon = QIcon(QPixmap.fromImage(picture))
        self.persona_button.setIcon(icon)

    def _stack_moved(self, index: int) -> None:
        """Undo or redo of a journey edit shows the map it changed (not silently another map)."""
        stack = self.context.undo_stack
        touched = stack.command(index) if index < self._stack_index else stack.command(index - 1)
        self._stack_index = index
        map_id = getattr(touched, "map_id", None)
        if (
            map_id is not None
            and map_id != self.map_id
            and self.group_id is not None
            and any(m.id == map_id for m in journeys.maps_of_group(self.context.db, self.group_id))
        ):
            self.map_id = map_id
            if self.isVisible():
                self.refresh()

    def _changed(self) -> None:
        if self.group_id is not None and self.isVisible():
            self.refresh()
            if self.follow_button.isChecked():
                self.show_on_wall()

    # --- actions ----------------------------------------------------------------------------------------

    def _apply(self, text: str, operation) -> bool:
        """The editor's edits: one undoable command each, stored at once."""
        if self.map_id is None:
            return False
        return self.context.perform(JourneyCommand(text, self.map_id, operation))

    def new_map(self) -> None:
        dialog = FormDialog(self, _("Ny brukerreise"))
        template = dialog.add(_("Mal"), QComboBox(), "template")
        choices = [(e.kit, t) for e in self.context.kits() if e.kit for t in e.kit.journeys]
        for kit, t in choices:
            template.addItem(f"{t.title} ({kit.name})")
        kind = dialog.add(_("Type"), QComboBox(), "kind")
        for k in MapKind:
            kind.addItem(k.label, k.value)

        def follow(index: int) -> None:  # the template says what kind of journey it maps
            if 0 <= index < len(choices):
                kind.setCurrentIndex(index_of(kind, choices[index][1].kind.value))

        template.currentIndexChanged.connect(follow)
        follow(template.currentIndex())
        title = dialog.add(_("Navn"), QLineEdit(), "title")
        title.setPlaceholderText(_("for eksempel: Eldre som søker hjemmetjenester"))
        group_id = self.group_id

        def command():
            _kit, chosen = choices[template.currentIndex()]
            return CreateCommand(
                _("Ny brukerreise «{title}»").format(title=title.text().strip() or chosen.title),
                lambda db: journeys.new_map(
                    db, group_id, chosen, MapKind(kind.currentData()), title.text().strip()
                ),
                journeys.delete_map,
            )

        if not choices:
            return
        stored = self.actions.run_dialog(dialog, command)
        if stored is not None:
            self.map_id = stored.created_id
            self.refresh()

    def copy_map(self) -> None:
        """A copy of the shown map under a new name and kind, one undo step; the copy is shown. A current
        map is suggested as the future one under the same name, any other as «<name> (kopi)»."""
        if self.map_id is None or self.group_id is None:
            return
        self.editor.commit_pending()  # text typed in place belongs in the copy too
        source = journeys.load_map(self.context.db, self.map_id)
        dialog = FormDialog(self, _("Kopier brukerreisen"))
        title = dialog.add(_("Navn"), QLineEdit(), "title")
        kind = dialog.add(_("Type"), QComboBox(), "kind")
        for k in MapKind:
            kind.addItem(k.label, k.value)

        def suggestion(chosen: MapKind) -> str:
            if source.kind is MapKind.CURRENT and chosen is MapKind.FUTURE:
                # «Nåsituasjon: Gunvors vei» becomes «Framtidig situasjon: Gunvors vei» (told apart in a list)
                prefix, rest = source.title.partition(":")[::2]
                if prefix.strip().casefold() == MapKind.CURRENT.label.casefold() and rest.strip():
                    return f"{MapKind.FUTURE.label}: {rest.strip()}"
                return source.title
            over = len(_("{title} (kopi)").format(title=source.title)) - MAX_NAME_LENGTH
            name = source.title[: len(source.title) - over].rstrip() if over > 0 else source.title
            return _("{title} (kopi)").format(title=name)

        def follow(_index: int) -> None:  # an untouched suggestion follows the kind
            if title.text() in (suggestion(k) for k in MapKind):
                title.setText(suggestion(MapKind(kind.currentData())))

        start = MapKind.FUTURE if source.kind is MapKind.CURRENT else source.kind
        kind.setCurrentIndex(index_of(kind, start.value))
        title.setText(suggestion(start))
        kind.currentIndexChanged.connect(follow)
        map_id = self.map_id

        def command() -> CopyMapCommand:
            return CopyMapCommand(
                _("Kopier brukerreisen «{title}»").format(title=source.title),
                map_id,
                lambda db: journeys.copy_map(db, map_id, title.text(), MapKind(kind.currentData())),
            )

        stored = self.actions.run_dialog(dialog, command)
        if stored is not None:
            self.map_id = stored.created_id
            self.refresh()

    def edit_persona(self) -> None:
        """The map's name, kind and persona (who the journey is about), in one undoable edit."""
        from dataclasses import replace

        from PySide6.QtWidgets import QPlainTextEdit

        from desktop.domain.journey import Persona, clean_title
        from desktop.ui.persona_picture import PersonaPicture

        if self.map_id is None:
            return
        j = journeys.load_map(self.context.db, self.map_id)
        dialog = FormDialog(self, _("Brukerreisen og personaen"))
        title = dialog.add(_("Navn på reisen"), QLineEdit(j.title), "title")
        kind = dialog.add(_("Type"), QComboBox(), "kind")
        for k in MapKind:
            kind.addItem(k.label, k.value)
        kind.setCurrentIndex(kind.findData(j.kind.value))
        p = j.persona
        name = dialog.add(_("Persona"), QLineEdit(p.name), "persona")
        name.setPlaceholderText(_("for eksempel: Astrid, 82 år"))
        role = dialog.add(_("Hvem hun/han er"), QLineEdit(p.role), "role")
        texts = {}
        for key, label, value in (
            ("needs", _("Behov"), p.needs),
            ("goals", _("Mål"), p.goals),
            ("frustrations", _("Frustrasjoner"), p.frustrations),
        ):
            edit = QPlainTextEdit(value)
            edit.setMaximumHeight(70)
            texts[key] = dialog.add(label, edit, key)
        quote = dialog.add(_("Sitat"), QLineEdit(p.quote), "quote")
        picture = dialog.add(_("Bilde"), PersonaPicture(self.context.db, p.photo), "photo")

        def command() -> JourneyCommand:
            persona = Persona(
                name.text().strip(),
                role.text().strip(),
                texts["needs"].toPlainText().strip(),
                texts["goals"].toPlainText().strip(),
                texts["frustrations"].toPlainText().strip(),
                quote.text().strip(),
                picture.digest,
            )
            new_title = clean_title(title.text())
            new_kind = MapKind(kind.currentData())
            return JourneyCommand(
                _("Endre brukerreisen og personaen"),
                self.map_id,
                lambda m: replace(m, title=new_title, kind=new_kind, persona=persona),
            )

        self.actions.run_dialog(dialog, command)

    def delete_map(self) -> None:
        from desktop.ui.commands import DeleteCommand
        from desktop.ui.context import ask

        if self.map_id is None:
            return
        j = journeys.load_map(self.context.db, self.map_id)
        if j.cards and not ask(
            self,
            _("Slette brukerreisen?"),
            _("Slette «{title}» med {n} kort? Du kan angre med Ctrl+Z.").format(
                title=j.title, n=len(j.cards)
            ),
        ):
            return
        map_id = self.map_id
        if self.context.perform(
            DeleteCommand(
                _("Slett brukerreise «{title}»").format(title=j.title),
                lambda db: journeys.delete_map(db, map_id),
            )
        ):
            self.map_id = None
            self.refresh()

    def export_png(self, path: str | None = None) -> str | None:
        """The map on A3 landscape at 300 dpi, for the printer or the leader group's summary."""
        from desktop.ui.journey_scene import render_png
        from desktop.ui.persona_picture import picture_image
        from desktop.ui.settings import documents_folder, remember_folder

        if self.map_id is None:
            return None
        journey = journeys.load_map(self.context.db, self.map_id)
        if path is None:
            from desktop.ui.report_actions import safe_file_name

            settings = self.context.settings
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Eksporter brukerreisen"),
                str(documents_folder(settings) / f"{safe_file_name(journey.title, _('brukerreise'))}.png"),
                _("PNG-bilde (*.png)"),
            )
            if not path:
                return None
            remember_folder(settings, Path(path).parent)
        try:
            picture = picture_image(self.context.db, journey.persona.photo, 1200)
            return str(render_png(journey, path, dpi=300, picture=picture))
        except OSError as exc:
            self.context.error.emit(
                _("Kunne ikke skrive {path}: {reason}").format(path=path, reason=exc.strerror or exc)
            )
            return None

    def _focus_moved(self) -> None:
        """Following: the wall shows the stage the facilitator works in."""
        runner = self.context._runner
        wall = runner.projection if runner is not None else None
        if self.follow_button.isChecked() and wall is not None and wall.isVisible():
            self.show_on_wall()

    def show_on_wall(self) -> None:
        runner = self.context.runner
        if runner is None or self.map_id is None:
            return
        if runner.projection is None or not runner.projection.isVisible():
            runner.show_projection()
        wall = runner.projection
        follow = self.follow_button.isChecked()
        wall.show_image(self.editor.wall_image(*wall.picture_size().toTuple(), follow=follow))
