# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
      - V(false) skips verification whatever the environment holds (E(REQUESTS_CA_BUNDLE) and E(CURL_CA_BUNDLE)
        included). Use it only for a test server; name the CA with O(ca_path) instead.
      - A certificate that fails verification fails the task at once, without retries.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a file of PEM CA certificates to verify the server's certificate with, for a server whose
        certificate a private CA signed, like the C(ca_path) option of C(ansible.builtin.uri).
      - When not set, the CA bundle that E(REQUESTS_CA_BUNDLE) (or else E(CURL_CA_BUNDLE)) names in the module's
        environment is used, else the system's.
      - Ignored with O(validate_certs=false).
    type: path
  timeout:
    description:
      - Seconds that each request may take as a whole (connecting, sending, and receiving the whole answer, body
        included), from V(0.1) to V(3600). It is a deadline, not the time the connection may stay silent; an answer that
        trickles in a byte at a time is cut at it like one that never comes, and handled as a lost answer (see
        O(retry_timeout)).
      - Anything else (V(0), a negative number, V(nan), V(inf)) fails the task before any request.
    type: float
    default: 30
  retry_timeout:
    description:
      - The wall time, in seconds from V(0) to V(86400), that the whole task may spend on retries, one budget for all
        its requests, shared by the requests it has in flight at once (waits that overlap count once). It counts the
        waits before retries and the retried requests themselves, so the retries of a task end within
        O(retry_timeout) plus one O(timeout), and no task waits on the API longer than its first attempts (each at
        most O(timeout)) and that.
      - A rate limit (C(429)) is retried for every request.
      - A failed connection, a request cut at O(timeout) and a C(502), C(503) or C(504) answer are retried for the
        requests that are safe to repeat, because they set a whole state that a second sending leaves as it is -
        every C(GET), C(PUT) and C(DELETE), and the Statusmate update (C(POST /api-components-update/{uuid}/)), which
        sends the whole component.
      - Any other C(POST) creates something (a Statusmate component; a StatusHub service, incident, incident update,
        maintenance, subscription or subscriber) and is never sent again blindly when it may have been carried out;
        the module looks for what it would have created (by the object's whole identity) and creates it only if it
        is still absent, or fails saying that the outcome is unknown. A create that certainly never reached the server
        (the connection could not be made) is retried.
      - A C(Retry-After) of whole seconds or an HTTP date is waited when it fits in what is left of the budget; one
        that is V(0), negative, in the past, unreadable or longer than what is left is never taken as "retry at once";
        the client backs off exponentially with jitter (at least 0.25 s) instead.
      - V(0) sends each request once, without any retry.
    type: float
    default: 60
requirements:
  - requests
notes:
  - The client never follows a redirect. A C(3xx) answer fails the task at once, saying where it pointed (with any
    user, password or query in that address hidden); for a write it says that the outcome is unknown, and when the
    address is the same request under another scheme, host or base path it names the O(api_url) to set.
  - Every option is checked before any request, naming the option and the value. A dictionary, list or boolean where
    a string is expected is refused (a number is taken as its text), in suboptions and list items too; so is a NUL
    byte in any string, and a number that is V(nan), infinite, negative or beyond its option's range.
  - Every value placed in a request path (a hub, an id, a uuid) is checked and percent-quoted, so that a request goes
    only where the options point.
  - A task ended by its C(timeout) keyword leaves no module process behind. ansible-core ends the task, not the
    process (with the C(local) connection it keeps running); the module ends itself once nobody reads its output.
  - The token or key is the only credential sent, as the raw value of the C(Authorization) header. One that cannot be
    a header value (a line break, as a value read from a file keeps, another control character, a character beyond
    Latin-1, white space at either end) fails the task before any request, naming the option, never showing it.
  - "What the module takes from its environment (the module's, on the host it runs on; set it with the task's
    C(environment) keyword): the proxies of E(HTTPS_PROXY), E(HTTP_PROXY), E(ALL_PROXY) and E(NO_PROXY) (either
    case), so that a controller behind a proxy reaches the API as C(ansible.builtin.uri) does; a user and password in
    a proxy's URL go to that proxy only (C(Proxy-Authorization)), never to the API. The CA bundle of
    E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE), unless O(ca_path) or O(validate_certs=false) says otherwise. Nothing
    else: no netrc (C(~/.netrc), E(NETRC)), whose login (a C(default) entry, common on CI runners) would replace the
    token and send another service's password to the status-page vendor."
"""
