"""Walk every URL of the site as users of each role and scope: nothing outside a user's
subtree can be read or changed.

URLs are collected from the resolver, so a new page is walked as soon as it is routed; a URL
argument this walk does not know how to fill fails the test until it is taught here.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ctct.accounts.models import RoleGrant
from ctct.bodies.models import Body
from ctct.conferences.models import Conference, Photo
from ctct.conferences.selectors import conferences_in_scope
from ctct.congresses.models import CongressRound, Preparation
from ctct.core.scopes import Scope
from ctct.documents.models import Attachment, Document, Recipient
from ctct.documents.selectors import documents_visible
from ctct.imports.models import ImportBatch, ImportItem
from ctct.imports.selectors import batches_visible, items_visible
from ctct.people.models import Person
from ctct.people.selectors import people_in_scope
from ctct.ratings.models import AwardDecision, Discipline, RatingRound, RatingSheet, RoundOpening
from ctct.resolutions.models import (
    FocusTask,
    ProgressEntry,
    Resolution,
    Review,
    Target,
    TargetAssignment,
)

# (namespace, URL argument) -> model whose primary key fills it.
ARGUMENT_MODELS = {
    ("bodies", "pk"): Body,
    ("people", "pk"): Person,
    ("people", "body_pk"): Body,
    ("documents", "pk"): Document,
    ("documents", "recipient_pk"): Recipient,
    ("documents", "attachment_pk"): Attachment,
    ("documents", "body_pk"): Body,
    ("conferences", "pk"): Conference,
    ("conferences", "body_pk"): Body,
    ("conferences", "photo_pk"): Photo,
    ("accounts", "body_pk"): Body,
    ("accounts", "grant_pk"): RoleGrant,
    ("imports", "pk"): ImportBatch,
    ("imports", "item_pk"): ImportItem,
    ("resolutions", "pk"): Resolution,
    ("resolutions", "body_pk"): Body,
    ("resolutions", "target_pk"): Target,
    ("resolutions", "conf_pk"): Conference,
    ("resolutions", "share_pk"): TargetAssignment,
    ("resolutions", "entry_pk"): ProgressEntry,
    ("resolutions", "review_pk"): Review,
    ("resolutions", "part_pk"): FocusTask,
    ("ratings", "body_pk"): Body,
    ("ratings", "decision_pk"): AwardDecision,
    ("congresses", "round_pk"): CongressRound,
    ("congresses", "body_pk"): Body,
    ("congresses", "prep_pk"): Preparation,
    # the rating pages are reached through a body: its rounds, the sheets it keeps
    ("ratings", "round_pk"): RatingRound,
    ("ratings", "sheet_pk"): RatingSheet,
    ("ratings", "opening_pk"): RoundOpening,
    ("ratings", "discipline_pk"): Discipline,
    ("ratings", "conf_pk"): Conference,
}
# URL arguments that are words, not records: the value that fills them.
ARGUMENT_WORDS = {("resolutions", "kind"): "tasks", ("imports", "index"): 0}
SKIP_NAMESPACES = {"admin"}  # walked separately: superusers only


def _patterns(resolvers=None, namespace=""):
    for p in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _patterns(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace, p


def _app_patterns():
    out = []
    for ns, p in _patterns():
        if ns in SKIP_NAMESPACES:
            continue
        args = list(p.pattern.converters)
        for a in args:
            known = (ns, a) in ARGUMENT_MODELS or (ns, a) in ARGUMENT_WORDS
            assert known, f"teach the URL walk how to fill {ns}:{p.name} <{a}>"
        out.append((ns, p.name, args))
    return out


def _url(ns, name, args, obj_pk):
    kwargs = {a: ARGUMENT_WORDS.get((ns, a), obj_pk) for a in args}
    return reverse(f"{ns}:{name}" if ns else name, kwargs=kwargs)


def _outside_objects(user):
    scope = Scope.for_user(user)
    bodies = [b for b in Body.objects.all() if not scope.allows("view", b)]
    visible_people = set(people_in_scope(scope).values_list("pk", flat=True))
    people = [p for p in Person.objects.all() if p.pk not in visible_people]
    visible_docs = set(documents_visible(scope).values_list("pk", flat=True))
    documents = [d for d in Document.objects.all() if d.pk not in visible_docs]
    recipients = [
        r for r in Recipient.objects.select_related("body") if not scope.allows("view", r.body)
    ]
    visible_confs = set(conferences_in_scope(scope).values_list("pk", flat=True))
    conferences = [c for c in Conference.objects.all() if c.pk not in visible_confs]
    photos = [p for p in Photo.objects.all() if p.conference_id not in visible_confs]
    visible_batches = set(batches_visible(scope).values_list("pk", flat=True))
    visible_items = set(items_visible(scope).values_list("pk", flat=True))
    return {
        ImportBatch: [b for b in ImportBatch.objects.all() if b.pk not in visible_batches],
        ImportItem: [i for i in ImportItem.objects.all() if i.pk not in visible_items],
        Body: bodies,
        Person: people,
        Document: documents,
        Attachment: [a for a in Attachment.objects.all() if a.document_id not in visible_docs],
        Recipient: recipients,
        Conference: conferences,
        Photo: photos,
        RoleGrant: [
            g for g in RoleGrant.objects.select_related("body") if not scope.allows("view", g.body)
        ],
        Resolution: [
            r for r in Resolution.objects.select_related("body") if not scope.allows("view", r.body)
        ],
        Target: [
            t
            for t in Target.objects.select_related("resolution__body")
            if not scope.allows("view", t.resolution.body)
            and not any(
                scope.allows("view", a.body)
                for a in TargetAssignment.objects.filter(target=t).select_related("body")
            )
        ],
        TargetAssignment: [
            a
            for a in TargetAssignment.objects.select_related("body")
            if not scope.allows("view", a.body)
        ],
        ProgressEntry: [
            e
            for e in ProgressEntry.objects.select_related("body")
            if not scope.allows("view", e.body)
        ],
        Review: [
            r for r in Review.objects.select_related("body") if not scope.allows("view", r.body)
        ],
        FocusTask: [
            f
            for f in FocusTask.objects.select_related("resolution__body")
            if not scope.allows("view", f.resolution.body)
        ],
        AwardDecision: [
            d
            for d in AwardDecision.objects.select_related("giver")
            if not scope.allows("view", d.giver)
        ],
        CongressRound: [
            c
            for c in CongressRound.objects.select_related("body")
            if not scope.allows("view", c.body)
        ],
        Preparation: [
            p
            for p in Preparation.objects.select_related("body")
            if not scope.allows("view", p.body)
        ],
    }


def _state():
    from ctct.conferences.models import Article, Conclusion, Participant
    from ctct.documents.models import DocumentRelation
    from ctct.people.models import Position, RankRecord

    return (
        list(Document.objects.order_by("pk").values_list("pk", "number", "title", "status")),
        list(Recipient.objects.order_by("pk").values_list("pk", "step")),
        DocumentRelation.objects.count(),
        list(Body.objects.order_by("pk").values_list("pk", "path", "name", "short_name")),
        list(Person.objects.order_by("pk").values_list("pk", "full_name", "rank", "body_id")),
        Position.objects.count(),
        RankRecord.objects.count(),
        list(RoleGrant.objects.order_by("pk").values_list("pk", "user_id", "body_id", "role")),
        list(Conference.objects.order_by("pk").values_list("pk", "kind", "held_on", "title")),
        list(Participant.objects.order_by("pk").values_list("pk", "titles")),
        list(Conclusion.objects.order_by("pk").values_list("pk", "done_on")),
        Photo.objects.count(),
        Attachment.objects.count(),
        list(Article.objects.order_by("pk").values_list("pk", "text", "status")),
        list(ImportItem.objects.order_by("pk").values_list("pk", "status", "record", "matches")),
        Resolution.objects.count(),
        list(Target.objects.order_by("pk").values_list("pk", "title", "parent")),
        list(TargetAssignment.objects.order_by("pk").values_list("pk", "target_value", "weight")),
        _resolution_parts(),
        _awards(),
        _congress_parts(),
        _ratings_state(),
    )


def _awards():
    from ctct.ratings.models import Award

    return (
        list(AwardDecision.objects.order_by("pk").values_list("pk", "state", "document")),
        list(Award.objects.order_by("pk").values_list("pk", "included", "reason")),
    )


def _congress_parts():
    from ctct.congresses.models import Congress, PreparationStep
    from ctct.congresses.models import Review as CongressReview

    return (
        list(CongressRound.objects.order_by("pk").values_list("pk", "state", "windows")),
        list(Preparation.objects.order_by("pk").values_list("pk", "stage", "planned_on")),
        list(PreparationStep.objects.order_by("pk").values_list("pk", "done_on")),
        CongressReview.objects.count(),
        Congress.objects.count(),
    )


def _ratings_state():
    from ctct.ratings.models import Discipline

    return (
        list(RatingRound.objects.order_by("pk").values_list("pk", "year", "state")),
        list(
            RatingSheet.objects.order_by("pk").values_list(
                "pk", "step", "proposed_level", "reviewed_level", "decided_level"
            )
        ),
        Discipline.objects.count(),
    )


def _resolution_parts():
    from ctct.resolutions.models import ReviewVersion, SolutionGroup

    return (
        list(FocusTask.objects.order_by("pk").values_list("pk", "order", "text")),
        SolutionGroup.objects.count(),
        list(ProgressEntry.objects.order_by("pk").values_list("pk", "value", "on", "note")),
        list(Review.objects.order_by("pk").values_list("pk", "document", "title")),
        ReviewVersion.objects.count(),
        list(Resolution.objects.order_by("pk").values_list("pk", "title", "period", "adopted_at")),
    )


@pytest.fixture
def documents(org, settings, tmp_path):
    """A directive of the region addressed down its tree, a secret one, and one of the province,
    each with an attachment."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ctct.documents import services

    settings.MEDIA_ROOT = tmp_path / "media"

    d = dt.date(2025, 9, 10)
    directive = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=d, title="Đại hội"
    )
    services.distribution_create(
        document=directive, subtree_of=org.region, reported_by=dt.date(2025, 12, 1)
    )
    services.document_issue(
        issuer=org.brigade, type_code="NQ", issued_on=d, title="Mật", security_level=2
    )
    provincial = services.document_issue(
        issuer=org.province, type_code="NQ", issued_on=d, title="Tỉnh"
    )
    for doc in Document.objects.all():
        upload = SimpleUploadedFile(f"{doc.title}.pdf", b"%PDF-1.4\n")
        services.attachment_add(document=doc, upload=upload)
    return directive, provincial


@pytest.fixture
def conferences(org, settings, tmp_path):
    """A conference (with a participant, a requirement and a photo) in every branch."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ctct.conferences import services
    from ctct.conferences.tests.images import png_bytes

    settings.MEDIA_ROOT = tmp_path / "media"
    out = []
    for body in (org.region, org.pol_cell, org.brigade, org.cell, org.other_cell, org.province):
        conf = services.conference_create(
            body=body, kind="so_ket", held_on=dt.date(2025, 6, 20), period="2025-H1"
        )
        services.participant_add(conference=conf, role="attended", full_name="K", is_guest=True)
        services.conclusion_add(conference=conf, text="Giữ vững")
        services.photo_add(
            conference=conf, upload=SimpleUploadedFile("a.png", png_bytes()), caption="Ảnh"
        )
        services.article_draft(conference=conf)
        out.append(conf)
    return out


@pytest.fixture
def imports(org):
    """An import waiting for review in every branch."""
    out = []
    for body in (org.region, org.pol_cell, org.brigade, org.cell, org.other_cell, org.province):
        batch = ImportBatch.objects.create(
            root=body, source="paste", label=f"import-of-{body.pk}", status="done"
        )
        text = f"Ngày 20/6/2025, {body.name} tổ chức hội nghị sơ kết."
        out.append(
            ImportItem.objects.create(
                batch=batch,
                filename=f"report-of-{body.pk}.txt",
                content_hash=f"walk-{body.pk}",
                status="needs_review",
                text=text,
                record={
                    "text": text,
                    "event": {"date": "2025-06-20", "kind": "so_ket", "organizer": body.name},
                    "people": [{"name": "X", "rank": None, "positions": [], "roles": []}],
                    "documents": [],
                },
                matches={
                    "organizer": {"decision": "matched", "object_id": body.pk, "candidates": []},
                    "people": [{"decision": "new", "object_id": None, "candidates": []}],
                    "documents": [],
                },
            )
        )
    return out


@pytest.fixture
def resolutions(org):
    """A 2025 resolution with a target in every branch; the region's target handed to the
    brigade and on to the cell."""
    from ctct.resolutions import services

    out = []
    for body in (org.region, org.pol_cell, org.brigade, org.cell, org.other_cell, org.province):
        res = services.resolution_create(body=body, period="2025", title=f"NQ {body.name}")
        services.focus_task_add(resolution=res, text="Nhiệm vụ")
        target = services.target_add(
            resolution=res,
            title=f"Kết nạp ({body.name})",
            measure="count",
            target_value=4,
            rollup="sum",
        )
        out.append((res, target))
    region_target = out[0][1]
    (share,) = services.target_hand_down(target=region_target, values={org.brigade: 2})
    (cell_share,) = services.target_hand_down(target=region_target, values={org.cell: 1}, via=share)
    # An entry of every branch's own target, the cell's entry of the share handed to it, and
    # a review of every branch.
    import datetime as dt

    from ctct.resolutions.review_services import review_create, review_save

    bodies = (org.region, org.pol_cell, org.brigade, org.cell, org.other_cell, org.province)
    for (_res, target), body in zip(out, bodies, strict=True):
        services.progress_enter(target=target, body=body, value=1, on=dt.date(2025, 6, 2), note="x")
        review = review_create(body=body, period="2025", kind="tong_ket")
        review_save(review=review, based_on=0, limitations="Chậm báo cáo")
    services.progress_enter(
        target=region_target, body=org.cell, value=1, on=dt.date(2025, 6, 3), note="x"
    )
    assert cell_share.body_id == org.cell.pk
    return out


@pytest.fixture
def award_lists(org):
    """An award list of 2025 with two names in every branch (written as records: who may
    give what is the awards tests' business)."""
    from ctct.ratings.models import Award, AwardKind

    kind = AwardKind.objects.get(code="giay-khen-dang-vien-htxsnv")
    out = []
    for body in (org.region, org.pol_cell, org.brigade, org.cell, org.other_cell, org.province):
        decision = AwardDecision.objects.create(giver=body, kind=kind, year=2025)
        for name in ("Nguyễn Văn Một", "Trần Văn Hai"):
            Award.objects.create(decision=decision, recipient_name=name, reason="HTXSNV 2025")
        out.append(decision)
    return out


@pytest.fixture
def congresses(org):
    """A congress round of the region (the cell a pilot, its papers with the superior) and
    one of the province."""
    from ctct.congresses import rules
    from ctct.congresses.tests.factories import bring_to, open_round, prep_of

    region = open_round(body=org.region, pilots=[org.cell])
    bring_to(prep_of(region, org.cell), rules.REVIEW)
    return region, open_round(body=org.province)


@pytest.fixture
def ratings(org):
    """The region's 2025 round (a sheet for every member and body below it) and the
    province's, the cell member's sheet self-rated, a discipline in each subtree."""
    from ctct.ratings.tests.factories import make_discipline, make_round, make_sheet

    region_round = make_round(body=org.region, year=2025)
    make_round(body=org.province, year=2025)
    make_sheet(round=region_round, person=org.cell_member, level="httnv")
    make_discipline(person=org.other_member)
    make_discipline(person=org.civilian, decided_by=org.province)
    return region_round


@pytest.mark.parametrize("who", ["officer", "secretary", "viewer", "provincial", "nobody"])
def test_nothing_outside_a_users_subtree_can_be_read_or_changed(
    who,
    org,
    users,
    documents,
    conferences,
    imports,
    resolutions,
    award_lists,
    congresses,
    ratings,
    client,
):
    user = getattr(users, who)
    client.force_login(user)
    outside = _outside_objects(user)
    assert outside[Body], "every test user has something outside their reach"
    before = _state()
    walked = 0
    for ns, name, args in _app_patterns():
        if not args:
            continue
        model = ARGUMENT_MODELS[(ns, args[0])]
        for obj in outside[model]:
            url = _url(ns, name, args, obj.pk)
            for method in ("get", "post"):
                r = getattr(client, method)(
                    url,
                    {
                        "name": "X",
                        "title": "Bí thư",
                        "full_name": "X",
                        "step": 1,
                        "kind": "amends",
                        "target": "1-CT/ĐU",
                        "kind_text": "X",
                        "held_on": "2025-06-20",
                        "role": "attended",
                        "is_guest": "on",
                        "participant": 1,
                        "conclusion": 1,
                        "titles": "X",
                        "text": "X",
                        "action": "publish",
                        "citation": "1-CT/ĐU",
                        "recipient_name": "X",
                        "issuer": "X",
                        "period": "2026",
                        "value": "1",
                        "on": "2025-06-20",
                        "note": "X",
                        "task-text": "X",
                        "how": "level",
                        "level": "1",
                        "measure": "count",
                        "target_value": "1",
                        "rollup": "sum",
                    },
                )
                assert r.status_code in (404, 405), (
                    f"{who} {method.upper()} {url} -> {r.status_code}"
                )
                if r.status_code == 404:
                    assert str(obj).encode() not in r.content
                walked += 1
    assert walked > 0
    assert _state() == before


@pytest.mark.parametrize("who", ["officer", "secretary", "viewer", "provincial", "nobody"])
def test_lists_and_searches_show_only_what_is_in_scope(
    who, org, users, documents, conferences, resolutions, congresses, ratings, client
):
    user = getattr(users, who)
    client.force_login(user)
    outside = _outside_objects(user)
    pages = [
        reverse("home"),
        reverse("bodies:tree"),
        reverse("bodies:search") + "?q=dang",
        reverse("bodies:search") + "?q=chi+bo",
        reverse("people:index") + "?q=van",
        reverse("people:index") + "?q=thi",
        reverse("documents:index"),
        reverse("documents:index") + "?q=NQ",
        reverse("documents:reminders"),
        reverse("conferences:calendar") + "?month=2025-06",
        reverse("conferences:calendar") + "?month=2025-06&day=2025-06-20",
        reverse("imports:index"),
        reverse("imports:review"),
        reverse("resolutions:index"),
        reverse("congresses:index"),
        reverse("ratings:discipline"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        for b in outside[Body]:
            assert f'href="{b.get_absolute_url()}"' not in body, (who, url, b.name)
        for p in outside[Person]:
            assert p.full_name not in body, (who, url, p.full_name)
        for d in outside[Document]:
            assert f'href="{d.get_absolute_url()}"' not in body, (who, url, d.citation)
        for c in outside[Conference]:
            assert f'href="{c.get_absolute_url()}"' not in body, (who, url, str(c))
        for res in outside[Resolution]:
            assert reverse("resolutions:detail", args=[res.pk]) not in body, (who, url, str(res))
        for rnd in outside[CongressRound]:
            assert reverse("congresses:dashboard", args=[rnd.pk]) not in body, (who, url)
        for prep in outside[Preparation]:
            assert reverse("congresses:preparation", args=[prep.pk]) not in body, (who, url)


@pytest.mark.parametrize("who", ["secretary", "viewer"])
def test_editing_pages_need_an_editing_role(who, org, users, client):
    user = getattr(users, who)
    client.force_login(user)
    body = org.cell if who == "secretary" else org.brigade
    assert client.get(reverse("bodies:detail", args=[body.pk])).status_code == 200
    for name in ("edit", "create_child", "move"):
        assert client.get(reverse(f"bodies:{name}", args=[body.pk])).status_code == 404
    expected = 200 if who == "secretary" else 404
    assert client.get(reverse("people:person_add", args=[body.pk])).status_code == expected


def test_the_admin_is_for_superusers_only(org, users, client):
    for user in (users.officer, users.provincial, users.secretary):
        client.force_login(user)
        r = client.get(reverse("admin:bodies_body_changelist"))
        assert r.status_code == 302 and "/admin/login/" in r["Location"]
    client.force_login(users.superuser)
    assert client.get(reverse("admin:bodies_body_changelist")).status_code == 200


def test_every_page_needs_a_login(org, client):
    for ns, name, args in _app_patterns():
        if ns == "" and name in {"login", "logout", "health", "set_language"}:
            continue
        url = _url(ns, name, args, org.cell.pk) if args else reverse(f"{ns}:{name}" if ns else name)
        r = client.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"], url
