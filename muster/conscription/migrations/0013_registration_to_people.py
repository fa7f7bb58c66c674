"""Registration records moved to the registry (people 0009 took over their tables and renamed
them): drop them from this app's state only, leaving the tables and their rows alone."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('conscription', '0012_holiday_to_core'),
        ('people', '0009_registration_from_conscription'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='RegistrationBar'),
                migrations.DeleteModel(name='RegistrationEvent'),
            ],
            database_operations=[],
        ),
    ]
