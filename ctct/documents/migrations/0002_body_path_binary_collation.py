from django.db import migrations

from ctct.core.migration_ops import binary_collation


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [binary_collation("documents_recipient", "body_path")]
