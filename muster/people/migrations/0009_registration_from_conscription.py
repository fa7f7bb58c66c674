"""Registration records (RegistrationEvent, RegistrationBar) move from the call-up app to the
registry, keeping their rows: the models' state is created here on the existing tables (no
database change), conscription 0013 drops them from the call-up app's state only, then the
tables are renamed ``conscription_*`` → ``people_*`` (the constraints and the index keep their
explicit names)."""

import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('geo', '0001_initial'),
        ('people', '0008_persondocument_from_documents'),
        ('conscription', '0012_holiday_to_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RegistrationBar',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(choices=[('barred_art13', 'Not allowed to register (Art 13)'), ('exempt_art14', 'Exempt from registration (Art 14)')], max_length=16, verbose_name='kind')),
                        ('ground', models.CharField(max_length=255, verbose_name='ground')),
                        ('legal_citation', models.CharField(max_length=255, verbose_name='legal basis')),
                        ('start_date', models.DateField(verbose_name='start')),
                        ('end_date', models.DateField(blank=True, null=True, verbose_name='end')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registration_bars', to='people.person')),
                    ],
                    options={
                        'db_table': 'conscription_registrationbar',
                        'verbose_name': 'registration bar',
                        'verbose_name_plural': 'registration bars',
                        'ordering': ['person_id', 'start_date', 'id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='regbar_interval')],
                    },
                ),
                migrations.CreateModel(
                    name='RegistrationEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(choices=[('january_list', 'January list of males reaching 17'), ('first_registration', 'First registration'), ('additional', 'Additional registration'), ('transfer_out', 'Transfer out'), ('transfer_in', 'Transfer in'), ('absence_start', 'Temporary absence'), ('absence_return', 'Return from absence'), ('reserve_registration', 'Reserve registration'), ('removal', 'Removal from the register')], max_length=24, verbose_name='kind')),
                        ('event_date', models.DateField(verbose_name='date')),
                        ('trigger_date', models.DateField(blank=True, help_text='The day the deadline counts from (arrival, return, discharge).', null=True, verbose_name='triggering date')),
                        ('certificate_number', models.CharField(blank=True, max_length=40, verbose_name='certificate number')),
                        ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('is_late', models.BooleanField(default=False, verbose_name='late')),
                        ('legal_citation', models.CharField(blank=True, max_length=255, verbose_name='legal basis')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='note')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('from_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.unit', verbose_name='from unit')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registration_events', to='people.person')),
                        ('to_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.unit', verbose_name='to unit')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registration_events', to='geo.unit', verbose_name='acting unit')),
                    ],
                    options={
                        'db_table': 'conscription_registrationevent',
                        'verbose_name': 'registration event',
                        'verbose_name_plural': 'registration events',
                        'ordering': ['person_id', 'event_date', 'id'],
                        'indexes': [models.Index(fields=['unit', 'kind', 'event_date'], name='regevent_unit_kind')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('due_date__isnull', True), ('trigger_date__isnull', False), _connector='OR'), name='regevent_due_needs_trigger')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='registrationbar', table=None),
        migrations.AlterModelTable(name='registrationevent', table=None),
    ]
