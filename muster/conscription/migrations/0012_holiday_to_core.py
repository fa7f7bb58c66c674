"""The holiday calendar moved to core (core 0001 took over its table and renamed it): drop it
from this app's state only, leaving the table and its rows alone."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("conscription", "0011_reviewstep_round_once"),
        ("core", "0001_holiday"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Holiday")],
            database_operations=[],
        ),
    ]
