"""The scope actions this app needs, by role; the scope registry takes them in (``ctct.core``).

edit_resolutions: write a body's resolutions, their tasks, groups and targets, and hand targets
down its subtree. enter_progress: enter the progress of a target held by or handed to a body
(a cell's secretary reports its own figures).
"""

from __future__ import annotations

ACTIONS: dict[str, set[str]] = {
    "edit_resolutions": {"admin", "editor", "secretary"},
    "enter_progress": {"admin", "editor", "secretary"},
}
