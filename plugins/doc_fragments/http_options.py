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
