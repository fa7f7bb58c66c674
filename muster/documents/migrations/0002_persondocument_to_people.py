"""PersonDocument moved to the people app (people 0008 took over its table and renamed it):
drop it from this app's state only, leaving the table and its rows alone."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
        ('people', '0008_persondocument_from_documents'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='PersonDocument')],
            database_operations=[],
        ),
    ]
