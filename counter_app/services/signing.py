"""Signed verification codes: every printed document's QR is signed with its hall's Ed25519 key.

The QR text (what a scanner types) is::

    CA2|<kind>|<ident>|<hall>|<YYYYMMDD>|<key id>|<signature>

``kind`` says what the document is (:data:`KINDS`), ``ident`` which one (a receipt number, an
order's id and number, a line and month, ...), ``hall`` who issued it and the date when; the
signature (64 bytes, base64url without padding) covers everything before it. ``key id`` is the
first 8 hex digits of the SHA-256 of the signing key's public half.

Keys: a terminal makes its own key pair for its hall the first time it signs (a hall with
three PCs holds three keys, each a key of that hall). The private half is a file in the
terminal's data folder, ``keys/<hall>-<key id>.ed25519``, readable by the application's user
only, and never leaves the PC. The public half is a ``hall_key`` row, recorded as a setup
change: the hub applies it to its own ``hall_key`` table (a hall's login can register keys of
its own hall only) and every terminal of every hall pulls it, so any counter of the province
verifies any hall's document offline. A key signs documents dated within its validity; a
rotation (:func:`rotate`) ends the old key's validity that day and deletes its private half,
and the documents signed before stay verifiable.

Codes printed before signing existed (``CA1|…``, a checksum under a key that was in the
source code) are told apart as *unsigned*: nothing vouches for them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Hall, HallKey, db
from counter_app.models.setup_change import SetupChange
from counter_app.services import audit
from counter_app.services.permissions import Permission, require
from counter_app.services.prepared import Prepared
from counter_app.services.session import Session

log = logging.getLogger(__name__)

PREFIX = "CA2"
LEGACY_PREFIX = "CA1"
KINDS = ("receipt", "order", "bill", "records", "settle", "ticket", "complaint", "inspection")
# A code printed in training mode names its kind "TRAINING.<kind>" (counter_app/training.py), inside
# what is signed: a training process reads it like any other, every other process refuses it.
TRAINING_KIND = "TRAINING."

KIND_NAMES = {
    "receipt": QT_TRANSLATE_NOOP("Signing", "receipt"),
    "order": QT_TRANSLATE_NOOP("Signing", "acceptance slip"),
    "bill": QT_TRANSLATE_NOOP("Signing", "bill"),
    "records": QT_TRANSLATE_NOOP("Signing", "detailed records"),
    "settle": QT_TRANSLATE_NOOP("Signing", "settlement sheet"),
    "ticket": QT_TRANSLATE_NOOP("Signing", "queue ticket"),
    "complaint": QT_TRANSLATE_NOOP("Signing", "complaint acknowledgment"),
    "inspection": QT_TRANSLATE_NOOP("Signing", "service check sheet"),
}


class Status(StrEnum):
    VALID = "valid"
    FORGED = "forged"  # altered, not signed by the key it names, or not a well-formed code
    UNKNOWN_KEY = "unknown_key"  # names a key this terminal does not know (yet)
    EXPIRED = "expired"  # dated outside the validity of the key that signed it
    UNSIGNED = "unsigned"  # a code of the old format, without a hall's signature
    TRAINING = "training"  # a genuine code of a training printout, read outside training mode
    NOT_OURS = "not_ours"  # not one of our codes at all


# Why a scanned code is refused (the counter's scan field, the lookups by QR).
REFUSED = {
    Status.FORGED: QT_TRANSLATE_NOOP("Errors", "This code's signature does not hold: the document was altered or "
                                               "forged. Do not accept it."),
    Status.UNKNOWN_KEY: QT_TRANSLATE_NOOP("Errors", "This code is signed with a key of hall {hall} that this terminal "
                                                    "does not know; it comes with the next sync. Type the number "
                                                    "instead."),
    Status.EXPIRED: QT_TRANSLATE_NOOP("Errors", "This code is dated {date}, when the key that signed it was not "
                                                "valid: do not accept the document."),
    Status.UNSIGNED: QT_TRANSLATE_NOOP("Errors", "This code is of the old kind, without a hall's signature: type "
                                                 "the number instead."),
    Status.NOT_OURS: QT_TRANSLATE_NOOP("Errors", "This code is not one of ours or was not read completely; "
                                                 "scan it again."),
    Status.TRAINING: QT_TRANSLATE_NOOP("Errors", "This code is from a training printout (培训): it is not valid "
                                                 "at a real counter."),
}


@dataclass(frozen=True)
class Check:
    """What a scanned code is, and whether its signature holds."""

    status: Status
    kind: str = ""
    ident: str = ""
    hall: str = ""
    issued: dt.date | None = None
    key_id: str = ""

    @property
    def ok(self) -> bool:
        return self.status is Status.VALID


# -- keys -----------------------------------------------------------------------------------

def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:8]


def _public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_folder() -> Path:
    from counter_app.paths import data_dir

    folder = data_dir() / "keys"
    if not folder.is_dir():
        folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def key_file(hall_code: str, key_id: str) -> Path:
    """Where the private half of a key of this terminal is kept."""
    return key_folder() / f"{hall_code}-{key_id}.ed25519"


_loaded: dict[Path, Ed25519PrivateKey] = {}


def _read_private(path: Path) -> Ed25519PrivateKey | None:
    if path in _loaded:
        if path.exists():
            return _loaded[path]
        del _loaded[path]
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError):
        return None
    if not isinstance(key, Ed25519PrivateKey):
        return None
    _loaded[path] = key
    return key


def _write_private(key: Ed25519PrivateKey, path: Path) -> None:
    """Written once, readable and writable by this user only (0600 from its creation)."""
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())


def _record(row: HallKey) -> None:
    """The key's row goes to the hub as a setup change, from where every terminal pulls it."""
    SetupChange.create(hall=row.hall, target="signing_key", key=row.key_id, data={
        "public_key": row.public_key, "valid_from": str(row.valid_from),
        "valid_until": str(row.valid_until) if row.valid_until else None, "terminal": row.terminal})


def _new_key(hall_code: str, terminal: str, today: dt.date) -> tuple[HallKey, Ed25519PrivateKey]:
    key = Ed25519PrivateKey.generate()
    raw = _public_raw(key)
    key_id = key_id_of(raw)
    _write_private(key, key_file(hall_code, key_id))
    _loaded[key_file(hall_code, key_id)] = key
    with db.atomic():
        row = HallKey.create(hall=hall_code, key_id=key_id, public_key=raw.hex(), valid_from=today, terminal=terminal)
        _record(row)
    log.info("made signing key %s of hall %s at terminal %s", key_id, hall_code, terminal)
    return row, key


def _own_keys(hall_code: str) -> list[HallKey]:
    """The hall's open keys whose private half is on this PC."""
    return [row for row in HallKey.select().where((HallKey.hall == hall_code) & HallKey.valid_until.is_null())
            if key_file(hall_code, row.key_id).exists()]


# Hot paths (a bill run prints hundreds of codes, the counter's scan field checks each one):
# prepared look-ups, and the terminal's id remembered per database file.
_OPEN_KEYS = Prepared(lambda hall: HallKey.select(HallKey.key_id, HallKey.public_key).where(
    (HallKey.hall == hall) & HallKey.valid_until.is_null()).order_by(HallKey.valid_from.desc(), HallKey.key_id))
_KEY = Prepared(lambda hall, key_id: HallKey.select(HallKey.public_key, HallKey.valid_until)
                .where((HallKey.hall == hall) & (HallKey.key_id == key_id)))
_terminals: dict[str, str] = {}


def _terminal() -> str:
    from counter_app.services.session import terminal_id

    where = str(getattr(db.obj, "database", ""))
    if where not in _terminals:
        _terminals[where] = terminal_id()
    return _terminals[where]


_making = threading.Lock()  # two documents signed at once on the PC's first signature make one key


def signing_key(hall_code: str) -> tuple[HallKey, Ed25519PrivateKey]:
    """A key of the hall whose private half is on this PC, made (and recorded for the hub)
    when there is none: the hall's first signature here, or a database moved to another PC."""
    with _making:
        return _signing_key(hall_code)


def _signing_key(hall_code: str) -> tuple[HallKey, Ed25519PrivateKey]:
    terminal = _terminal()
    for key_id, public in _OPEN_KEYS.rows(hall_code):
        key = _read_private(key_file(hall_code, key_id))
        if key is not None and _public_raw(key).hex() == public:
            return HallKey(hall=hall_code, key_id=key_id, public_key=public, terminal=terminal), key
    # A key file without its row (a database restored from before the key): its row again.
    for path in sorted(key_folder().glob(f"{hall_code}-*.ed25519")):
        key = _read_private(path)
        if key is None:
            continue
        raw = _public_raw(key)
        key_id = key_id_of(raw)
        if path.name != f"{hall_code}-{key_id}.ed25519" or HallKey.get_or_none(
                (HallKey.hall == hall_code) & (HallKey.key_id == key_id)) is not None:
            continue
        with db.atomic():
            row = HallKey.create(hall=hall_code, key_id=key_id, public_key=raw.hex(), valid_from=clock.today(),
                                 terminal=terminal)
            _record(row)
        return row, key
    return _new_key(hall_code, terminal, clock.today())


def rotate(session: Session) -> HallKey:
    """A new key for this terminal; the hall's keys kept here sign nothing after today (their
    documents stay verifiable) and their private halves are deleted. Audited."""
    require(session, Permission.MANAGE_HALL)
    today = clock.today()
    terminal = _terminal()
    with db.atomic():
        old = _own_keys(session.hall_code)
        for row in old:
            row.valid_until = today
            row.save()
            _record(row)
        row, _key = _new_key(session.hall_code, terminal, today)
        audit.record(session, "signing.key_rotated", row.key_id, ended=[r.key_id for r in old])
    for gone in old:
        path = key_file(session.hall_code, gone.key_id)
        _loaded.pop(path, None)
        path.unlink(missing_ok=True)
    return row


def keys(hall_code: str | None = None) -> list[HallKey]:
    """The public keys this terminal knows (of every hall, or of one)."""
    query = HallKey.select().order_by(HallKey.hall, HallKey.valid_from, HallKey.key_id)
    if hall_code:
        query = query.where(HallKey.hall == hall_code)
    return list(query)


# -- codes ----------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def payload(hall_code: str, kind: str, ident: str, on: dt.date | None = None) -> str:
    """The signed QR text of a document of ``hall_code``, dated ``on`` (today)."""
    if kind not in KINDS or "|" in ident or "|" in hall_code:
        raise ValueError(f"cannot sign {kind!r} {ident!r}")
    from counter_app import training

    row, key = signing_key(hall_code)
    named = TRAINING_KIND + kind if training.is_active() else kind
    body = f"{PREFIX}|{named}|{ident}|{hall_code}|{(on or clock.today()):%Y%m%d}|{row.key_id}"
    return f"{body}|{_b64(key.sign(body.encode()))}"


def is_code(text: str) -> bool:
    """Whether ``text`` looks like one of our codes (signed or of the old kind)."""
    return (text or "").strip().startswith((PREFIX + "|", LEGACY_PREFIX + "|"))


def verify(text: str) -> Check:
    """What ``text`` (a scanned code) is, checked against the public keys this terminal knows."""
    text = (text or "").strip()
    if text.startswith(LEGACY_PREFIX + "|"):
        parts = text.split("|")
        return Check(Status.UNSIGNED, kind=parts[1] if len(parts) > 2 else "",
                     ident=parts[2] if len(parts) > 3 else "")
    if not text.startswith(PREFIX + "|"):
        return Check(Status.NOT_OURS)
    parts = text.split("|")
    if len(parts) != 7:  # half read, or not ours
        return Check(Status.NOT_OURS)
    _prefix, named, ident, hall, day, key_id, signature = parts
    kind = named.removeprefix(TRAINING_KIND)
    if kind not in KINDS:
        return Check(Status.FORGED)
    try:
        issued = dt.datetime.strptime(day, "%Y%m%d").date()
        sig = _unb64(signature)
    except (ValueError, binascii.Error):
        return Check(Status.FORGED, kind=kind, ident=ident, hall=hall)
    if _b64(sig) != signature:  # one signature, one spelling (base64 would let the last digit vary)
        return Check(Status.FORGED, kind=kind, ident=ident, hall=hall)
    found = Check(Status.VALID, kind=kind, ident=ident, hall=hall, issued=issued, key_id=key_id)
    row = _KEY.first(hall, key_id)
    if row is None:
        return _with(found, Status.UNKNOWN_KEY)
    public, valid_until = row
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(sig, text.rsplit("|", 1)[0].encode())
    except (InvalidSignature, ValueError):
        return _with(found, Status.FORGED)
    # Only the end of a key's validity is enforced: a code dated before its key was made could
    # only come from the key's own holder (who can date a code as they like anyway), while a
    # PC clock set back would make that hall's genuine documents fail everywhere.
    if valid_until is not None and issued > valid_until:
        return _with(found, Status.EXPIRED)
    if named != kind:
        from counter_app import training

        if not training.is_active():
            return _with(found, Status.TRAINING)
    return found


def _with(check: Check, status: Status) -> Check:
    return Check(status, check.kind, check.ident, check.hall, check.issued, check.key_id)


def parse(text: str) -> tuple[str, str] | None:
    """(kind, ident) of a code whose signature holds, else None."""
    check = verify(text)
    return (check.kind, check.ident) if check.ok else None


def require_valid(text: str, field: str = "query") -> Check:
    """The checked code, or a ValidationError saying why it is refused."""
    check = verify(text)
    if not check.ok:
        raise ValidationError(REFUSED[check.status], field=field, hall=check.hall,
                              date=str(check.issued or ""))
    return check


def hall_name(code: str) -> str:
    hall = Hall.get_or_none(Hall.code == code)
    return hall.name if hall is not None else ""


# What ``counter-app verify`` says (context "Signing"); {kind} is a translated KIND_NAMES entry.
VERDICTS = {
    Status.VALID: QT_TRANSLATE_NOOP("Signing", "Valid: {kind} {ref}, issued by hall {hall} {hall_name} on {date} "
                                               "(key {key})."),
    Status.FORGED: QT_TRANSLATE_NOOP("Signing", "FORGED: the signature does not hold; the document was altered or "
                                                "was not issued by a hall. Do not accept it."),
    Status.UNKNOWN_KEY: QT_TRANSLATE_NOOP("Signing", "Unknown key: the code names key {key} of hall {hall}, which this "
                                                     "terminal does not know; sync with the hub and check again."),
    Status.EXPIRED: QT_TRANSLATE_NOOP("Signing", "Expired key: the {kind} {ref} of hall {hall} is dated {date}, when "
                                                 "key {key} was not valid. Do not accept it."),
    Status.UNSIGNED: QT_TRANSLATE_NOOP("Signing", "Unsigned: a code of the old kind without a hall's signature; "
                                                  "nothing vouches for it."),
    Status.NOT_OURS: QT_TRANSLATE_NOOP("Signing", "Not one of our codes."),
    Status.TRAINING: QT_TRANSLATE_NOOP("Signing", "Training: the {kind} {ref} was printed in training mode (培训); "
                                                  "it is not a valid document."),
}


def reference(check: Check) -> str:
    """The document's own reference as printed on it: an order's number rather than its ids."""
    if check.kind == "order":
        parts = check.ident.split(":")
        return parts[1] if len(parts) > 1 and parts[1] else parts[0]
    return check.ident


def verdict(check: Check, translate: Callable[[str, str], str] | None = None) -> str:
    """One sentence saying what a checked code is (translated with ``translate(context, text)``)."""
    say = translate or (lambda _context, text: text)
    kind = say("Signing", KIND_NAMES[check.kind]) if check.kind in KIND_NAMES else check.kind
    return str(say("Signing", VERDICTS[check.status])).format(
        kind=kind, ref=reference(check), hall=check.hall, hall_name=hall_name(check.hall) if check.hall else "",
        date=check.issued.isoformat() if check.issued else "", key=check.key_id)
