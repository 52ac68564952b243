"""What every app's test factories share: a counter that keeps default names apart.

Each app has ``tests/factories.py`` with plain ``make_*`` builders that go through the app's
real services (so validation and history apply) and fill in sensible defaults::

    from ctct.bodies.tests.factories import make_body, make_cell
    from ctct.people.tests.factories import make_person

    brigade = make_body(parent=region)
    secretary = make_person(body=make_cell(parent=brigade), titles=["Bí thư"])
"""

from __future__ import annotations

import itertools

# Starts well above the numbers of the shared tree (Đại đội 1, Lữ đoàn 657 stay unambiguous).
_counter = itertools.count(1001)


def unique() -> int:
    """The next number of the session: a default name built on it is not taken yet."""
    return next(_counter)
