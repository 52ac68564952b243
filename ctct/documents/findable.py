"""Documents in the search box: number in every written form, type, summary, text and the
names of attached files; seen by whoever ``selectors.documents_visible`` lets see them."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctct.core.findable import Entry, Findable, Shows, register
from ctct.core.treepaths import subtree_q


def document_entries(queryset):
    from ctct.documents.models import Attachment, Recipient

    docs = list(queryset.select_related("issuer", "registered_in"))
    ids = [d.pk for d in docs]
    addressed: dict[int, set[str]] = defaultdict(set)
    files: dict[int, list[str]] = defaultdict(list)
    if ids:
        for doc_id, path in Recipient.objects.filter(document_id__in=ids).values_list(
            "document_id", "body_path"
        ):
            addressed[doc_id].add(path)
        for doc_id, name in Attachment.objects.filter(document_id__in=ids).values_list(
            "document_id", "name"
        ):
            files[doc_id].append(name)
    for d in docs:
        issuer = d.issuer.name if d.issuer else d.issuer_name
        number = d.number_display
        keywords = [d.citation, issuer or ""]
        paths: list[str] = []
        line: list[str] = []
        if d.issuer is not None:
            paths.append(d.issuer.path)
        if d.registered_in is not None:
            line.append(d.registered_in.path)
        paths.extend(sorted(addressed.get(d.pk, ())))
        owner = d.issuer or d.registered_in
        yield Entry(
            object_id=d.pk,
            title=d.title or d.citation,
            url_name="documents:detail",
            url_args=(d.pk,),
            text="\n".join([d.text, *files.get(d.pk, ())]).strip(),
            detail=" · ".join(x for x in (d.citation, issuer) if x),
            keywords=tuple(k for k in keywords if k),
            numbers=(f"{d.type_name} số {number}",) if number else (),
            paths=tuple(paths),
            line_paths=tuple(line),
            public=d.issuer is None and d.registered_in is None,
            clearance=d.security_level,
            owner_path=owner.path if owner else "",
            date=d.issued_on,
            type=d.type_code,
            subkind=d.status,
        )


def documents_under(path: str):
    from ctct.documents.models import Document, Recipient

    addressed = Recipient.objects.filter(subtree_q(path, "body_")).values("document_id")
    return Document.objects.filter(
        subtree_q(path, "issuer__") | subtree_q(path, "registered_in__") | Q(pk__in=addressed)
    ).values_list("pk", flat=True)


def register_findable() -> None:
    from ctct.bodies.models import Body
    from ctct.documents.models import Attachment, Document

    register(
        Findable(
            kind="document",
            model=Document,
            entries=document_entries,
            label=_("Documents"),
            order=10,
            watch=((Attachment, lambda a: [a.document_id]),),
            shows=(
                Shows(Body, ("name",), lambda b: Document.objects.filter(issuer=b).values("pk")),
            ),
            under=documents_under,
        )
    )
