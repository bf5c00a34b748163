"""The StatusHub half of API_CONTRACT.md, one row per rule (see contract.py); a new rule is a new row.

Rate limits, pagination caps, faults and the request log are exercised in test_simulator.py.
"""

import pytest

from tests.unit.simulator.contract import (
    PRESENT, Api, behaviour, changed, contract_tests, delete, get, post, put, refusal, without,
)

H = "/hubs/acme"
SERVICES = H + "/services"
SERVICE = SERVICES + "/{service}"
INCIDENTS = H + "/incidents"
INCIDENT = INCIDENTS + "/{incident}"
UPDATES = INCIDENT + "/incident_updates"
FIRST_UPDATE = UPDATES + "/{first_update}"
RESOLVING_UPDATE = INCIDENTS + "/{resolved_incident}/incident_updates/{resolving_update}"
MAINTENANCES = H + "/maintenances"
MAINTENANCE = MAINTENANCES + "/{maintenance}"
SUBSCRIPTIONS = H + "/subscriptions"
SUBSCRIPTION = SUBSCRIPTIONS + "/{subscription}"
SUBSCRIBERS = H + "/subscribers"
ALERT = H + "/platform_alert"

START = "2025-02-01T00:00:00Z"
LATER = "2025-03-01T00:00:00Z"
FUTURE = "2999-01-01T00:00:00Z"
AUTH = {"Authorization": "sh-test-key"}

DOWN = [{"service_id": "{service}", "status": "down"}]
OPENING = {"title": "API down", "start_time": START, "incident_type": "investigating", "service_statuses": DOWN}
NEXT = dict(OPENING, title="Found it", start_time=LATER, incident_type="identified")
RESOLVING = {"title": "Fixed", "start_time": LATER, "incident_type": "resolved"}
WINDOW = {"title": "Upgrade", "start_time": START, "end_time": "2025-02-08T00:00:00Z"}
EMAIL = {"address": "dev@example.com", "method_name": "email"}
SOME = {"all": False, "service_ids": ["{service}"]}


def statuses(status, service="{service}"):
    return [{"service_id": service, "status": status}]


def address_refused(rule, method, invalid, valid):
    """A new subscription whose address fits its method only in the valid twin."""
    return refusal("Subscriptions", rule, post(SUBSCRIPTIONS, {"address": invalid, "method_name": method}),
                   post(SUBSCRIPTIONS, {"address": valid, "method_name": method}), 422, "address", 200)


@pytest.fixture
def api():
    """A hub with services (one deleted), open and resolved incidents, a maintenance and subscriptions."""
    api = Api("/api/v3", AUTH, {"api_version": "V3-R1"})
    api.created(post(SERVICES, {"name": "API"}), "service")
    api.created(post(SERVICES, {"name": "Web"}), "other_service")
    api.created(post(SERVICES, {"name": "Old"}), "deleted_service")
    api.created(post(INCIDENTS, OPENING), "incident")
    api.world["first_update"] = api.send(get(INCIDENT)).json["incident_updates"][0]["id"]
    api.created(post(INCIDENTS, changed(OPENING, title="Was down", start_time="2025-01-10T00:00:00Z")), "resolved_incident")
    api.created(post(INCIDENTS + "/{resolved_incident}/incident_updates", changed(RESOLVING, start_time="2025-01-11T00:00:00Z")),
                "resolving_update")
    api.created(post(INCIDENTS, changed(OPENING, title="Opened")), "retitled_incident")
    for title, start, state in (("Latest", "2025-02-03T00:00:00Z", "published"), ("Posted last", "2025-02-02T00:00:00Z", "published"),
                                ("Draft", "2025-02-04T00:00:00Z", "draft")):
        api.created(post(INCIDENTS + "/{retitled_incident}/incident_updates", changed(NEXT, title=title, start_time=start, state=state)),
                    "retitled_update")
    api.created(post(MAINTENANCES, WINDOW), "maintenance")
    api.world["subscriber"] = api.created(post(SUBSCRIPTIONS, {"address": "ops@example.com", "method_name": "email"}),
                                          "subscription")["subscriber_id"]
    api.created(post(SUBSCRIPTIONS, {"address": "gone@example.com", "method_name": "email"}), "deleted_subscription")
    api.created(post(SUBSCRIBERS), "team")
    api.created(post(SUBSCRIPTIONS, {"address": "team@example.com", "method_name": "email", "subscriber_id": "{team}"}),
                "team_subscription")
    api.created(post(SUBSCRIBERS), "deleted_subscriber")
    for path in (SERVICES + "/{deleted_service}", SUBSCRIPTIONS + "/{deleted_subscription}",
                 SUBSCRIBERS + "/{deleted_subscriber}"):
        assert api.send(delete(path)).status_code == 204
    return api


def error_fields(body, field):
    """422 names fields as the keys of `errors`; any other error is {"error": message} naming it in the message."""
    if "errors" in body:
        assert set(body) == {"errors"}
        assert all(isinstance(messages, list) and messages for messages in body["errors"].values())
        return list(body["errors"])
    assert set(body) == {"error"}
    return [field] if field is not None and field in body["error"] else []


REFUSALS = [
    # --- the API as a whole
    refusal("StatusHub: api_version", "every request carries api_version=V3-R1",
            get(SERVICES, api_version=None), get(SERVICES), 400, "api_version", 200),
    refusal("StatusHub: api_version", "only V3-R1", get(SERVICES, api_version="V2"), get(SERVICES), 400, "api_version", 200),
    refusal("StatusHub: Auth", "the raw key, no Bearer prefix", get(SERVICES, headers={"Authorization": "Bearer sh-test-key"}),
            get(SERVICES), 401, None, 200),
    refusal("StatusHub: Auth", "the header is required", get(SERVICES, headers={}), get(SERVICES), 401, None, 200),
    refusal("StatusHub: a hub is addressed by its subdomain", "an unknown hub is 404",
            get("/hubs/other/services"), get(SERVICES), 404, None, 200),
    refusal("StatusHub: Errors", "404 for an unknown id", get(SERVICES + "/999"), get(SERVICE), 404, None, 200),
    refusal("StatusHub: Errors", "a body is a JSON object", post(SERVICES, ["API"]), post(SERVICES, {"name": "DB"}),
            400, None, 200),
    # --- all times are UTC ISO-8601 with Z
    refusal("StatusHub: all times UTC", "an offset other than Z is refused",
            post(INCIDENTS, changed(OPENING, start_time="2025-02-01T02:00:00+02:00")), post(INCIDENTS, OPENING), 422, "start_time", 200),
    refusal("StatusHub: all times UTC", "a time without offset is refused",
            post(INCIDENTS, changed(OPENING, start_time="2025-02-01T00:00:00")), post(INCIDENTS, OPENING), 422, "start_time", 200),
    refusal("StatusHub: all times UTC", "+00:00 is not the Z form",
            post(INCIDENTS, changed(OPENING, start_time="2025-02-01T00:00:00+00:00")), post(INCIDENTS, OPENING), 422, "start_time", 200),
    refusal("StatusHub: all times UTC", "a date is not a time",
            post(INCIDENTS, changed(OPENING, start_time="2025-02-01")), post(INCIDENTS, OPENING), 422, "start_time", 200),
    refusal("StatusHub: all times UTC", "fractions of a second are accepted",
            post(INCIDENTS, changed(OPENING, start_time="2025-02-01T00:00:00.5")),
            post(INCIDENTS, changed(OPENING, start_time="2025-02-01T00:00:00.5Z")), 422, "start_time", 200),
    refusal("StatusHub: all times UTC", "on a new incident update",
            post(UPDATES, changed(NEXT, start_time="2025-03-01T00:00:00-05:00")), post(UPDATES, NEXT), 422, "start_time", 200),
    refusal("StatusHub: all times UTC", "on an edited incident update",
            put(FIRST_UPDATE, {"start_time": "2025-02-02T00:00:00"}), put(FIRST_UPDATE, {"start_time": "2025-02-02T00:00:00Z"}),
            422, "start_time", 200),
    refusal("StatusHub: all times UTC", "maintenance start_time",
            post(MAINTENANCES, changed(WINDOW, start_time="2025-02-01T01:00:00+01:00")), post(MAINTENANCES, WINDOW),
            422, "start_time", 200),
    refusal("StatusHub: all times UTC", "maintenance end_time",
            put(MAINTENANCE, {"end_time": "2025-02-09T00:00:00"}), put(MAINTENANCE, {"end_time": "2025-02-09T00:00:00Z"}),
            422, "end_time", 200),
    refusal("StatusHub: all times UTC", "the start_time list filter",
            get(INCIDENTS, start_time="2025-01-01T00:00:00+01:00"), get(INCIDENTS, start_time="2025-01-01T00:00:00Z"),
            400, "start_time", 200),
    refusal("StatusHub: all times UTC", "the end_time list filter",
            get(MAINTENANCES, end_time="2025-01-01T00:00:00"), get(MAINTENANCES, end_time="2025-01-01T00:00:00Z"),
            400, "end_time", 200),
    refusal("StatusHub: all times UTC", "the deleted_after list filter",
            get(SUBSCRIPTIONS, deleted_after="2020-09-01T08:29:00"), get(SUBSCRIPTIONS, deleted_after="2020-09-01T08:29:00Z"),
            400, "deleted_after", 200),
    # --- resources
    refusal("StatusHub: resources", "there is no update of an incident itself",
            put(INCIDENT, NEXT), post(UPDATES, NEXT), 405, None, 200),
    refusal("StatusHub: resources", "service name is required (assumed field)",
            post(SERVICES, {"description": "d"}), post(SERVICES, {"name": "DB", "description": "d"}), 422, "name", 200),
    refusal("StatusHub: resources", "service name is not blank",
            put(SERVICE, {"name": " "}), put(SERVICE, {"name": "API v2"}), 422, "name", 200),
    refusal("StatusHub: resources", "service description is a string",
            put(SERVICE, {"description": 5}), put(SERVICE, {"description": "five"}), 422, "description", 200),
    refusal("StatusHub: deletes are soft", "a deleted service is not edited",
            put(SERVICES + "/{deleted_service}", {"name": "Back"}), put(SERVICE, {"name": "Back"}), 404, None, 200),
    refusal("StatusHub: deletes are soft", "a deleted service is not deleted again",
            delete(SERVICES + "/{deleted_service}"), delete(SERVICE), 404, None, 204),
    refusal("StatusHub: deletes are soft", "a deleted subscription is not edited",
            put(SUBSCRIPTIONS + "/{deleted_subscription}", {"less_verbose": True}), put(SUBSCRIPTION, {"less_verbose": True}),
            404, None, 200),
    refusal("StatusHub: service", "the deleted list filter is true, false or all",
            get(SERVICES, deleted="yes"), get(SERVICES, deleted="all"), 400, "deleted", 200),
    refusal("StatusHub: platform alert", "a new alert needs a title (assumed)",
            put(ALERT, {"body": "all down"}), put(ALERT, {"title": "Outage", "body": "all down"}), 422, "title", 200),
    refusal("StatusHub: platform alert", "the title is plain text (assumed, as incident titles)",
            put(ALERT, {"title": "<b>Outage</b>"}), put(ALERT, {"title": "Outage"}), 422, "title", 200),
    # --- incidents and their updates: the create body and a new update's body
    refusal("Incidents and their updates: title", "required on create", post(INCIDENTS, without(OPENING, "title")),
            post(INCIDENTS, OPENING), 422, "title", 200),
    refusal("Incidents and their updates: title", "required on a new update", post(UPDATES, without(NEXT, "title")),
            post(UPDATES, NEXT), 422, "title", 200),
    refusal("Incidents and their updates: title", "not blank", post(INCIDENTS, changed(OPENING, title="  ")),
            post(INCIDENTS, OPENING), 422, "title", 200),
    refusal("Incidents and their updates: title", "plain text, no HTML, on create",
            post(INCIDENTS, changed(OPENING, title="API <b>down</b>")), post(INCIDENTS, changed(OPENING, title="API < down & out")),
            422, "title", 200),
    refusal("Incidents and their updates: title", "plain text, no HTML, on a new update",
            post(UPDATES, changed(NEXT, title="<script>x</script>")), post(UPDATES, NEXT), 422, "title", 200),
    refusal("Incidents and their updates: title", "plain text, no HTML, on an edit",
            put(FIRST_UPDATE, {"title": "<!-- x -->Down"}), put(FIRST_UPDATE, {"title": "Down"}), 422, "title", 200),
    refusal("Incidents and their updates: start_time", "required on create", post(INCIDENTS, without(OPENING, "start_time")),
            post(INCIDENTS, OPENING), 422, "start_time", 200),
    refusal("Incidents and their updates: start_time", "required on a new update", post(UPDATES, without(NEXT, "start_time")),
            post(UPDATES, NEXT), 422, "start_time", 200),
    refusal("Incidents and their updates: start_time", "not in the future on create",
            post(INCIDENTS, changed(OPENING, start_time=FUTURE)), post(INCIDENTS, OPENING), 422, "start_time", 200),
    refusal("Incidents and their updates: start_time", "not in the future on a new update",
            post(UPDATES, changed(NEXT, start_time=FUTURE)), post(UPDATES, NEXT), 422, "start_time", 200),
    refusal("Incidents and their updates: start_time", "a new update not before the incident's start (assumed)",
            post(UPDATES, changed(NEXT, start_time="2025-01-31T23:59:59Z")), post(UPDATES, changed(NEXT, start_time=START)),
            422, "start_time", 200),
    refusal("Incidents and their updates: start_time", "an edited update not in the future",
            put(FIRST_UPDATE, {"start_time": FUTURE}), put(FIRST_UPDATE, {"start_time": LATER}), 422, "start_time", 200),
    refusal("Incidents and their updates: start_time", "an edited update not before the incident's start (assumed)",
            put(FIRST_UPDATE, {"start_time": "2025-01-01T00:00:00Z"}), put(FIRST_UPDATE, {"start_time": START}),
            422, "start_time", 200),
    refusal("Incidents and their updates: incident_type", "required on create",
            post(INCIDENTS, without(OPENING, "incident_type")), post(INCIDENTS, OPENING), 422, "incident_type", 200),
    refusal("Incidents and their updates: incident_type", "required on a new update",
            post(UPDATES, without(NEXT, "incident_type")), post(UPDATES, NEXT), 422, "incident_type", 200),
    refusal("Incidents and their updates: incident_type", "one of investigating, identified, monitoring, resolved",
            post(UPDATES, changed(NEXT, incident_type="fixed")), post(UPDATES, changed(NEXT, incident_type="monitoring")),
            422, "incident_type", 200),
    refusal("Incidents and their updates: incident_type", "resolved is never the first update",
            post(INCIDENTS, changed(RESOLVING, start_time=START)), post(INCIDENTS, OPENING), 422, "incident_type", 200),
    refusal("Incidents and their updates: incident_type", "a resolved incident takes no more updates (assumed)",
            post(INCIDENTS + "/{resolved_incident}/incident_updates", NEXT), post(UPDATES, NEXT), 422, "incident_type", 200),
    refusal("Incidents and their updates: incident_type", "an edit cannot change it (assumed)",
            put(FIRST_UPDATE, {"incident_type": "monitoring"}), put(FIRST_UPDATE, {"incident_type": "investigating"}),
            422, "incident_type", 200),
    refusal("Incidents and their updates: service_statuses", "required on create; an empty list is accepted",
            post(INCIDENTS, without(OPENING, "service_statuses")), post(INCIDENTS, changed(OPENING, service_statuses=[])),
            422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "required on a new update unless resolved",
            post(UPDATES, without(NEXT, "service_statuses")), post(UPDATES, RESOLVING), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "forbidden with resolved",
            post(UPDATES, changed(RESOLVING, service_statuses=statuses("up"))), post(UPDATES, RESOLVING), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "forbidden with resolved, even empty",
            post(UPDATES, changed(RESOLVING, service_statuses=[])), post(UPDATES, RESOLVING), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "forbidden when editing a resolving update",
            put(RESOLVING_UPDATE, {"service_statuses": []}), put(RESOLVING_UPDATE, {"body": "all good"}),
            422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "status only up, degraded-performance or down",
            post(UPDATES, changed(NEXT, service_statuses=statuses("outage"))),
            post(UPDATES, changed(NEXT, service_statuses=statuses("degraded-performance"))), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "status spelt as the contract does",
            post(INCIDENTS, changed(OPENING, service_statuses=statuses("degraded_performance"))),
            post(INCIDENTS, changed(OPENING, service_statuses=statuses("up"))), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "service_id names a service of the hub",
            post(UPDATES, changed(NEXT, service_statuses=statuses("down", 999))), post(UPDATES, NEXT), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "service_id is an integer, not a boolean",
            post(UPDATES, changed(NEXT, service_statuses=statuses("down", True))), post(UPDATES, NEXT), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "a deleted service takes no new status (assumed)",
            post(UPDATES, changed(NEXT, service_statuses=statuses("down", "{deleted_service}"))), post(UPDATES, NEXT),
            422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "items are {service_id, status} only",
            post(UPDATES, changed(NEXT, service_statuses=[{"service_id": "{service}", "status": "down", "name": "API"}])),
            post(UPDATES, NEXT), 422, "service_statuses", 200),
    refusal("Incidents and their updates: service_statuses", "a list",
            post(UPDATES, changed(NEXT, service_statuses={"service_id": "{service}", "status": "down"})), post(UPDATES, NEXT),
            422, "service_statuses", 200),
    refusal("Incidents and their updates: body", "optional basic HTML, a string",
            post(UPDATES, changed(NEXT, body=["x"])), post(UPDATES, changed(NEXT, body="<p>Working <b>on it</b></p>")),
            422, "body", 200),
    refusal("Incidents and their updates: silent", "a boolean", post(INCIDENTS, changed(OPENING, silent="true")),
            post(INCIDENTS, changed(OPENING, silent=True)), 422, "silent", 200),
    refusal("Incidents and their updates: state", "draft, unconfirmed or published",
            post(UPDATES, changed(NEXT, state="final")), post(UPDATES, changed(NEXT, state="draft")), 422, "state", 200),
    refusal("Incidents and their updates: edit", "PUT of an update takes any subset",
            put(FIRST_UPDATE, {"silent": 1}), put(FIRST_UPDATE, {"body": "more"}), 422, "silent", 200),
    # --- maintenances
    refusal("Maintenances", "title required (assumed)", post(MAINTENANCES, without(WINDOW, "title")),
            post(MAINTENANCES, WINDOW), 422, "title", 200),
    refusal("Maintenances", "title plain text (assumed, as incident titles)", post(MAINTENANCES, changed(WINDOW, title="<i>Upgrade</i>")),
            post(MAINTENANCES, WINDOW), 422, "title", 200),
    refusal("Maintenances", "a known start (assumed required)", post(MAINTENANCES, without(WINDOW, "start_time")),
            post(MAINTENANCES, WINDOW), 422, "start_time", 200),
    refusal("Maintenances", "a known end (assumed required)", post(MAINTENANCES, without(WINDOW, "end_time")),
            post(MAINTENANCES, WINDOW), 422, "end_time", 200),
    refusal("Maintenances", "the end after the start (assumed)",
            post(MAINTENANCES, changed(WINDOW, end_time=START)), post(MAINTENANCES, changed(WINDOW, end_time="2025-02-01T00:00:01Z")),
            422, "end_time", 200),
    refusal("Maintenances", "the window as it would be after a partial PUT",
            put(MAINTENANCE, {"start_time": "2025-02-09T00:00:00Z"}), put(MAINTENANCE, {"start_time": "2025-02-07T00:00:00Z"}),
            422, "end_time", 200),
    refusal("Maintenances", "service status values as incidents",
            post(MAINTENANCES, changed(WINDOW, service_statuses=statuses("maintenance"))),
            post(MAINTENANCES, changed(WINDOW, service_statuses=statuses("down"))), 422, "service_statuses", 200),
    refusal("Maintenances", "silent a boolean", put(MAINTENANCE, {"silent": "no"}), put(MAINTENANCE, {"silent": False}),
            422, "silent", 200),
    # --- subscriptions
    refusal("Subscriptions", "address required", post(SUBSCRIPTIONS, without(EMAIL, "address")), post(SUBSCRIPTIONS, EMAIL),
            422, "address", 200),
    refusal("Subscriptions", "method_name required", post(SUBSCRIPTIONS, without(EMAIL, "method_name")),
            post(SUBSCRIPTIONS, EMAIL), 422, "method_name", 200),
    refusal("Subscriptions", "method_name email, sms, webhook, slack or teams",
            post(SUBSCRIPTIONS, changed(EMAIL, method_name="fax")), post(SUBSCRIPTIONS, EMAIL), 422, "method_name", 200),
    address_refused("an email address for email", "email", "dev.example.com", "dev@example.com"),
    address_refused("sms E.164: the first digit is not 0", "sms", "+0123456789", "+4123456789"),
    address_refused("sms E.164: at least 7 digits (assumed lower bound), 7 accepted", "sms", "+123456", "+1234567"),
    address_refused("sms E.164: at most 15 digits", "sms", "+1234567890123456", "+123456789012345"),
    address_refused("sms E.164: + then digits only", "sms", "+1 202 555 0100", "+12025550100"),
    address_refused("sms E.164: the + is required", "sms", "12025550100", "+12025550100"),
    address_refused("every URL is https: webhook", "webhook", "http://hooks.example.com/x", "https://hooks.example.com/x"),
    address_refused("every URL is https: slack", "slack", "http://hooks.slack.com/services/T/B/X", "https://hooks.slack.com/services/T/B/X"),
    address_refused("every URL is https: teams", "teams", "example.webhook.office.com/x", "https://example.webhook.office.com/x"),
    refusal("Subscriptions", "a PUT is checked on the merged subscription",
            put(SUBSCRIPTION, {"method_name": "sms"}), put(SUBSCRIPTION, {"address": "+12025550100", "method_name": "sms"}),
            422, "address", 200),
    refusal("Subscriptions", "services_selection: when all is false the list may not be empty",
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection={"all": False, "service_ids": []})),
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection=SOME)), 422, "services_selection", 200),
    refusal("Subscriptions", "services_selection: all wins",
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection={"all": "yes", "service_ids": []})),
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection={"all": True, "service_ids": []})), 422, "services_selection", 200),
    refusal("Subscriptions", "services_selection: service ids of the hub",
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection={"all": False, "service_ids": [999]})),
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection=SOME)), 422, "services_selection", 200),
    refusal("Subscriptions", "services_selection: not a deleted service (assumed)",
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection={"all": False, "service_ids": ["{deleted_service}"]})),
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection=SOME)), 422, "services_selection", 200),
    refusal("Subscriptions", "services_selection: all and service_ids only",
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection={"all": False, "services": ["{service}"]})),
            post(SUBSCRIPTIONS, changed(EMAIL, services_selection=SOME)), 422, "services_selection", 200),
    refusal("Subscriptions", "configuration an object",
            post(SUBSCRIPTIONS, changed(EMAIL, configuration="json")),
            post(SUBSCRIPTIONS, changed(EMAIL, configuration={"content_type": "application/json"})), 422, "configuration", 200),
    refusal("Subscriptions", "label not for email",
            post(SUBSCRIPTIONS, changed(EMAIL, label="Team")),
            post(SUBSCRIPTIONS, {"address": "+12025550100", "method_name": "sms", "label": "Team"}), 422, "label", 200),
    refusal("Subscriptions", "less_verbose a boolean", put(SUBSCRIPTION, {"less_verbose": "true"}),
            put(SUBSCRIPTION, {"less_verbose": True}), 422, "less_verbose", 200),
    refusal("Subscriptions", "protected a boolean", put(SUBSCRIPTION, {"protected": 0}),
            put(SUBSCRIPTION, {"protected": False}), 422, "protected", 200),
    refusal("Subscriptions", "the address is unique in the hub",
            post(SUBSCRIPTIONS, changed(EMAIL, address="OPS@example.com")), post(SUBSCRIPTIONS, EMAIL), 422, "address", 200),
    refusal("Subscriptions", "a deleted subscription's address is free again",
            post(SUBSCRIPTIONS, changed(EMAIL, address="ops@example.com")),
            post(SUBSCRIPTIONS, changed(EMAIL, address="gone@example.com")), 422, "address", 200),
    refusal("Subscriptions", "one subscription per method and subscriber",
            post(SUBSCRIPTIONS, changed(EMAIL, subscriber_id="{subscriber}")),
            post(SUBSCRIPTIONS, {"address": "+12025550100", "method_name": "sms", "subscriber_id": "{subscriber}"}),
            422, "method_name", 200),
    refusal("Subscriptions", "subscriber_id names a subscriber", post(SUBSCRIPTIONS, changed(EMAIL, subscriber_id=999)),
            post(SUBSCRIPTIONS, changed(EMAIL, subscriber_id=0)), 422, "subscriber_id", 200),
    refusal("Subscriptions", "joining a deleted subscriber is joining an unknown one",
            post(SUBSCRIPTIONS, changed(EMAIL, subscriber_id="{deleted_subscriber}")),
            post(SUBSCRIPTIONS, changed(EMAIL, subscriber_id="{team}", address="+12025550100", method_name="sms")),
            422, "subscriber_id", 200),
    refusal("Subscriptions", "an update names a subscriber of the hub",
            put(SUBSCRIPTION, {"subscriber_id": 999}), put(SUBSCRIPTION, {"subscriber_id": "{subscriber}"}),
            422, "subscriber_id", 200),
    refusal("Subscriptions", "one subscription per method and subscriber, also after an update",
            put(SUBSCRIPTION, {"subscriber_id": "{team}"}), put(SUBSCRIPTION, {"label": None}), 422, "method_name", 200),
    refusal("Subscriptions", "the deleted list filter is true, false or all",
            get(SUBSCRIPTIONS, deleted="1"), get(SUBSCRIPTIONS, deleted="true"), 400, "deleted", 200),
    refusal("Subscriptions", "sort_prop and sort_dir", get(SUBSCRIPTIONS, sort_dir="up"),
            get(SUBSCRIPTIONS, sort_prop="created_at", sort_dir="desc"), 400, "sort_dir", 200),
    # --- unknown attributes: 422 naming the attribute, on every resource body
    refusal("Unknown attributes", "service", post(SERVICES, {"name": "DB", "colour": "red"}), post(SERVICES, {"name": "DB"}),
            422, "colour", 200),
    refusal("Unknown attributes", "service update", put(SERVICE, {"id": 5}), put(SERVICE, {"name": "API"}), 422, "id", 200),
    refusal("Unknown attributes", "incident", post(INCIDENTS, changed(OPENING, services=["{service}"])), post(INCIDENTS, OPENING),
            422, "services", 200),
    refusal("Unknown attributes", "new incident update", post(UPDATES, changed(NEXT, status="identified")), post(UPDATES, NEXT),
            422, "status", 200),
    refusal("Unknown attributes", "incident update edit", put(FIRST_UPDATE, {"message": "x"}), put(FIRST_UPDATE, {"body": "x"}),
            422, "message", 200),
    refusal("Unknown attributes", "maintenance", post(MAINTENANCES, changed(WINDOW, end="2025-02-09T00:00:00Z")),
            post(MAINTENANCES, WINDOW), 422, "end", 200),
    refusal("Unknown attributes", "maintenance update", put(MAINTENANCE, {"notify": True}), put(MAINTENANCE, {"silent": True}),
            422, "notify", 200),
    refusal("Unknown attributes", "subscription", post(SUBSCRIPTIONS, changed(EMAIL, method="email")), post(SUBSCRIPTIONS, EMAIL),
            422, "method", 200),
    refusal("Unknown attributes", "subscription update", put(SUBSCRIPTION, {"flags": {"deleted": False}}),
            put(SUBSCRIPTION, {"protected": True}), 422, "flags", 200),
    refusal("Unknown attributes", "subscriber (no writable attribute, assumed)", post(SUBSCRIBERS, {"name": "Ops"}), post(SUBSCRIBERS),
            422, "name", 200),
    refusal("Unknown attributes", "subscriber update", put(SUBSCRIBERS + "/{subscriber}", {"email": "x"}),
            put(SUBSCRIBERS + "/{subscriber}", {}), 422, "email", 200),
    refusal("Unknown attributes", "platform alert", put(ALERT, {"title": "Outage", "level": "major"}),
            put(ALERT, {"title": "Outage"}), 422, "level", 200),
]

BEHAVIOURS = [
    behaviour("StatusHub: hub", "GET /hubs/{subdomain}", get(H), 200, {"subdomain": "acme"}),
    behaviour("StatusHub: lists", "paginated with page and per_page", get(SERVICES, per_page="1", page="2"), 200,
              {"current_page": 2, "page_count": 2, "per_page": 1, "total": 2, "data": [{"name": "Web"}]}),
    behaviour("StatusHub: lists", "events overlapping the range",
              get(MAINTENANCES, start_time="2025-01-01T00:00:00Z", end_time="2025-02-02T00:00:00Z"), 200,
              {"total": 1, "data": [{"id": "{maintenance}"}]}),
    behaviour("StatusHub: lists", "a range after the event", get(MAINTENANCES, start_time="2025-02-09T00:00:00Z"), 200,
              {"total": 0}),
    behaviour("StatusHub: lists", "an open incident runs into the far future", get(INCIDENTS, start_time="2030-01-01T00:00:00Z"),
              200, {"data": [{"id": "{incident}", "end_time": None}, {"id": "{retitled_incident}", "end_time": None}]}),
    behaviour("Incidents and their updates", "list items carry id, title, start_time, end_time, last_incident_type",
              get(INCIDENTS, end_time="2025-01-20T00:00:00Z"), 200,
              {"data": [{"id": "{resolved_incident}", "title": "Fixed", "start_time": "2025-01-10T00:00:00Z",
                         "end_time": "2025-01-11T00:00:00Z", "last_incident_type": "resolved"}]}),
    behaviour("Incidents and their updates", "the title is the latest published update's, by start_time",
              get(INCIDENTS + "/{retitled_incident}"), 200, {"title": "Latest", "last_incident_type": "identified"}),
    behaviour("Incidents and their updates", "resolving sets the affected services back to up", get(INCIDENTS + "/{resolved_incident}"),
              200, {"service_statuses": [{"service_id": "{service}", "status": "up"}]}),
    behaviour("Incidents and their updates", "a read shows its updates with their service_statuses", get(INCIDENT), 200,
              {"incident_updates": [{"id": "{first_update}", "title": "API down", "start_time": START, "service_statuses": DOWN}]}),
    behaviour("Incidents and their updates", "a new update answers with its fields", post(UPDATES, NEXT), 200,
              {"title": "Found it", "start_time": LATER, "incident_type": "identified", "service_statuses": DOWN}),
    behaviour("StatusHub: extend=flags", "on incidents", get(INCIDENT, extend="flags"), 200, {"flags": {"deleted": False}}),
    behaviour("StatusHub: extend=flags", "on incident updates", get(FIRST_UPDATE, extend="flags"), 200, {"flags": {"deleted": False}}),
    behaviour("StatusHub: extend=flags", "on maintenances", get(MAINTENANCE, extend="flags"), 200, {"flags": {"deleted": False}}),
    behaviour("StatusHub: extend=flags", "on subscriptions", get(SUBSCRIPTION, extend="flags"), 200, {"flags": {"deleted": False}}),
    behaviour("StatusHub: extend=flags", "on services (assumed)", get(SERVICE, extend="flags"), 200, {"flags": {"deleted": False}}),
    behaviour("StatusHub: PUT", "a partial update", put(MAINTENANCE, {"body": "b"}), 200, {"title": "Upgrade", "body": "b"}),
    behaviour("StatusHub: deletes are soft", "a deleted service stays readable", get(SERVICES + "/{deleted_service}", extend="flags"),
              200, {"name": "Old", "flags": {"deleted": True}}),
    behaviour("StatusHub: deletes are soft", "a deleted subscription stays readable",
              get(SUBSCRIPTIONS + "/{deleted_subscription}", extend="flags"), 200, {"flags": {"deleted": True}}),
    behaviour("StatusHub: service", "name and description are stored as sent, white space included (assumed)",
              post(SERVICES, {"name": " Web ", "description": "Our site.\n"}), 200,
              {"name": " Web ", "description": "Our site.\n"}),
    behaviour("StatusHub: service", "the list leaves deleted services out by default", get(SERVICES), 200,
              {"data": [{"id": "{service}"}, {"id": "{other_service}"}]}),
    behaviour("StatusHub: service", "deleted=true lists the deleted ones", get(SERVICES, deleted="true", extend="flags"), 200,
              {"data": [{"id": "{deleted_service}", "flags": {"deleted": True}}]}),
    behaviour("StatusHub: service", "deleted=all lists every one", get(SERVICES, deleted="all"), 200, {"total": 3}),
    behaviour("Subscriptions", "deleted=true lists the deleted ones", get(SUBSCRIPTIONS, deleted="true"), 200,
              {"data": [{"id": "{deleted_subscription}"}]}),
    behaviour("Subscriptions", "a list naming every service means all",
              post(SUBSCRIPTIONS, changed(EMAIL, services_selection={"all": False, "service_ids": ["{service}", "{other_service}"]})),
              200, {"services_selection": {"all": True}}),
    behaviour("Subscriptions", "a create naming a subscriber joins it",
              post(SUBSCRIPTIONS, {"address": "+12025550100", "method_name": "sms", "subscriber_id": "{team}"}), 200,
              {"subscriber_id": "{team}"}),
    behaviour("Subscriptions", "a subscriber lists its live subscriptions (assumed fields)", get(SUBSCRIBERS + "/{team}"), 200,
              {"id": "{team}", "subscription_ids": ["{team_subscription}"]}),
    behaviour("Subscriptions", "deleting a subscriber deletes its subscriptions",
              delete(SUBSCRIBERS + "/{deleted_subscriber}"), 404, {"error": PRESENT}),
    behaviour("Subscriptions", "responses add id, subscriber, flags, timestamps and the services",
              post(SUBSCRIPTIONS, changed(EMAIL, services_selection=SOME)), 200,
              {"id": PRESENT, "subscriber_id": PRESENT, "created_at": PRESENT, "updated_at": PRESENT,
               "services_selection": {"all": False, "services": [{"id": "{service}"}]}}),
]


test_refusal, test_behaviour = contract_tests(REFUSALS, BEHAVIOURS, error_fields)
