from django.db import migrations

from ctct.core.migration_ops import binary_collation


class Migration(migrations.Migration):
    dependencies = [("bodies", "0001_initial")]
    operations = [binary_collation("bodies_body", "path")]
