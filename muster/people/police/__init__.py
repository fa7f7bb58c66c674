"""The commune police's quarterly reports (báo cáo của công an xã): the pages and their forms.
The records are ``registration.models.PoliceReport``; the services are in
``registration.services.police``."""
