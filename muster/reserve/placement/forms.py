"""Form of the placement run."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field


class RunForm(BootstrapForm):
    day = date_field(_("Placement day"))
