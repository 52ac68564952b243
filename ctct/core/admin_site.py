"""The Django admin, in Vietnamese like the rest, open to superusers only."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CtctAdminSite(admin.AdminSite):
    site_header = _("ctct administration")
    site_title = "ctct"
    index_title = _("Records")

    def has_permission(self, request):
        # Staff with a role on part of the tree work in the app's scoped pages; the admin
        # shows every record, so only superusers (who see the whole tree anyway) may open it.
        return request.user.is_active and request.user.is_superuser


class CtctAdminConfig(AdminConfig):
    default_site = "ctct.core.admin_site.CtctAdminSite"
