from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "ctct.ratings"
    verbose_name = _("Ratings, discipline and awards")

    def ready(self):
        from ctct.ratings.permissions import register_permissions

        register_permissions()
