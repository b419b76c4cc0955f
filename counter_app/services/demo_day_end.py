"""What closes the demo's window: day closes with the settlement's own totals, today's
counters as the clerks left them, the number sequences the live app continues from, and
the audit chain of the whole window.
"""

from __future__ import annotations

from counter_app.ids import uuid7
from counter_app.models import (
    AuditEvent,
    CounterState,
    DayClose,
    DocumentSequence,
    NumberSequence,
)
from counter_app.models.base import JSONField
from counter_app.services import audit_chain
from counter_app.services.demo_state import DayState


class DayEnd(DayState):
    """The writes that span the whole window, after the last month."""

    def finish(self) -> dict[str, int]:
        """Complaints, day closes of every past day, today's counters and numbers, the audit
        chain; returns what was made, for the demo's summary."""
        self._write_complaints()
        self.writer.flush()
        self._day_closes()
        self._counters_now()
        self._sequences()
        self._audit_chain()
        self.writer.flush()
        return dict(self.counts)

    def _day_closes(self) -> None:
        from counter_app.models import Staff
        from counter_app.services.session import open_session
        from counter_app.services.settlement import settlement

        session = open_session()
        session.staff = Staff.get_by_id("2001")
        for day in self.days:
            if day >= self.today:
                continue
            totals = settlement(session, day).totals_json()
            at = self.at(day, self.closes + 30 + self.rng.randrange(0, 15))
            self.writer.add(DayClose, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            business_date=day, closed_by="2001", totals=totals)
            self.audit.append((at, "2001", "day.close", day.isoformat(),
                               {"net_fen": totals["net_fen"], "expected_cash_fen": totals["expected_cash_fen"]}))

    def _counters_now(self) -> None:
        """Today's counters as the clerks left them at this moment: open (or at lunch) with
        the ticket being served; none before opening or after closing."""
        counters = self.today_counters
        minute = self.now.hour * 60 + self.now.minute
        serving = {v.serving: v.ticket_id for v in self.today_visits if v.serving is not None}
        CounterState.delete().where(CounterState.hall == self.hall).execute()
        for number, (staff, _cats, away) in counters.items():
            if not (self.opens <= minute < self.closes):
                continue
            status = "paused" if any(a <= minute < b for a, b in away) and number not in serving else "open"
            CounterState.insert(hall=self.hall, counter_number=number, status=status, staff_no=staff,
                                current_ticket=serving.get(number),
                                since=self.at(self.today, self.opens - 5)).execute()

    def _sequences(self) -> None:
        for key, value in self.sequences.items():
            DocumentSequence.insert(name=key, value=value).on_conflict(
                conflict_target=[DocumentSequence.name], update={DocumentSequence.value: value}).execute()
        for (day, category), last in self.ticket_numbers.items():
            NumberSequence.insert(hall=self.hall, business_date=day, category=category, last_number=last).on_conflict(
                conflict_target=[NumberSequence.hall, NumberSequence.business_date, NumberSequence.category],
                update={NumberSequence.last_number: last}).execute()

    def _audit_chain(self) -> None:
        """The audit trail of the window, one chain in time order, as ``audit_chain.append``
        writes it event by event."""
        detail_field = JSONField()
        seq, prev = audit_chain.read_head(self.terminal) or (0, "")
        events = sorted((e for e in self.audit if e[0] <= self.now), key=lambda e: e[0])
        for at, staff_no, action, target, detail in events:
            seq += 1
            event_id = uuid7()
            stored = detail_field.db_value(detail)
            text = "null" if stored is None else stored  # as audit_chain hashes it
            digest = audit_chain.event_hash(audit_chain.ChainEvent(event_id.hex, self.hall, self.terminal, seq, at,
                                                                   staff_no, action, str(target), text, prev, ""))
            self.writer.add(AuditEvent, id=event_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            at=at, staff_no=staff_no, action=action, target=str(target), detail=detail, seq=seq,
                            prev_hash=prev, hash=digest)
            prev = digest
        self.writer.flush()
        if seq:
            audit_chain.write_head(self.terminal, seq, prev)

