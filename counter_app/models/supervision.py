"""Supervision and training records: service-quality spot checks (服务质量抽查), mystery-shopper
visits and the standard-hall checklist (one ``inspection`` row each), and the scored drills of
the training mode (``drill_result``). Both are facts: a row is never changed after it is
written (a corrected check is a new check), and both travel to the hub."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, IntegerField, TextField

from counter_app.models.base import JSONField, SyncedModel

INSPECTION_KINDS = ("spot_check", "mystery_shopper", "standard_hall")


class Inspection(SyncedModel):
    """One visit scored against a scorecard of resources/supervision/ (its code and version in
    ``scorecard``). ``items`` holds every item as scored: code, points given, the item's
    maximum and the inspector's note, so a later change of the scorecard leaves old checks
    readable as they were scored."""

    SYNC_KIND = "fact"

    kind = CharField(max_length=16)  # spot_check | mystery_shopper | standard_hall
    scorecard = CharField(max_length=32)
    inspector_no = CharField(max_length=16)
    inspector_name = CharField(max_length=64, default="")
    visited_at = DateTimeField(index=True)
    staff_no = CharField(max_length=16, default="")  # the clerk observed; "" for the hall as a whole
    counter_number = IntegerField(null=True)
    score = IntegerField()
    max_score = IntegerField()
    items = JSONField(default=list)
    note = TextField(default="")
    follow_up = TextField(default="")  # what the hall is to put right
    follow_up_due = DateField(null=True)


class DrillResult(SyncedModel):
    """One drill done by a clerk in training mode, as scored when it ended. Written in the
    training copy and brought into the hall's own database by ``services.training``
    (the only thing that ever leaves a training copy)."""

    SYNC_KIND = "fact"

    staff_no = CharField(max_length=16, index=True)
    drill_code = CharField(max_length=40)
    assessment = CharField(max_length=40, default="")  # the assessment it counted for, if any
    started_at = DateTimeField(index=True)  # the scripted customer called
    finished_at = DateTimeField()
    elapsed_s = IntegerField()
    standard_s = IntegerField()
    keys = IntegerField(default=0)
    mistakes = JSONField(default=list)
    score = IntegerField()
