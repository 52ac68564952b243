from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "ctct.imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        from ctct.imports.panels import register_panels
        from ctct.imports.worker import MatcherKeeper

        register_panels()
        # The one piece of state a worker process keeps between tasks (see MatcherKeeper).
        self.matchers = MatcherKeeper()

        from ctct.imports.findable import register_findable

        register_findable()
