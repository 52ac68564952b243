"""The scope actions of resolutions, registered in ``ResolutionsConfig.ready()``.

edit_resolutions: write a body's resolutions, their tasks, groups and targets, and hand targets
down its subtree. enter_progress: enter the progress of a target held by or handed to a body
(a cell's secretary reports its own figures). ``may_correct_entry`` says who may correct or
remove an entry once made.
"""

from __future__ import annotations

from ctct.core.scopes import Role, at_least, register_action
from ctct.core.treepaths import parent_path


def register_permissions() -> None:
    register_action("edit_resolutions", at_least(Role.SECRETARY))
    register_action("enter_progress", at_least(Role.SECRETARY))


def may_correct_entry(scope, user, entry) -> bool:
    """May ``user`` correct or remove a progress entry? The one who entered it, while still
    allowed to enter progress at its body; or one allowed to enter progress at a body above
    it (a secretary or more of the superior chain)."""
    body = entry.body
    if not scope.allows("enter_progress", body):
        return False
    if scope.is_superuser or (entry.entered_by_id and entry.entered_by_id == user.pk):
        return True
    above = parent_path(body.path)
    return bool(above) and scope.allows_path("enter_progress", above)
