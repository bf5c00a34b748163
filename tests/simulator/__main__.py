"""Start the simulator: python -m tests.simulator [--port N] [--ready-file PATH] [--statusmate-list abbreviated|full]
[--latency SECONDS]."""

import argparse
import json
import logging
import os
import signal
import sys

from werkzeug.serving import make_server

from .app import create_app
from .common import CONTROL_PREFIX, HUB_SUBDOMAIN, STATUSHUB_KEY, STATUSHUB_PREFIX, STATUSMATE_TOKEN

HOST = "127.0.0.1"
DEFAULT_PORT = 8989


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tests.simulator", description=__doc__)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument("--ready-file", help="write the facts as JSON here once connections are accepted")
    parser.add_argument("--statusmate-list", choices=("abbreviated", "full"), default="abbreviated")
    parser.add_argument("--latency", type=float, default=0,
                        help="seconds every API answer waits before it is sent (requests in flight wait side by side)")
    parser.add_argument("--verbose", action="store_true", help="log every request on stderr")
    return parser.parse_args(argv)


def facts(port):
    base = "http://%s:%d" % (HOST, port)
    return {
        "port": port,
        "control_url": base + CONTROL_PREFIX,
        "statusmate": {"api_url": base, "api_token": STATUSMATE_TOKEN},
        "statushub": {"api_url": base + STATUSHUB_PREFIX, "api_key": STATUSHUB_KEY, "hub": HUB_SUBDOMAIN},
    }


def announce(info):
    print("statusmate: api_url=%(api_url)s api_token=%(api_token)s" % info["statusmate"])
    print("statushub: api_url=%(api_url)s api_key=%(api_key)s hub=%(hub)s" % info["statushub"])
    print("control: control_url=%s" % info["control_url"])
    sys.stdout.flush()


def write_ready_file(path, info):
    """Write atomically, so a reader never sees half a file."""
    temporary = "%s.tmp%d" % (path, os.getpid())
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(info, handle)
    os.replace(temporary, path)


def stop(_signum, _frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.INFO if args.verbose else logging.ERROR)
    app = create_app({"statusmate_list": args.statusmate_list, "latency": args.latency})
    server = make_server(HOST, args.port, app, threaded=True)
    info = facts(server.server_port)
    announce(info)
    if args.ready_file:
        write_ready_file(args.ready_file, info)
    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
