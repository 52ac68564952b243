"""The index never shows a record the user may not open: for every kind and every role, what
a search finds is exactly what the owning app's own scoped reads let the user see."""

from __future__ import annotations

import pytest

from ctct.core.scopes import Scope

MARK = "xylanh"  # a word found in every record made here, and nowhere else


@pytest.fixture
def world(org, users):
    """One record of every kind at a cell, at another branch's cell and in the province, a
    secret document, and documents of the central register and addressed down."""
    from ctct.bodies.tests.factories import make_cell
    from ctct.conferences.tests.factories import make_article, make_conference
    from ctct.documents.tests.factories import make_document, make_registered_document
    from ctct.imports.models import ImportBatch, ImportItem
    from ctct.people.tests.factories import make_person
    from ctct.ratings.tests.announced_factories import make_award
    from ctct.resolutions.services import resolution_create, target_add

    made: dict[str, list] = {}

    def add(kind, obj):
        made.setdefault(kind, []).append(obj.pk)

    for n, body in enumerate((org.cell, org.pol_cell, org.province), start=1):
        add("document", make_document(issuer=body, title=f"Kế hoạch {MARK} số {n}", type_code="KH"))
        add("person", make_person(full_name=f"Nguyễn {MARK.title()} {n}", body=body))
        add("body", make_cell(parent=body, name=f"Chi bộ {MARK} {n}"))
        conf = make_conference(body=body, title=f"Hội nghị {MARK} {n}")
        add("conference", conf)
        add("article", make_article(conference=conf))
        add("award", make_award(conference=conf, recipient_name=f"Tập thể {MARK} {n}"))
        res = resolution_create(body=body, period="năm 2025", title=f"Nghị quyết {MARK} {n}")
        add("resolution", res)
        add(
            "target",
            target_add(
                resolution=res,
                title=f"Chỉ tiêu {MARK} {n}",
                measure="count",
                target_value=3,
                rollup="sum",
            ),
        )
        batch = ImportBatch.objects.create(root=body, source="paste", created_by=users.officer)
        add(
            "import",
            ImportItem.objects.create(batch=batch, filename=f"{n}.txt", text=f"Báo cáo {MARK} {n}"),
        )
    # targets of the region handed down: each is seen at the bodies it was handed to
    from ctct.resolutions.services import target_hand_down

    res = resolution_create(body=org.region, period="năm 2025", title="Nghị quyết quân khu")
    for n, cell in enumerate((org.cell, org.other_cell), start=1):
        handed = target_add(
            resolution=res,
            title=f"Kết nạp {MARK} đảng viên {n}",
            measure="count",
            target_value=3,
            rollup="sum",
        )
        target_hand_down(target=handed, values={cell: 2})
        add("target", handed)
    add(
        "document",
        make_document(issuer=org.region, title=f"Chỉ thị mật {MARK}", security_level=2),
    )
    add(
        "document",
        make_document(
            issuer=org.region, title=f"Chỉ thị {MARK} gửi đại đội", addressed_to=[org.cell]
        ),
    )
    add("document", make_registered_document(title=f"Công văn {MARK} chung"))
    add(
        "document",
        make_registered_document(title=f"Chỉ thị {MARK} của lữ đoàn", registered_in=org.brigade),
    )
    return made


def visible(kind: str, scope: Scope):
    """The app's own answer to "which records of this kind may this user open"."""
    from django.db.models import Q

    from ctct.bodies.models import Body
    from ctct.conferences.models import Article
    from ctct.conferences.selectors import conferences_in_scope
    from ctct.documents.selectors import documents_visible
    from ctct.imports.selectors import items_visible
    from ctct.people.models import Person
    from ctct.ratings.models import Award
    from ctct.resolutions.models import Resolution, Target

    resolutions = scope.filter(Resolution.objects.all(), "body")
    return {
        "document": lambda: documents_visible(scope),
        "person": lambda: scope.filter(Person.objects.all(), "body"),
        "body": lambda: scope.filter(Body.objects.all()),
        "conference": lambda: conferences_in_scope(scope),
        "article": lambda: Article.objects.filter(conference__in=conferences_in_scope(scope)),
        "award": lambda: Award.objects.filter(decision__conference__in=conferences_in_scope(scope)),
        "resolution": lambda: resolutions,
        # a target's page opens at its resolution's body and at each body it was handed to
        "target": lambda: Target.objects.filter(
            Q(resolution__in=resolutions)
            | Q(assignments__body__in=scope.filter(Body.objects.all()))
        ).distinct(),
        "import": lambda: items_visible(scope),
    }[kind]()


#: "officer" holds one of the two trees whole (the region); "every_tree" both (the engine then
#: leaves the reach condition out of the index scan on PostgreSQL, engine._whole_trees)
ROLES = [
    "officer",
    "secretary",
    "viewer",
    "provincial",
    "nobody",
    "superuser",
    "cleared",
    "every_tree",
]


@pytest.mark.parametrize("role", ROLES)
def test_a_search_finds_exactly_what_the_user_may_open(org, users, world, role):
    from ctct.accounts.tests.factories import make_user
    from ctct.search.engine import search

    if role == "cleared":
        user = make_user(role="editor", on=org.region)
        user.clearance = 2
        user.save()
    elif role == "every_tree":
        from ctct.accounts.services import role_grant

        user = make_user(role="admin", on=org.region)
        role_grant(user=user, body=org.province, role="admin")
    else:
        user = getattr(users, role)
    scope = Scope.for_user(user)
    expected = {
        (kind, pk)
        for kind, ids in world.items()
        for pk in visible(kind, scope).filter(pk__in=ids).values_list("pk", flat=True)
    }
    found = set()
    results = search(scope, MARK, per_page=100)
    for page in range(1, results.pages + 1):
        for hit in search(scope, MARK, per_page=100, page=page).hits:
            found.add((hit.kind, hit.object_id))
    assert found == expected
    # the counts reveal nothing more than the hits
    assert sum(results.counts.values()) == len(expected)


def test_every_kind_is_covered(world):
    from ctct.core import findable

    assert {f.kind for f in findable.findables()} == set(world)


def test_the_secret_document_is_found_only_with_clearance(org, users, world):
    from ctct.accounts.tests.factories import make_user
    from ctct.search.engine import search

    cleared = make_user(role="viewer", on=org.region)
    cleared.clearance = 2
    cleared.save()
    assert search(Scope.for_user(users.officer), "chi thi mat").total == 0
    assert search(Scope.for_user(cleared), "chi thi mat").total == 1


class TestHandedTargets:
    """A target handed down is found where it was handed, and opens there."""

    @pytest.fixture
    def handed(self, org):
        from ctct.resolutions.services import resolution_create, target_add, target_hand_down

        res = resolution_create(body=org.brigade, period="năm 2025", title="Nghị quyết lữ đoàn")
        ours, theirs = (
            target_add(
                resolution=res,
                title=title,
                measure="count",
                target_value=4,
                rollup="sum",
            )
            for title in ("Kết nạp đảng viên mới", "Kết nạp quần chúng ưu tú")
        )
        (share,) = target_hand_down(target=ours, values={org.cell: 2})
        target_hand_down(target=theirs, values={org.other_cell: 2})
        return ours, theirs, share

    def test_a_cell_secretary_finds_the_target_handed_to_the_cell_and_opens_it(
        self, org, users, handed, login
    ):
        from django.urls import reverse

        from ctct.search.engine import search

        ours, _theirs, _share = handed
        found = search(Scope.for_user(users.secretary), "ket nap")
        assert [(h.kind, h.object_id) for h in found.hits] == [("target", ours.pk)]
        url = found.hits[0].url
        assert url == reverse("resolutions:target", args=[org.cell.pk, ours.pk])
        assert login(users.secretary).get(url).status_code == 200

    def test_above_the_resolution_the_target_opens_at_the_resolutions_body(
        self, org, users, handed
    ):
        from django.urls import reverse

        from ctct.search.engine import search

        ours, theirs, _share = handed
        hits = search(Scope.for_user(users.viewer), "ket nap").hits
        assert {h.url for h in hits} == {
            reverse("resolutions:target", args=[org.brigade.pk, t.pk]) for t in (ours, theirs)
        }

    def test_a_target_withdrawn_from_the_cell_is_no_longer_found_there(self, users, handed):
        from ctct.resolutions.services import share_withdraw
        from ctct.search.engine import search

        _ours, _theirs, share = handed
        share_withdraw(share=share)
        assert search(Scope.for_user(users.secretary), "ket nap").hits == []
