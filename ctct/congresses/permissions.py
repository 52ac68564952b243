"""The scope actions of congresses, registered in ``CongressesConfig.ready()``.

open_congress_rounds: open a round for a body's subtree (the secretary or the political agency).
prepare_congress: mark a body's own steps (plan adopted, papers sent, results reported) and
record its congress.
review_congress: the superior's decision on the papers of the bodies below it.
"""

from __future__ import annotations

from ctct.core.scopes import Role, at_least, register_action


def register_permissions() -> None:
    register_action("open_congress_rounds", at_least(Role.SECRETARY))
    register_action("prepare_congress", at_least(Role.SECRETARY))
    register_action("review_congress", at_least(Role.SECRETARY))
