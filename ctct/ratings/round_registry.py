"""What this part of the ratings app registers in lower apps (panels, pickers, due items)."""


def register() -> None:
    from ctct.ratings.round_panels import register_panels

    register_panels()
