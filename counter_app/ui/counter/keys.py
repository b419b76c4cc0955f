"""The counter window's keys: one table, one action per key, each working wherever the focus
is in the window (the customer field, the amount field, a tab, a table).

The scheme a clerk learns:

- the queue keeps F1–F6 everywhere (call next, recall, transfer, no-show, finish, pause);
- F9 starts a business, Ctrl+F goes to the customer field;
- payment methods are Alt+1–Alt+4 in the order the Payment tab shows them;
- the bills tab's documents are Ctrl+1–Ctrl+3;
- the rest are Ctrl+letter: D amount due, R reverse, H handover, I verify the subscriber,
  G change to the recommended plan, N new complaint, P print what the tab shows; Ctrl+Enter confirms (takes the payment, or commits the signed slip).

A key that belongs to a tab brings that tab forward first. No key is bound twice in the
window (``tests/test_counter_keys.py`` checks it, and that README.md lists this table).
Keys that only mean something where the focus is (a business's key in the business list,
1–5 for the customer's rating on the last page, Esc to go back a step) stay with their
widget and are not in this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from counter_app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Key:
    name: str
    keys: tuple[str, ...]  # the first is the one shown; others are the same key on another pad
    text: str  # English source, translated in context "CounterKeys"
    menu: str  # the menu the action sits in


KEYS: tuple[Key, ...] = (
    Key("next", ("F1",), QT_TRANSLATE_NOOP("CounterKeys", "Call next"), "queue"),
    Key("recall", ("F2",), QT_TRANSLATE_NOOP("CounterKeys", "Recall"), "queue"),
    Key("transfer", ("F3",), QT_TRANSLATE_NOOP("CounterKeys", "Transfer"), "queue"),
    Key("noshow", ("F4",), QT_TRANSLATE_NOOP("CounterKeys", "No-show"), "queue"),
    Key("finish", ("F5",), QT_TRANSLATE_NOOP("CounterKeys", "Finish"), "queue"),
    Key("pause", ("F6",), QT_TRANSLATE_NOOP("CounterKeys", "Pause / resume"), "queue"),
    Key("find", ("Ctrl+F",), QT_TRANSLATE_NOOP("CounterKeys", "Find customer"), "counter"),
    Key("business", ("F9",), QT_TRANSLATE_NOOP("CounterKeys", "Start a business"), "counter"),
    Key("plan", ("Ctrl+G",), QT_TRANSLATE_NOOP("CounterKeys", "Change to the recommended plan"), "counter"),
    Key("verify", ("Ctrl+I",), QT_TRANSLATE_NOOP("CounterKeys", "Verify the subscriber…"), "counter"),
    Key("cash", ("Alt+1",), QT_TRANSLATE_NOOP("CounterKeys", "Pay in cash"), "payment"),
    Key("pos", ("Alt+2",), QT_TRANSLATE_NOOP("CounterKeys", "Pay by bank card (POS)"), "payment"),
    Key("card", ("Alt+3",), QT_TRANSLATE_NOOP("CounterKeys", "Pay by payment card"), "payment"),
    Key("remote", ("Alt+4",), QT_TRANSLATE_NOOP("CounterKeys", "Cross-city payment"), "payment"),
    Key("due", ("Ctrl+D",), QT_TRANSLATE_NOOP("CounterKeys", "Amount due"), "payment"),
    Key("confirm", ("Ctrl+Return", "Ctrl+Enter"), QT_TRANSLATE_NOOP("CounterKeys",
                                                                   "Confirm (take the payment, commit the slip)"),
        "counter"),
    Key("reverse", ("Ctrl+R",), QT_TRANSLATE_NOOP("CounterKeys", "Reverse a payment…"), "payment"),
    Key("handover", ("Ctrl+H",), QT_TRANSLATE_NOOP("CounterKeys", "Shift handover…"), "payment"),
    Key("bill", ("Ctrl+1",), QT_TRANSLATE_NOOP("CounterKeys", "Bill"), "bills"),
    Key("records", ("Ctrl+2",), QT_TRANSLATE_NOOP("CounterKeys", "Detailed records"), "bills"),
    Key("fees", ("Ctrl+3",), QT_TRANSLATE_NOOP("CounterKeys", "Fee standards"), "bills"),
    Key("print", ("Ctrl+P",), QT_TRANSLATE_NOOP("CounterKeys", "Print what the tab shows"), "counter"),
    Key("complaint", ("Ctrl+N",), QT_TRANSLATE_NOOP("CounterKeys", "New complaint"), "complaints"),
    Key("refund", ("Ctrl+Shift+R",), QT_TRANSLATE_NOOP("CounterKeys", "Refund SP charge"), "complaints"),
    Key("sign_out", ("Ctrl+Shift+L",), QT_TRANSLATE_NOOP("CounterKeys", "Sign out"), "counter"),
)
BY_NAME = {k.name: k for k in KEYS}


def shown_key(name: str) -> str:
    """The key as a clerk reads it on a button: "F1", "Alt+1", "Ctrl+Enter"."""
    key = BY_NAME[name].keys[0]
    return "Ctrl+Enter" if key == "Ctrl+Return" else key


def key_text(name: str) -> str:
    return QCoreApplication.translate("CounterKeys", BY_NAME[name].text)


def make_action(parent, name: str, slot: Callable[[], object], action: QAction | None = None) -> QAction:
    """The window's action for key ``name`` (or an existing one, given its key here)."""
    key = BY_NAME[name]
    if action is None:
        action = QAction(key_text(name), parent)
    action.setObjectName(f"key_{name}")
    action.setShortcuts([QKeySequence(k) for k in key.keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if slot is not None:
        action.triggered.connect(slot)
    return action

