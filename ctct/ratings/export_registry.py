"""What this part of the ratings app registers in lower apps (panels, pickers, due items)."""


def register() -> None:
    pass
