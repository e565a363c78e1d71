"""Materials: scan with preview and retake, e-license instead (免证办), 容缺受理, 告知承诺."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QUrl, Signal, Slot

from kiosk.service import (
    DeviceHealth,
    License,
    MaterialInput,
    ScanOutcome,
    add_working_days,
    card_read_material,
    guide_view,
    health_reason,
    is_usable,
)
from ui.qtprops import ViewModel, Worker, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey

SCAN_MESSAGES = {
    "jammed": QT_TRANSLATE_NOOP(
        "Materials", "扫描仪卡纸了。可以改用电子证照或容缺办理，或点“帮办代办”。"
    ),
    "no_document": QT_TRANSLATE_NOOP(
        "Materials", "没有放入材料。请把材料正面朝下放好，再点“扫描”。"
    ),
    "cover_open": QT_TRANSLATE_NOOP("Materials", "扫描仪盖板没有合上，请合上后再试。"),
    "unavailable": QT_TRANSLATE_NOOP(
        "Materials", "扫描仪暂时不能使用。可以改用电子证照或容缺办理，或到人工窗口。"
    ),
    "timeout": QT_TRANSLATE_NOOP(
        "Materials",
        "扫描仪没有响应（超时）。可以再试一次，也可以改用电子证照或容缺办理，或点“帮办代办”。",
    ),
    "error": QT_TRANSLATE_NOOP("Materials", "这次没有扫描成功，请再试一次。"),
}


OUT_OF_USE = ("timeouts", "absent")
"""Why the scanner is not offered at all: no scanner, or it stopped answering (three timeouts
in a row; offered again after a while). A jam or a lost connection keeps 扫描: the resident or
staff can clear it and a retake tells."""


def scanner_offered(h: DeviceHealth | None) -> bool:
    return h is None or is_usable(h) or health_reason(h) not in OUT_OF_USE


class MaterialsVM(ViewModel):
    rowsChanged = Signal()
    rowCountChanged = Signal()
    canContinueChanged = Signal()
    onlineChanged = Signal()
    commitmentChanged = Signal()
    busyChanged = Signal()
    scannerUsableChanged = Signal()

    def __init__(self, backend: Any, session: Session, journey: Journey, today: Any = None) -> None:
        super().__init__()
        self._backend = backend
        self._session = session
        self._journey = journey
        # the terminal's date (its configured time zone), not the machine's
        self._today = today or backend.today
        self._worker = Worker(self)
        self._rows: list[dict[str, Any]] = []
        self._state: dict[str, dict[str, Any]] = {}
        self._licenses: list[License] | None = None
        self._canContinue = False
        self._online = False
        self._busy = ""
        self._scannerUsable = True
        self._commitment_confirmed = False
        self._prepared_for: str | None = None
        session.register(self.reset)
        session.screenChanged.connect(self._on_screen)
        session.languageChanged.connect(self._publish)
        session.languageChanged.connect(self.commitmentChanged)

    rows = qprop("QVariantList", "_rows", rowsChanged)
    # The view repeats over the count, not the list: new details (an e-license arriving, a scan
    # result) update the cards in place instead of replacing them under a finger mid-tap.
    rowCount = Property(int, lambda self: len(self._rows), notify=rowCountChanged)
    canContinue = qprop(bool, "_canContinue", canContinueChanged)
    online = qprop(bool, "_online", onlineChanged)
    busy = qprop(str, "_busy", busyChanged)
    scannerUsable = qprop(bool, "_scannerUsable", scannerUsableChanged)
    """False while the scanner is out of use (absent, or three timeouts in a row): the screen
    hides 扫描 and offers the other ways (e-license, 容缺, 帮办代办)."""

    def _commitment(self) -> dict[str, Any]:
        item = self._journey.item or {}
        c = item.get("commitment")
        if not c:
            return {"present": False, "text": "", "confirmed": False}
        en = self._session.language.startswith("en")
        return {
            "present": True,
            "text": (c.get("text_en") or c["text"]) if en else c["text"],
            "confirmed": self._commitment_confirmed,
        }

    commitment = Property("QVariantMap", _commitment, notify=commitmentChanged)

    def set_online(self, online: bool) -> None:
        self._set("online", online)

    def set_health(self, health: dict[str, DeviceHealth]) -> None:
        """The devices' health (the status strip's listener): whether to offer scanning."""
        self._set("scannerUsable", scanner_offered(health.get("scanner")))

    @Slot()
    def askHelp(self) -> None:  # noqa: N802
        self._session.go("help")

    def reset(self) -> None:
        self._worker.cancel_all()
        self._state = {}
        self._licenses = None
        self._prepared_for = None
        self._commitment_confirmed = False
        self._set("busy", "")
        count = len(self._rows)
        self._rows = []
        self.rowsChanged.emit()
        if count:
            self.rowCountChanged.emit()
        self.commitmentChanged.emit()
        self._set("canContinue", False)

    @Slot()
    def _on_screen(self) -> None:
        if self._session.screen == "materials":
            self.prepare()

    def prepare(self) -> None:
        item = self._journey.item
        if item is None:
            return
        if self._prepared_for != item["item_code"]:
            self._prepared_for = item["item_code"]
            self._state = {
                m["material_id"]: {"status": "todo", "message": "", "preview": ""}
                for m in item.get("materials", [])
            }
            self._licenses = None
        self._commitment_confirmed = self._journey.commitment_confirmed
        self.commitmentChanged.emit()
        self._publish()
        self._fetch_licenses()

    def _fetch_licenses(self) -> None:
        item = self._journey.item or {}
        if self._journey.person is None or not any(
            m.get("elicense") for m in item.get("materials", [])
        ):
            return
        if self._licenses is not None:
            return

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            self._licenses = value if kind == "ok" else None
            self._set("online", self._licenses is not None)
            self._take_card_read()
            self._publish()

        self._worker.run(self._backend.licenses, done)

    def _take_card_read(self) -> None:
        """The resident ID card just read satisfies the applicant's ID-card material."""
        for m in (self._journey.item or {}).get("materials", []):
            mid = m["material_id"]
            if mid in self._journey.materials or self._state.get(mid, {}).get("status") not in (
                None,
                "todo",
            ):
                continue  # the resident already chose, or is scanning it
            chosen = card_read_material(m, self._journey.person, self._licenses)
            if chosen is not None:
                self._journey.materials[mid] = chosen
                self._state[mid] = {"status": "idcard", "message": "", "preview": ""}

    def _license_for(self, material: dict[str, Any]) -> License | None:
        el = material.get("elicense")
        if not el or not self._licenses:
            return None
        for lic in self._licenses:
            if lic.type_code == el["type_code"]:
                return lic
        return None

    @staticmethod
    def _license_name(m: dict[str, Any], lic: License | None, en: bool) -> str:
        """The e-license's type as the platform names it, in English the catalog's name."""
        if lic is None:
            return ""
        el = m.get("elicense") or {}
        return (el.get("type_name_en") or lic.type_name) if en else lic.type_name

    @Slot()
    def _publish(self) -> None:
        item = self._journey.item
        if item is None:
            return
        en = self._session.language.startswith("en")
        shown = guide_view(item, self._session.language)["materials"]  # names in the language
        rows = []
        for m, g in zip(item.get("materials", []), shown, strict=True):
            st = self._state.get(m["material_id"], {"status": "todo", "message": "", "preview": ""})
            lic = self._license_for(m)
            choice = self._journey.materials.get(m["material_id"])
            rows.append(
                {
                    "id": m["material_id"],
                    "name": g["name"],
                    "required": m["required"],
                    "form": g["form"],
                    "copies": m["copies"],
                    "status": st[
                        "status"
                    ],  # todo | scanning | scanned | idcard | elicense | missing | promise | failed
                    "message": st["message"],
                    "preview": st["preview"],
                    "licenseNo": lic.license_no if lic else "",
                    "licenseName": self._license_name(m, lic, en),
                    "canUseLicense": lic is not None,
                    "licenseVerified": f"已验证 · {lic.verified_by}"
                    if lic and lic.verified_by
                    else "",
                    "elicenseType": bool(m.get("elicense")),
                    "mayBeMissing": bool(m.get("may_be_missing")),
                    "supplyBy": choice.supply_by.isoformat() if choice and choice.supply_by else "",
                    "supplyDays": m.get("supplement_days", 0),
                }
            )
        count = len(self._rows)
        self._rows = rows
        self.rowsChanged.emit()
        if count != len(rows):
            self.rowCountChanged.emit()
        self._set("canContinue", self._complete())

    def _complete(self) -> bool:
        item = self._journey.item
        if item is None:
            return False
        for m in item.get("materials", []):
            if m["required"] and m["material_id"] not in self._journey.materials:
                return False
        c = item.get("commitment")
        return not (c and not self._commitment_confirmed)

    def _material(self, mid: str) -> dict[str, Any] | None:
        for m in (self._journey.item or {}).get("materials", []):
            if m["material_id"] == mid:
                return m
        return None

    @Slot(str)
    def scan(self, mid: str) -> None:
        m = self._material(mid)
        if m is None or self._busy:
            return
        self._state[mid] = {"status": "scanning", "message": "", "preview": ""}
        self._set("busy", mid)
        self._publish()
        scans_dir = Path(self._session.sessionDir) / "scans"

        def done(outcome: tuple[str, Any]) -> None:
            self._set("busy", "")
            kind, value = outcome
            if kind != "ok" or not isinstance(value, ScanOutcome):
                value = ScanOutcome("error", reason=str(value))
            if value.kind == "ok":
                # the preview lives in the per-session directory, deleted by the wipe
                scans_dir.mkdir(parents=True, exist_ok=True)
                n = len(list(scans_dir.iterdir()))
                path = scans_dir / f"{mid}-{n}.png"
                path.write_bytes(value.content)
                self._journey.materials[mid] = MaterialInput(
                    mid, m["name"], "scan", content=value.content, mime=value.mime
                )
                self._state[mid] = {
                    "status": "scanned",
                    "message": "",
                    "preview": QUrl.fromLocalFile(str(path)).toString(),
                }
            else:
                if value.kind == "unavailable" and value.reason in OUT_OF_USE:
                    self._set("scannerUsable", False)  # before the health poll says so
                self._journey.materials.pop(mid, None)
                self._state[mid] = {
                    "status": "failed",
                    "message": SCAN_MESSAGES.get(value.kind, SCAN_MESSAGES["error"]),
                    "preview": "",
                }
            self._publish()

        self._worker.run(lambda: self._backend.scan(mid), done)

    @Slot(str)
    def useLicense(self, mid: str) -> None:  # noqa: N802
        m = self._material(mid)
        lic = self._license_for(m) if m else None
        if m is None or lic is None:
            return
        self._journey.materials[mid] = MaterialInput(
            mid, m["name"], "elicense", license_no=lic.license_no
        )
        self._state[mid] = {"status": "elicense", "message": "", "preview": ""}
        self._publish()

    @Slot(str)
    def markMissing(self, mid: str) -> None:  # noqa: N802
        m = self._material(mid)
        if m is None or not m.get("may_be_missing"):
            return
        supply_by = add_working_days(self._today(), int(m.get("supplement_days", 5)))
        self._journey.materials[mid] = MaterialInput(mid, m["name"], "missing", supply_by=supply_by)
        self._state[mid] = {"status": "missing", "message": "", "preview": ""}
        self._publish()

    @Slot(str)
    def undo(self, mid: str) -> None:
        self._journey.materials.pop(mid, None)
        self._state[mid] = {"status": "todo", "message": "", "preview": ""}
        self._publish()

    @Slot(bool)
    def confirmCommitment(self, on: bool) -> None:  # noqa: N802
        self._commitment_confirmed = on
        self._journey.commitment_confirmed = on
        item = self._journey.item or {}
        c = item.get("commitment") or {}
        for mid in c.get("material_ids", []):
            m = self._material(mid)
            if m is None:
                continue
            if on and mid not in self._journey.materials:
                self._journey.materials[mid] = MaterialInput(mid, m["name"], "promise")
                self._state[mid] = {"status": "promise", "message": "", "preview": ""}
            elif (
                not on
                and self._journey.materials.get(mid, None) is not None
                and self._journey.materials[mid].source == "promise"
            ):
                self.undo(mid)
        self.commitmentChanged.emit()
        self._publish()

    @Slot()
    def next(self) -> None:
        if self._complete():
            self._session.go("review")
