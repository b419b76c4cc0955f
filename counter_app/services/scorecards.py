"""The scorecards inspectors score against, shipped as data (resources/supervision/scorecards.json):
the service-quality scorecard of spot checks and mystery-shopper visits (规范用语, 仪容仪表,
业务流程, 营业环境与设施, 公示内容, 自助设施) and the standard-hall checklist (VI, functional
zones, self-service, service norms, service management), each item with its points.

A scorecard is named with its version (``service-1``) on every check scored with it, and each
check keeps its items as scored, so a new version of the file leaves old checks as they were.
Changing a scorecard is a data change: edit the file, raise its version.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from counter_app import paths
from counter_app.i18n import pick

SERVICE = "service"
STANDARD_HALL = "standard_hall"
LEVELS = ("standard", "excellent", "model")


@dataclass(frozen=True)
class Item:
    code: str
    points: int
    text_zh: str
    text_en: str
    level: str = ""  # standard-hall checklist: the level that first requires the item

    def text(self, lang: str) -> str:
        return pick(lang, self.text_zh, self.text_en)


@dataclass(frozen=True)
class Section:
    code: str
    name_zh: str
    name_en: str
    items: tuple[Item, ...]

    def name(self, lang: str) -> str:
        return pick(lang, self.name_zh, self.name_en)

    @property
    def points(self) -> int:
        return sum(i.points for i in self.items)


@dataclass(frozen=True)
class Scorecard:
    code: str
    version: int
    kinds: tuple[str, ...]
    name_zh: str
    name_en: str
    sections: tuple[Section, ...]
    note_zh: str = ""
    note_en: str = ""

    @property
    def ref(self) -> str:
        return f"{self.code}-{self.version}"

    def name(self, lang: str) -> str:
        return pick(lang, self.name_zh, self.name_en)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def section_of(self, code: str) -> Section | None:
        return next((s for s in self.sections if any(i.code == code for i in s.items)), None)


@functools.cache
def _load() -> dict[str, Scorecard]:
    raw = json.loads(paths.resource("supervision", "scorecards.json").read_text(encoding="utf-8"))
    cards = {}
    for card in raw["scorecards"]:
        sections = tuple(
            Section(s["code"], s["name_zh"], s["name_en"],
                    tuple(Item(i["code"], int(i["points"]), i["text_zh"], i["text_en"], i.get("level", ""))
                          for i in s["items"]))
            for s in card["sections"])
        cards[card["code"]] = Scorecard(card["code"], int(card["version"]), tuple(card["kinds"]), card["name_zh"],
                                        card["name_en"], sections, card.get("note_zh", ""), card.get("note_en", ""))
    return cards


def scorecard(code: str) -> Scorecard:
    return _load()[code]


def for_kind(kind: str) -> Scorecard:
    """The scorecard a kind of visit is scored with."""
    for card in _load().values():
        if kind in card.kinds:
            return card
    raise KeyError(kind)


def all_scorecards() -> list[Scorecard]:
    return list(_load().values())
