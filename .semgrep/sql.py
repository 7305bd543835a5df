# Test cases of sql.yml: `semgrep --test .semgrep/` (ruleid: must fire, ok: must not).
from django.db import connection
from django.db.models.expressions import RawSQL


def by_name(name, table, Company):
    with connection.cursor() as cursor:
        # ruleid: exportpilot-sql-built-from-variables
        cursor.execute(f"SELECT * FROM companies_company WHERE name = '{name}'")
        # ruleid: exportpilot-sql-built-from-variables
        cursor.execute("SELECT * FROM companies_company WHERE name = '%s'" % name)
        # ruleid: exportpilot-sql-built-from-variables
        cursor.execute("SELECT * FROM {} WHERE name = %s".format(table), [name])
        # ruleid: exportpilot-sql-built-from-variables
        cursor.execute("SELECT * FROM companies_company WHERE name = " + name)
        sql = f"DELETE FROM companies_company WHERE name = '{name}'"
        # ruleid: exportpilot-sql-built-from-variables
        cursor.execute(sql)
        # ok: exportpilot-sql-built-from-variables
        cursor.execute("SELECT * FROM companies_company WHERE name = %s", [name])
    # ruleid: exportpilot-sql-built-from-variables
    Company.objects.raw(f"SELECT * FROM companies_company WHERE name = '{name}'")
    # ok: exportpilot-sql-built-from-variables
    Company.objects.raw("SELECT * FROM companies_company WHERE name = %s", [name])
    # ruleid: exportpilot-sql-built-from-variables
    Company.objects.annotate(x=RawSQL(f"SELECT '{name}'", []))
    # ruleid: exportpilot-sql-built-from-variables
    Company.objects.extra(where=[f"name = '{name}'"])


def insert(model, fields, rows, database):
    quote = database.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(str(f.column)) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with database.cursor() as cursor:
        # ok: exportpilot-sql-built-from-variables
        cursor.executemany(sql, rows)


def selected(Company, name):
    # ruleid: exportpilot-sql-built-from-variables
    return Company.objects.extra(select={"x": f"'{name}'"})
