"""The scope actions of resolutions, registered in ``ResolutionsConfig.ready()``.

edit_resolutions: write a body's resolutions, their tasks, groups and targets, and hand targets
down its subtree. enter_progress: enter the progress of a target held by or handed to a body
(a cell's secretary reports its own figures).
"""

from __future__ import annotations

from ctct.core.scopes import Role, at_least, register_action


def register_permissions() -> None:
    register_action("edit_resolutions", at_least(Role.SECRETARY))
    register_action("enter_progress", at_least(Role.SECRETARY))
