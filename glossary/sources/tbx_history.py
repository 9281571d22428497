"""Transaction groups (``<transacGrp>``): who changed an entry, how and when.

The model keeps one date per concept, ``updated``: the latest modification (or change of
no stated kind) on the entry, its language sections or its terms. Creation dates and
authors have no field; the reader counts them as not imported. memoQ writes the kind in
the type and the author in the text (``<transac type="modification">anna</transac>``),
TBX the kind in the text (``<transac type="transactionType">modification</transac>``)
and the author in ``<transacNote type="responsibility">``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

__all__ = [
    "AUTHORS_NOT_IMPORTED",
    "CREATED_NOT_IMPORTED",
    "UNDATED_NOT_IMPORTED",
    "Transaction",
    "read_date",
    "read_transaction",
]

AUTHORS_NOT_IMPORTED = (
    'authors of changes (<transac>, <transacNote type="responsibility">) have no field '
    "in the model and were not imported"
)
CREATED_NOT_IMPORTED = (
    "creation dates (<transacGrp> of an origination) have no field in the model "
    "and were not imported"
)
UNDATED_NOT_IMPORTED = "<transacGrp> elements without a readable <date> were not imported"

_CREATION = frozenset({"origination", "input", "creation"})
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True, slots=True)
class Transaction:
    """One ``<transacGrp>``: its date (None when unreadable) and where each part is."""

    created: bool
    date: dt.date | None
    date_element: etree._Element | None
    author: etree._Element | None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext()).strip()


def read_date(group: etree._Element) -> dt.date | None:
    """The date of the group's first ``<date>`` (``2024-05-01``, ``20240501T…``)."""
    for element in group.iter(tag=etree.Element):
        if _local(element) == "date":
            match = _DATE.match(_text(element))
            if match:
                try:
                    return dt.date(*(int(part) for part in match.groups()))
                except ValueError:
                    return None
            return None
    return None


def read_transaction(group: etree._Element) -> Transaction:
    kind = ""
    author: etree._Element | None = None
    date_element: etree._Element | None = None
    for element in group.iter(tag=etree.Element):
        name = _local(element)
        kind_attr = (element.get("type") or "").strip().casefold()
        text = _text(element)
        if name == "transac":
            if kind_attr in ("", "transactiontype"):
                kind = text.casefold()
            else:  # memoQ: the kind in the type, the author in the text
                kind = kind_attr
                if text and author is None:
                    author = element
        elif name == "transacNote" and kind_attr == "responsibility" and text:
            author = element if author is None else author
        elif name == "date" and date_element is None:
            date_element = element
    date = read_date(group) if date_element is not None else None
    return Transaction(kind in _CREATION, date, date_element, author)
