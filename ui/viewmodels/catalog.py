"""Service finder (themes, frequently used, search) and service guide."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, Signal, Slot

from kiosk.service import KioskApi
from ui.qtprops import SessionViewModel, Worker, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey

UNITS = {
    "working_days": QT_TRANSLATE_NOOP("Guide", "个工作日"),
    "calendar_days": QT_TRANSLATE_NOOP("Guide", "个自然日"),
    "immediate": QT_TRANSLATE_NOOP("Guide", "即时办结"),
}


def _brief(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": item["item_code"],
        "name": item["name"],
        "nameEn": item.get("name_en") or item["name"],
        "body": item["implementing_body"]["name"],
        # an official name the catalog keeps Chinese stays so in English too
        "bodyEn": item["implementing_body"]["name"]
        if "implementing_body.name" in item.get("zh_only", [])
        else item["implementing_body"].get("name_en") or item["implementing_body"]["name"],
        "caseType": item.get("case_type", ""),
        "online": True,
    }


HOME_FREQUENT = 8
"""Frequent services on the start screen."""


def themes_of(items: Iterable[dict[str, Any]], audience: str) -> list[dict[str, Any]]:
    """The audience's themes that have items, in the catalog's display order."""
    counts: dict[str, int] = {}
    for it in items:
        for t in it.get("themes", {}).get(audience, []):
            counts[t] = counts.get(t, 0) + 1
    if not counts:  # before the store is open: nothing to import or show yet
        return []
    from kiosk.service import THEME_LABELS, theme_label  # not needed at start

    return [
        {
            "key": k,
            "label": theme_label(k, "zh"),
            "labelEn": theme_label(k, "en"),
            "count": counts[k],
        }
        for k in THEME_LABELS[audience]
        if k in counts
    ]


def _first_theme(item: dict[str, Any]) -> str:
    """The item's first theme (person before enterprise): its tile's icon."""
    themes = item.get("themes", {})
    for audience in ("person", "enterprise"):
        if themes.get(audience):
            return str(themes[audience][0])
    return ""


def home_view(items: Collection[dict[str, Any]]) -> dict[str, Any]:
    """What the start screen shows of the catalog (cached by ``kiosk.catalog.home_cache``)."""
    return {
        "frequent": [
            dict(_brief(it), theme=_first_theme(it)) for it in items if it.get("frequent")
        ][:HOME_FREQUENT],
        "themes": {a: themes_of(items, a) for a in ("person", "enterprise")},
    }


class CatalogVM(SessionViewModel):
    queryChanged = Signal()
    resultsChanged = Signal()
    themeChanged = Signal()
    selectedChanged = Signal()
    guidePrintChanged = Signal()
    audienceChanged = Signal()
    homeChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session, journey: Journey) -> None:
        super().__init__(backend, session)
        self._journey = journey
        self._items: dict[str, dict[str, Any]] = {}
        self._query = ""
        self._results: list[dict[str, Any]] = []
        self._theme = ""
        self._audience = "person"
        self._selected: dict[str, Any] = {}
        self._guidePrint = ""
        self._home: dict[str, Any] = {"frequent": [], "themes": {"person": [], "enterprise": []}}
        self._pending_open = ""
        self._version = 0
        self._loader = Worker(self)  # not the session's worker: a wipe must not drop a reload
        session.languageChanged.connect(self._relocalize)
        self.reload()
        if not self._items:  # the store is still opening: last start's start-screen content
            cached = backend.cached_home()
            if cached:
                self._home = cached

    query = qprop(str, "_query", queryChanged)
    results = qprop("QVariantList", "_results", resultsChanged)
    theme = qprop(str, "_theme", themeChanged)
    audience = qprop(str, "_audience", audienceChanged)
    selected = qprop("QVariantMap", "_selected", selectedChanged)
    guidePrint = qprop(str, "_guidePrint", guidePrintChanged)
    """'' | 'printing' | 'printed' | 'paper_out' | 'unavailable' | 'error'."""

    def reload(self) -> None:
        """(Re)read the catalog now, on this thread (at construction and in tests)."""
        self._apply(self._backend.catalog_items())

    @Slot()
    def refresh(self) -> None:
        """Re-read the catalog off the UI thread if it changed: once the store is open, and
        after each session (a catalog update never changes the screens under a resident)."""

        def done(outcome: tuple[str, Any]) -> None:
            kind, items = outcome
            if kind == "ok" and items is not None:
                self._apply(items)

        self._loader.run(lambda: self._backend.refresh_catalog(self._version), done)

    def _apply(self, items: list[dict[str, Any]]) -> None:
        self._items = {it["item_code"]: it for it in items}
        self._version = self._backend.catalog_version()
        if self._theme:  # a theme or search picked from the cached start screen: fill it in
            self.pickTheme(self._theme)
        elif self._query.strip():
            self.setQuery(self._query)
        else:
            self._show_default()
        self.audienceChanged.emit()  # the theme list depends on the items
        home = home_view(self._items.values())
        if home != self._home:
            self._home = home
            self.homeChanged.emit()
            if self._items:
                self._loader.run(lambda: self._backend.save_home(home), lambda _outcome: None)
        pending, self._pending_open = self._pending_open, ""
        if pending and pending in self._items and self._session.screen == "finder":
            self.select(pending)

    def reset(self) -> None:
        self._worker.cancel_all()
        self._set("query", "")
        self._set("theme", "")
        self._set("audience", "person")
        self._set("selected", {})
        self._set("guidePrint", "")
        self._show_default()

    def _show(self, results: list[dict[str, Any]]) -> None:
        """New results only when they differ: the same list again (the Pinyin keyboard commits
        its pre-edit when a result is tapped) must not remake the buttons under the finger."""
        if results != self._results:
            self._set("results", results)

    def _show_default(self) -> None:
        frequent = [it for it in self._items.values() if it.get("frequent")]
        if not frequent:
            frequent = list(self._items.values())[:8]
        self._show([_brief(it) for it in frequent])

    def _themes(self) -> list[dict[str, Any]]:
        return themes_of(
            self._items.values(), "person" if self._audience == "person" else "enterprise"
        )

    themes = Property("QVariantList", _themes, notify=audienceChanged)

    # ---- the start screen: what residents come for, one tap from the first screen
    homeFrequent = Property("QVariantList", lambda self: self._home["frequent"], notify=homeChanged)
    personThemes = Property(
        "QVariantList", lambda self: self._home["themes"]["person"], notify=homeChanged
    )
    enterpriseThemes = Property(
        "QVariantList", lambda self: self._home["themes"]["enterprise"], notify=homeChanged
    )

    @Slot(str)
    def openService(self, code: str) -> None:  # noqa: N802
        """From the start screen straight to a service's guide (back leads to the finder).

        Tapped on the cached start screen while the store is still opening, the finder shows
        and the guide follows as soon as the catalog is read."""
        if code in self._items:
            self._session.go("finder")
            self.select(code)
        elif not self._items and any(b["code"] == code for b in self._home["frequent"]):
            self._pending_open = code
            self._session.go("finder")

    @Slot(str, str)
    def openTheme(self, audience: str, key: str) -> None:  # noqa: N802
        """From the start screen to the finder, filtered by the tapped theme."""
        self._session.go("finder")
        self.setAudience(audience)
        self.pickTheme(key)

    @Slot(str)
    def setAudience(self, audience: str) -> None:  # noqa: N802
        self._set("audience", "enterprise" if audience == "enterprise" else "person")
        self._set("theme", "")
        self._set("query", "")
        self._show_default()

    @Slot(str)
    def setQuery(self, text: str) -> None:  # noqa: N802
        self._set("query", text)
        self._set("theme", "")
        q = text.strip()
        if not q:
            self._show_default()
            return
        codes = self._backend.search(q, 20)
        self._show([_brief(self._items[c]) for c in codes if c in self._items])

    @Slot(str, str)
    def searchTyping(self, committed: str, preedit: str) -> None:  # noqa: N802
        """As the resident types: the committed text plus the Pinyin keyboard's uncommitted
        pre-edit (letters not yet turned into characters, e.g. "sybx" for 失业保险), so that
        initials and pinyin find services before any character is chosen."""
        letters = "".join(preedit.split()).replace("'", "")
        if letters and not letters.isascii():
            # the keyboard shows its candidate as pre-edit while focus leaves the field (a
            # result is being tapped): the list must not change under the finger
            return
        if not letters:
            self.setQuery(committed)
            return
        self._set("theme", "")
        codes = self._backend.search((committed + letters).strip(), 20)
        self._show([_brief(self._items[c]) for c in codes if c in self._items])

    @Slot(str)
    def pickTheme(self, key: str) -> None:  # noqa: N802
        self._set("theme", key)
        self._set("query", "")
        aud = "person" if self._audience == "person" else "enterprise"
        hits = [it for it in self._items.values() if key in it.get("themes", {}).get(aud, [])]
        self._show([_brief(it) for it in hits])

    @Slot()
    def showFrequent(self) -> None:  # noqa: N802
        self._set("theme", "")
        self._set("query", "")
        self._show_default()

    @Slot(str)
    def select(self, code: str) -> None:
        item = self._items.get(code)
        if item is None:
            return
        self._journey.clear()
        self._journey.item = item
        self._set("guidePrint", "")
        self._set("selected", self._guide_view(item))
        self._session.go("guide")

    def _guide_view(self, item: dict[str, Any]) -> dict[str, Any]:
        """The guide in the resident's language (the core's :func:`guide_view`): English
        where the catalog has it, else the Chinese with ``zhOnlyNotice``; whether the item
        can be completed here (``kioskCanComplete``) or only at the window."""
        from kiosk.service import guide_view  # loaded with the catalog, not at start-up

        v = guide_view(item, self._session.language)

        def limit(tl: dict[str, Any]) -> dict[str, Any]:
            return dict(tl, unit=UNITS.get(tl["unit"], ""), unitKey=tl["unit"])

        return {
            "code": v["code"],
            "name": item["name"],
            "nameEn": v["name"]
            if not self._session.language.startswith("zh")
            else (item.get("name_en") or item["name"]),
            "body": v["body"],
            "resultLine": v["result_line"],
            "tongbanLine": v["tongban_line"],
            "conditions": v["conditions"],
            "materials": [
                {
                    "name": m["name"],
                    "required": m["required"],
                    "form": m["form"],
                    "copies": m["copies"],
                    "elicense": m["elicense"],
                    "mayBeMissing": m["may_be_missing"],
                }
                for m in v["materials"]
            ],
            "legal": limit(v["legal"]),
            "promised": limit(v["promised"]),
            "fees": v["fees"],
            "free": v["free"],
            "address": v["address"],
            "hours": v["hours"],
            "consult": v["consult"],
            "caseType": v["case_type"],
            "visits": v["visits"],
            "kioskCanComplete": v["kiosk_can_complete"],
            "zhOnlyNotice": v["zh_only_notice"],
        }

    @Slot()
    def _relocalize(self) -> None:
        """The resident switched language on the guide: show it again in the new one."""
        item = self._journey.item
        if self._selected and item is not None:
            self._set("selected", self._guide_view(item))

    @Slot()
    def printGuide(self) -> None:  # noqa: N802
        code = self._journey.item_code
        if not code:
            return
        self._set("guidePrint", "printing")

        def done(outcome: tuple[str, object]) -> None:
            kind, value = outcome
            # PrintOutcome.kind "ok" is the screen's "printed" (it showed the printer's
            # "cannot print" badge after a guide had printed)
            printed = kind == "ok" and value.kind == "ok"  # type: ignore[union-attr]
            self._set(
                "guidePrint",
                "printed" if printed else (value.kind if kind == "ok" else "error"),  # type: ignore[union-attr]
            )

        self._worker.run(lambda: self._backend.print_guide(code), done)

    @Slot()
    def startApplying(self) -> None:  # noqa: N802
        if self._journey.item is not None and self._selected.get("kioskCanComplete", True):
            self._session.go("identify")
