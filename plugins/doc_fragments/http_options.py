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
      - When not set, the system's CA bundle is used (or the one E(REQUESTS_CA_BUNDLE) names).
      - Ignored with O(validate_certs=false).
    type: path
  timeout:
    description:
      - Seconds to wait for each answer of the API, from V(0.1) to V(3600). Anything else (V(0), a negative number,
        V(nan), V(inf)) fails the task before any request.
    type: float
    default: 30
  retry_timeout:
    description:
      - The wall time, in seconds from V(0) to V(86400), that the whole task may spend waiting to retry, one budget
        for all its requests, shared by the requests it has in flight at once (waits that overlap count once).
      - Retried are a rate limit (C(429), any method), and a failed connection or a C(502)/C(503)/C(504) answer to a
        read, update or delete. A C(Retry-After) of whole seconds or an HTTP date is waited when it fits in what is
        left of the budget; one that is V(0), negative, in the past, unreadable or longer than what is left is
        never taken as "retry at once"; the client backs off exponentially with jitter (at least 0.25 s) instead.
      - V(0) sends each request once, without any retry.
      - Requests are paced to the API's documented rate limits (StatusHub's are 30 reads and 5 writes a second per
        key), so a run alone on its key meets no rate limit.
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
"""
