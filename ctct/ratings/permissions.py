"""The scope actions of ratings, registered in ``RatingsConfig.ready()``.

open_rating_rounds: open a round for a body's subtree (the political agency or the secretary).
rate: enter and review the sheets of a body's members and subordinate bodies (the cell's
secretary enters self-ratings from the members' papers and the cell committee's review).
decide_ratings: decide the levels of the sheets a body decides (the committee one level up).
see_discipline / record_discipline: discipline records are shown only to those entitled
(a secretary or more at the person's body or above) and written by the political agency or
the inspection committee (editor or more).
give_awards: propose, confirm and draft the award decisions a body gives.
"""

from __future__ import annotations

from ctct.core.scopes import Role, at_least, register_action


def register_permissions() -> None:
    register_action("open_rating_rounds", at_least(Role.SECRETARY))
    register_action("rate", at_least(Role.SECRETARY))
    register_action("decide_ratings", at_least(Role.SECRETARY))
    register_action("see_discipline", at_least(Role.SECRETARY))
    register_action("record_discipline", at_least(Role.EDITOR))
    register_action("give_awards", at_least(Role.SECRETARY))
