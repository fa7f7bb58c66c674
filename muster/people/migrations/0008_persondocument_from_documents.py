"""Evidence (PersonDocument) moves from the documents app to people, keeping its rows.

The model's state is created here on the existing table (``SeparateDatabaseAndState``: no
database change), and documents 0002 drops it from the documents app's state only. Then the
table is renamed ``documents_persondocument`` → ``people_persondocument`` (the constraints keep
their explicit names; the files on disk stay where they are). Runs after documents 0001 (the
table exists) and before documents 0002 (which depends on it), on SQLite and PostgreSQL alike.
"""

import django.db.models.deletion
import muster.people.models
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0007_drop_national_id_like'),
        ('documents', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PersonDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(choices=[('id_card', 'Copy of the ID card (CCCD)'), ('birth_certificate', 'Birth certificate'), ('health_declaration', 'Self-declared health form'), ('school_certificate', 'School or study certificate'), ('decision', 'Decision'), ('other', 'Other document')], max_length=24, verbose_name='kind')),
                        ('date', models.DateField(verbose_name='document date')),
                        ('file', models.FileField(max_length=200, upload_to=muster.people.models.evidence_path, verbose_name='file')),
                        ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('content_type', models.CharField(choices=[('application/pdf', 'application/pdf'), ('image/jpeg', 'image/jpeg'), ('image/png', 'image/png')], max_length=40)),
                        ('size', models.PositiveIntegerField(verbose_name='size (bytes)')),
                        ('sha256', models.CharField(max_length=64)),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='note')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='people.person')),
                        ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'evidence document',
                        'verbose_name_plural': 'evidence documents',
                        'ordering': ['person_id', '-date', '-id'],
                        'db_table': 'documents_persondocument',
                        'constraints': [models.CheckConstraint(condition=models.Q(('size__gt', 0), ('size__lte', 10485760)), name='persondocument_size'), models.CheckConstraint(condition=models.Q(('content_type__in', ('application/pdf', 'image/jpeg', 'image/png'))), name='persondocument_type')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='persondocument', table=None),
    ]
