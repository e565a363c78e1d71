"""The form's ID-number field takes the number of the card the applicant proved their identity
with (issue 12): a foreign permanent resident's or a Hong Kong/Macao/Taiwan residence permit's
number is not refused as a bad citizen ID number, and the message names that card's number."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.forms import validate_form
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import Applicant, ApplicationDraft, MaterialInput
from kiosk.store.db import Store
from kiosk.usecases.submit import SubmissionRefused, submit_application

from .conftest import make_item

FOREIGN_2017 = "USA110078091201"
FOREIGN_2023 = "911826198503200020"
HMT = "810000199001010013"


def values(number: str) -> dict[str, str]:
    return {
        "applicant_name": "史密斯",
        "id_number": number,
        "phone": "13812345678",
        "reason": "expired",
    }


def test_a_foreign_card_number_is_refused_for_a_resident_card_holder() -> None:
    item = ServiceItem.from_dict(make_item())
    problems = validate_form(item, values(FOREIGN_2017))
    assert set(problems) == {"id_number"}
    assert "18" in problems["id_number"].message_zh


@pytest.mark.parametrize(
    "card_type,number",
    [
        ("foreign_permanent_2017", FOREIGN_2017),
        ("foreign_permanent_2023", FOREIGN_2023),
        ("hmt_residence", HMT),
    ],
)
def test_the_holders_own_card_number_is_accepted(card_type: str, number: str) -> None:
    item = ServiceItem.from_dict(make_item())
    assert validate_form(item, values(number), card_type=card_type) == {}


def test_a_wrong_number_names_the_card_number() -> None:
    item = ServiceItem.from_dict(make_item())
    p = validate_form(item, values("USA11007809"), card_type="foreign_permanent_2017")["id_number"]
    assert p.message_zh.startswith("外国人永久居留身份证号码")
    assert p.message_en.startswith("Foreign permanent resident ID number")
    p = validate_form(item, values(FOREIGN_2017), card_type="hmt_residence")["id_number"]
    assert p.message_en.startswith("Residence permit number")


def _draft(applicant: Applicant, number: str) -> ApplicationDraft:
    return ApplicationDraft(
        item_code=make_item(1)["item_code"],
        applicant=applicant,
        form=values(number),
        materials=(
            MaterialInput("M1", "原居民身份证", "scan", content=b"\x89PNG-page", mime="image/png"),
            MaterialInput("M2", "户口簿", "missing"),
            MaterialInput("M4", "无犯罪记录证明", "promise"),
        ),
        commitment_accepted=True,
    )


def test_a_foreign_permanent_resident_can_submit(store: Store) -> None:
    now = dt.datetime(2026, 11, 27, 8, 30, tzinfo=dt.UTC)
    smith = Applicant(
        name="史密斯",
        id_number=FOREIGN_2017,
        card_type="foreign_permanent_2017",
        phone="13812345678",
    )
    res = submit_application(store, _draft(smith, FOREIGN_2017), now=now)
    assert store.applications.form(res.id)["id_number"] == FOREIGN_2017
    resident = Applicant(name="张三", id_number="11010519491231002X", phone="13812345678")
    with pytest.raises(SubmissionRefused):  # a resident card holder still needs a citizen ID
        submit_application(store, _draft(resident, FOREIGN_2017), now=now)


@pytest.mark.parametrize("card", ["foreign_permanent_2017", "foreign_permanent_2023"])
def test_a_foreign_permanent_residents_english_name_is_kept(card: str) -> None:
    """From the card (as the reader decodes it) to what the screens get: the Latin-letter name
    is kept beside the Chinese one, and the ID number's label is that card's."""
    import json
    from pathlib import Path

    from kiosk.identity.card import IdentityCard
    from kiosk.service import id_number_label, person_view
    from kiosk.usecases.identify import identity_from_card

    data = json.loads((Path(__file__).parents[2] / "assets/cards" / f"{card}.json").read_text())
    person = person_view(identity_from_card(IdentityCard.from_json(data)))
    assert person.prefill["english_name"] == data["english_name"]
    assert person.prefill["name"] == data["name"]
    assert person.card_type == card
    assert id_number_label(person.card_type) == (
        "外国人永久居留身份证号码",
        "Foreign permanent resident ID number",
    )


def test_a_resident_card_keeps_the_catalogs_label() -> None:
    from kiosk.service import id_number_label

    assert id_number_label("resident") is None
    assert id_number_label("hmt_residence") == ("港澳台居民居住证号码", "Residence permit number")
