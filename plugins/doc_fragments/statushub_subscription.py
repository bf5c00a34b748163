# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    # The options of statushub_subscription, each described in full once.
    DOCUMENTATION = r"""
options:
  address:
    description:
      - Where notifications go; its form depends on C(method). It identifies the subscription when C(id) is not given,
        and is required to create one.
      - V(email), an email address; V(sms), a phone number in E.164 form, C(+) then 7 to 15 digits, the first not
        0, such as V(+14155550100); V(webhook), V(slack) and V(teams), an C(https) URL (for Slack and Teams, the
        channel's incoming webhook URL). Any other form fails the task before any request.
      - From ansible-core 2.22, Ansible itself masks the address given here (an email address and a phone number
        too, which older versions show) as C($REDACTED$) wherever it appears in what the task shows, as it does
        C(subscriber_of) and every value of C(configuration); a module cannot show them again.
    type: str
  method:
    description:
      - How notifications are sent. Required to create a subscription.
      - The method of an existing subscription cannot be changed; delete it and create it again.
    type: str
    choices: [email, sms, webhook, slack, teams]
  services:
    description:
      - The services the subscription is for, each by name or id. A name that no service of the hub has (a deleted
        service included) fails the task before any write.
      - Omitted means all current and future services of the hub. A list naming every service of the hub is the same
        as all (the API treats it so), in either direction.
    type: list
    elements: str
  configuration:
    description:
      - Additional configuration of the method or the subscription, as the API takes it, for example a
        C(content_type) of C(application/json). Compared as a whole when given; not managed when omitted.
      - Every value in it may be a credential (a webhook signing secret, an C(Authorization) header), so each is
        shown as C(********) (a URL as its scheme and host) in the result, the diff, the invocation shown at C(-vvv)
        and the module's logs, except the values of C(content_type), the one key known to be harmless. A diff marks a
        hidden value that changed as V(******** (changed\)).
      - Each string of 4 characters or more in it is also masked wherever it appears in a message, such as an
        error the hub answers, in every spelling (URL-encoded, in another case, JSON-escaped; for a URL also its
        path alone). Shorter strings and numbers are hidden in the result and the diff only, since masking them
        in text would hide every such word or digit.
      - From ansible-core 2.22, Ansible itself masks every value given here as C($REDACTED$) wherever it appears in
        what the task shows, C(content_type) and short values included (a value V(3) masks each digit 3, in ids
        too); a module cannot show them again.
    type: dict
  label:
    description:
      - A note to tell who receives the notifications, such as a person or a team. Not available for V(email)
        subscriptions (also when the subscription is found by C(id) and C(method) is not given). V("") and no label
        compare equal.
    type: str
  less_verbose:
    description:
      - Send the fewest notifications per incident, typically the first and the last.
    type: bool
  protected:
    description:
      - The subscriber cannot edit the subscription or unsubscribe by themselves (useful for group email addresses).
    type: bool
  subscriber_of:
    description:
      - The address of another subscription of the hub; this one belongs to that one's subscriber, so that StatusHub
        sees one audience (a person or a team) with several channels. Omitted, a new subscription gets a subscriber of
        its own.
      - The subscriber holds at most one subscription per method, and C(subscriber_of) may not name the subscription
        itself; either fails the task before any write, naming the subscriptions.
      - The API cannot move a subscription to another subscriber; an existing subscription that belongs to another
        subscriber than the one named fails the task, naming both subscribers and both addresses (hidden as the
        module hides addresses), and nothing is changed.
      - A URL is a credential and is hidden like C(address).
    type: str
"""

    # The same options as suboptions of each item of statushub_subscriptions, pointing to the full description.
    SET = r"""
options:
  subscriptions:
    suboptions:
      id:
        description:
          - The subscription's id; it must exist. When given it identifies the subscription, and C(address) changes it.
        type: int
      address:
        description:
          - Where notifications go; required unless C(id) is given. See O(statusops.status.statushub_subscription#module:address).
        type: str
      method:
        description:
          - How notifications are sent. See O(statusops.status.statushub_subscription#module:method).
        type: str
        choices: [email, sms, webhook, slack, teams]
      services:
        description:
          - The services, by name or id. See O(statusops.status.statushub_subscription#module:services).
        type: list
        elements: str
      configuration:
        description:
          - Additional configuration, hidden but for C(content_type). See
            O(statusops.status.statushub_subscription#module:configuration).
        type: dict
      label:
        description:
          - A note to tell who receives the notifications. See O(statusops.status.statushub_subscription#module:label).
        type: str
      less_verbose:
        description:
          - See O(statusops.status.statushub_subscription#module:less_verbose).
        type: bool
      protected:
        description:
          - See O(statusops.status.statushub_subscription#module:protected).
        type: bool
      subscriber_of:
        description:
          - The address of another item of this list (created first) or of a subscription of the hub, whose subscriber
            this one joins. See O(statusops.status.statushub_subscription#module:subscriber_of).
        type: str
"""
