"""The resident's application in progress: plain data shared by the journey's view-models.

Held in memory only; :meth:`Journey.clear` drops everything (card data included) on a wipe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ui.backend import DraftApplication, Identity, MaterialChoice, SubmitOutcome


@dataclass
class Journey:
    item: dict[str, Any] | None = None
    identity: Identity | None = None
    form: dict[str, str] = field(default_factory=dict)
    materials: dict[str, MaterialChoice] = field(default_factory=dict)
    commitment_confirmed: bool = False
    submitted: SubmitOutcome | None = None

    def clear(self) -> None:
        self.item = None
        self.identity = None
        self.form = {}
        self.materials = {}
        self.commitment_confirmed = False
        self.submitted = None

    @property
    def item_code(self) -> str | None:
        return self.item["item_code"] if self.item else None

    def draft(self) -> DraftApplication:
        assert self.item is not None and self.identity is not None
        mats = [
            self.materials[m["material_id"]]
            for m in self.item.get("materials", [])
            if m["material_id"] in self.materials
        ]
        return DraftApplication(
            item_code=self.item["item_code"],
            identity=self.identity,
            form=dict(self.form),
            materials=mats,
            commitment_confirmed=self.commitment_confirmed,
        )
