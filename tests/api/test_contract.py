"""The API against its own OpenAPI schema (schemathesis, through the WSGI app): for every
operation a few generated requests with a valid commune token; no 5xx, and every answer is
documented (status, content type, body schema). Deterministic (derandomized) and bounded."""

from __future__ import annotations

import datetime as dt

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from muster.api.services import token_issue
from muster.core.dates import today
from tests.core.factories import make_person

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 6


def test_every_operation_keeps_its_contract(personas, units):
    make_person(units["DHOP"])
    officer = personas["district_officer"]
    _token, secret = token_issue(
        actor=officer,
        owner=officer,
        name="contract",
        unit=units["DHOP"],
        write=True,
        expires_on=today() + dt.timedelta(days=2),
    )
    headers = {"Authorization": f"Bearer {secret}"}
    # As Django's test client does: a request's end must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _run(headers)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(headers):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_contract(case):
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        keeps_contract()
