"""The resolutions app registers its actions with the one permission layer."""

from ctct.core.scopes import Role, roles_with


def test_secretaries_and_above_may_edit_resolutions_and_enter_progress():
    for action in ("edit_resolutions", "enter_progress"):
        assert roles_with(action) == {Role.ADMIN, Role.EDITOR, Role.SECRETARY}


def test_a_viewer_may_do_neither():
    assert Role.VIEWER not in roles_with("edit_resolutions") | roles_with("enter_progress")
