from __future__ import annotations

import pytest


@pytest.fixture
def find():
    """``find(user, text, **filters)``: the results of ``search`` for that user's scope."""
    from ctct.core.scopes import Scope
    from ctct.search.engine import search

    def _find(user, text, **kw):
        return search(Scope.for_user(user), text, **kw)

    return _find


def titles(results) -> list[str]:
    return [h.title for h in results.hits]
