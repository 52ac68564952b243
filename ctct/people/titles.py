"""Title formatting lives in the language layer (``ctct.text.titles``); re-exported here for
callers not yet moved to it."""

from ctct.text.titles import (  # noqa: F401
    PARTY_TITLE_PREFIXES,
    STATE_TITLE_PREFIXES,
    body_label,
    format_title,
    title_chain,
    title_kind,
    title_line,
)
