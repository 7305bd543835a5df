"""Remove company products stored under a pseudo-code (999999, 9999AA, TOTAL, 99...).

Pseudo-codes are no products (issue 11): the register now refuses them, and
rows stored before are deleted. The pattern is frozen here as it was when the
migration was written (engine.trade.codes.PSEUDO_PRODUCT_PATTERN).
"""

from django.db import migrations

PSEUDO = r"^(TOTAL|ALL|AG[0-9]|[0-9]*(AA|XX)|9[89][0-9]*)$"


def forward(apps, schema_editor):
    Product = apps.get_model("companies", "Product")
    Product.objects.filter(hs_code__iregex=PSEUDO).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0004_index_hs_code_and_status_filters"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
