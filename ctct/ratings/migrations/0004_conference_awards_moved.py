"""The awards conferences recorded move here: one announced decision per conference and giver
and award (``AwardDecision`` in state "announced", the giver and the award as written, the
year of the conference), one ``Award`` per recipient. Awards read from an imported report keep
their provenance: their ``ImportLink`` rows (kind "award") are pointed at the new rows.

It reads ``conferences.Award`` (removed by the conferences migration that depends on this one)
and ``imports.ImportLink`` (a migration may name a higher app; code may not).
"""

from django.db import migrations

WORDS = {"bang_khen": "Bằng khen", "giay_khen": "Giấy khen"}


def move(apps, schema_editor):
    Old = apps.get_model("conferences", "Award")
    Decision = apps.get_model("ratings", "AwardDecision")
    Award = apps.get_model("ratings", "Award")
    Link = apps.get_model("imports", "ImportLink")
    imported = set(Link.objects.filter(kind="award").values_list("object_id", flat=True))
    decisions: dict[tuple, int] = {}
    moved: dict[int, int] = {}
    for old in Old.objects.select_related("conference").order_by("conference_id", "id").iterator():
        name = old.kind_text or WORDS.get(old.kind, "")
        key = (old.conference_id, old.issuer, name)
        if key not in decisions:
            decisions[key] = Decision.objects.create(
                conference_id=old.conference_id,
                giver_name=old.issuer,
                kind_name=name,
                year=old.conference.held_on.year,
                state="announced",
            ).pk
        new = Award.objects.create(
            decision_id=decisions[key],
            person_id=old.person_id,
            body_id=old.body_id,
            recipient_name=old.recipient_name,
            reason=old.reason,
            source="imported" if old.pk in imported else "manual",
        )
        moved[old.pk] = new.pk
    # Rewritten all at once: a new id may equal another link's old id of the same item.
    links = [link for link in Link.objects.filter(kind="award") if link.object_id in moved]
    Link.objects.filter(pk__in=[link.pk for link in links]).delete()
    for link in links:
        link.object_id = moved[link.object_id]
    Link.objects.bulk_create(links)


def back(apps, schema_editor):
    Decision = apps.get_model("ratings", "AwardDecision")
    Decision.objects.filter(state="announced").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ratings", "0003_announced_awards"),
        ("conferences", "0001_initial"),
        ("imports", "0003_worker_beats"),
    ]

    operations = [migrations.RunPython(move, back)]
