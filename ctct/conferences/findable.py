"""Conferences and their news articles in the search box."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctct.core.findable import Entry, Findable, Shows, register
from ctct.core.treepaths import subtree_q


def conference_entries(queryset):
    for c in queryset.select_related("body", "report"):
        kind_words = c.kind.replace("_", " ")  # "so_ket" -> "so ket", found folded
        text = "\n".join(x for x in (c.place, c.results, c.direction, c.minutes) if x)
        yield Entry(
            object_id=c.pk,
            title=c.title,
            url_name="conferences:detail",
            url_args=(c.pk,),
            text=text,
            detail=" · ".join(x for x in (f"{c.held_on:%d/%m/%Y}", c.body.name, c.period) if x),
            keywords=(kind_words, c.body.name, c.body.unit_name, c.period),
            paths=(c.body.path,),
            owner_path=c.body.path,
            date=c.held_on,
            type=c.kind,
            subkind=c.kind,
        )


def article_entries(queryset):
    for a in queryset.select_related("conference__body"):
        c = a.conference
        yield Entry(
            object_id=a.pk,
            title=a.headline or c.title,
            url_name="conferences:news",
            url_args=(c.pk,),
            text=a.text,
            detail=" · ".join(x for x in (c.title, c.body.name, a.byline) if x),
            keywords=(c.title, c.body.unit_name),
            paths=(c.body.path,),
            owner_path=c.body.path,
            date=a.published_at.date() if a.published_at else c.held_on,
            type=a.status,
            subkind=c.kind,
        )


def register_findable() -> None:
    from ctct.bodies.models import Body
    from ctct.conferences.models import Article, Conference

    def held_by(model, field):
        return Shows(
            Body, ("name", "unit_name"), lambda b: model.objects.filter(**{field: b}).values("pk")
        )

    register(
        Findable(
            kind="conference",
            model=Conference,
            entries=conference_entries,
            label=_("Conferences"),
            order=20,
            shows=(held_by(Conference, "body"),),
            under=lambda path: Conference.objects.filter(subtree_q(path, "body__")).values_list(
                "pk", flat=True
            ),
        )
    )
    register(
        Findable(
            kind="article",
            model=Article,
            entries=article_entries,
            label=_("News articles"),
            order=25,
            shows=(held_by(Article, "conference__body"),),
            watch=(
                (
                    Conference,
                    lambda c: list(
                        Article.objects.filter(conference_id=c.pk).values_list("pk", flat=True)
                    ),
                ),
            ),
            under=lambda path: Article.objects.filter(
                subtree_q(path, "conference__body__")
            ).values_list("pk", flat=True),
        )
    )
