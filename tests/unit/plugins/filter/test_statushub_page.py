# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.statusops.status.plugins.filter.hide_addresses import hide_addresses
from ansible_collections.statusops.status.plugins.filter.subscription_changes import subscription_changes
from ansible_collections.statusops.status.plugins.filter.subscription_errors import subscription_errors

HOOK = "https://hooks.slack.com/services/T000/B000/secret"


def test_hide_addresses_hides_urls_emails_and_phone_numbers_in_a_message():
    text = "failed for %s, 'oncall@example.com' and +14155550100 (https://user:pw@hooks.example/x)" % HOOK
    hidden = hide_addresses(text)
    assert hidden == ("failed for https://hooks.slack.com/********, '********@example.com' and ********00 "
                      "(https://hooks.example/********)")
    assert hide_addresses(hidden) == hidden


def test_subscription_changes_describes_each_change_with_the_address_hidden():
    result = {"created": [{"method_name": "slack", "address": HOOK, "label": "#incidents"}],
              "updated": [{"method_name": "email", "address": "oncall@example.com", "label": None}],
              "deleted": [{"method_name": "sms", "address": "+14155550100"}]}
    assert subscription_changes(result) == {
        "created": ["slack https://hooks.slack.com/******** (#incidents)"],
        "updated": ["email ********@example.com"],
        "deleted": ["sms ********00"],
    }
    assert subscription_changes({"skipped": True}) == {"created": [], "updated": [], "deleted": []}


def test_subscription_errors_names_the_role_variable_and_hides_the_address():
    subscriptions = [{"address": "oncall@example.com", "method": "email", "label": "x"},
                     {"address": "http://hooks.example/secret", "method": "webhook"},
                     {"address": "oncall@example.com", "method": "email"}]
    errors = subscription_errors(subscriptions, [], [])
    assert errors[0] == ("statushub_page_subscriptions[0].label is not available for method email (the API refuses "
                         "it), got 'x'")
    assert errors[1].startswith("statushub_page_subscriptions[1].address must be an https URL")
    assert "secret" not in errors[1]
    assert errors[2] == ("statushub_page_subscriptions[2].address '********@example.com' is declared more than once "
                         "(first as statushub_page_subscriptions[0])")
    assert len(errors) == 3


def test_subscription_errors_checks_each_named_service_against_the_declaration_and_the_hub():
    subscriptions = [{"address": "a@example.com", "method": "email", "services": ["API", "Billing", "7", "Docs"]}]
    hub = [{"id": 7, "name": "Website"}, {"id": 8, "name": "Docs"}]
    assert subscription_errors(subscriptions, [{"name": "API"}], hub) == [
        "statushub_page_subscriptions[0].services names 'Billing', which is neither in statushub_page_services "
        "nor a service of the hub"]
    pruned = subscription_errors(subscriptions, [{"name": "API"}, {"name": "Website"}], hub, prune=True)
    assert pruned == [
        "statushub_page_subscriptions[0].services names 'Billing', which is neither in statushub_page_services "
        "nor a service of the hub that prune keeps",
        "statushub_page_subscriptions[0].services names 'Docs', which is neither in statushub_page_services "
        "nor a service of the hub that prune keeps"]
