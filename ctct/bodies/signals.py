"""Signals of the Party tree for apps that keep copies of tree paths."""

from django.dispatch import Signal

# Sent after a body and its subtree moved; ``body`` is the moved body with its new path.
# Receivers update their copies of paths (documents.Recipient.body_path ...).
body_moved = Signal()
