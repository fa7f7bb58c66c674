"""The holiday calendar moves from the call-up app to core, with its rows: its state is created
here on the existing table (no database change), conscription 0012 drops it from the call-up
app's state only, then the table is renamed ``conscription_holiday`` → ``core_holiday``."""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("conscription", "0011_reviewstep_round_once"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Holiday",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("date", models.DateField(unique=True, verbose_name="date")),
                        ("name", models.CharField(max_length=120, verbose_name="name")),
                    ],
                    options={
                        "verbose_name": "public holiday",
                        "verbose_name_plural": "public holidays",
                        "ordering": ["date"],
                        "db_table": "conscription_holiday",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="holiday", table=None),
    ]
