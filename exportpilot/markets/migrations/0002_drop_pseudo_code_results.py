"""Remove market opportunities and product-space nodes for pseudo-codes.

Pseudo-codes (999999 "commodities not specified according to kind", 9999AA,
TOTAL, chapter 99...) are no products (issue 11); analyses stored before the
importer dropped them showed opportunities for them. The pattern is frozen here
as it was when the migration was written (engine.trade.codes).
"""

from django.db import migrations

PSEUDO = r"^(TOTAL|ALL|AG[0-9]|[0-9]*(AA|XX)|9[89][0-9]*)$"


def forward(apps, schema_editor):
    for name in ("ProductOpportunity", "ProductSpaceNode"):
        model = apps.get_model("markets", name)
        model.objects.filter(product__iregex=PSEUDO).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("markets", "0001_add_market_intelligence"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
