from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "ctct.people"
    verbose_name = _("People and positions")

    def ready(self):
        from ctct.core.pickers import register
        from ctct.people.pickers import PersonKind

        register(PersonKind())

        from ctct.people.panels import register_panels

        register_panels()
