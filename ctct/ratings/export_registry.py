"""What the results part of the ratings app registers in lower apps: a section of the body
page linking to the charts of its rating results (and to the files, for those who may rate)."""

from __future__ import annotations

from ctct.core import panels


def body_section(request, body) -> dict | None:
    """Shown to whoever views the body, once a yearly round has rated in its subtree (one
    query)."""
    from ctct.ratings import results

    if not request.scope.allows("view", body):
        return None
    years = results.years(body)
    if not years:
        return None
    return {
        "body": body,
        "year": years[0],
        "years": years,
        "may_export": request.scope.allows("rate", body),
    }


def register() -> None:
    panels.register(
        "body",
        name="rating_results",
        order=45,
        template="ratings/_results_section.html",
        context=body_section,
    )
