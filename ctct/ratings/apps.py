from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "ctct.ratings"
    verbose_name = _("Ratings, discipline and awards")

    def ready(self):
        from ctct.ratings import (
            announced_registry,
            award_registry,
            export_registry,
            permissions,
            round_registry,
        )

        permissions.register_permissions()
        # Panels, pickers and due items of each part: rounds and discipline, awards, exports.
        round_registry.register()
        award_registry.register()
        export_registry.register()
        # The awards announced at conferences (moved here from conferences).
        announced_registry.register()
