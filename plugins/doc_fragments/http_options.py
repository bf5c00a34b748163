# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


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
      - Seconds to wait for each answer of the API. V(0) waits forever.
    type: float
    default: 30
requirements:
  - requests
"""
