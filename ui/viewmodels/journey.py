"""The resident's application in progress: plain data shared by the journey's view-models.

Held in memory only; :meth:`Journey.clear` drops everything on a wipe. The resident's identity
itself is the application API's (``kiosk.service``): the journey keeps only what the screens
show of it (:class:`~kiosk.service.PersonView`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.service import MaterialInput, PersonView, SubmitOutcome


def is_instant(item: dict[str, Any] | None) -> bool:
    return bool(item and item.get("instant") is True and item.get("result_document"))


@dataclass
class Journey:
    item: dict[str, Any] | None = None
    person: PersonView | None = None
    form: dict[str, str] = field(default_factory=dict)
    materials: dict[str, MaterialInput] = field(default_factory=dict)
    commitment_confirmed: bool = False
    submitted: SubmitOutcome | None = None
    space: bool = False
    """On the way to the resident's own space (我的空间): identification without an item."""

    def clear(self) -> None:
        self.space = False
        self.item = None
        self.person = None
        self.form = {}
        self.materials = {}
        self.commitment_confirmed = False
        self.submitted = None

    @property
    def item_code(self) -> str | None:
        return self.item["item_code"] if self.item else None

    def chosen_materials(self) -> list[MaterialInput]:
        """What the resident handed in, in the item's order."""
        if self.item is None:
            return []
        return [
            self.materials[m["material_id"]]
            for m in self.item.get("materials", [])
            if m["material_id"] in self.materials
        ]
