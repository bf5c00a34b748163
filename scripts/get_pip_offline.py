"""Offline stand-in for the get-pip.py script that ansible-test downloads.

ansible-test bootstraps pip into each of its sanity-test virtual environments
with a get-pip script fetched from a host this project's machines cannot reach.
It first looks for a cached copy in ``~/.ansible/test/cache/get_pip_<ver>.py``;
``scripts/test`` writes this file there.

It mimics get-pip's command line as ansible-test calls it::

    python get_pip_24_2.py --disable-pip-version-check pip==24.2 --no-setuptools --no-wheel

pip itself comes from the interpreter's bundled ``ensurepip`` wheel; the
requested packages (the exact pip version) then come from the package index
that pip is configured for.
"""

import subprocess
import sys


def run(command: list[str]) -> str:
    """Run a command quietly; show its output only when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        raise SystemExit("get_pip_offline: %s failed (exit %d)" % (" ".join(command), result.returncode))
    return result.stdout


def main(argv: list[str]) -> int:
    """Bootstrap pip, then install the requested packages."""
    no_setuptools = "--no-setuptools" in argv
    no_wheel = "--no-wheel" in argv
    args = [a for a in argv if a not in ("--no-setuptools", "--no-wheel")]

    # ensurepip installs the bundled pip (and, on Python < 3.12, setuptools).
    run([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])

    packages = [a for a in args if not a.startswith("-")]
    if packages:
        run([sys.executable, "-m", "pip", "install", "--upgrade"] + args)

    unwanted = []
    if no_setuptools:
        unwanted.append("setuptools")
    if no_wheel:
        unwanted.append("wheel")
    installed = run([sys.executable, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"]).lower()
    unwanted = [name for name in unwanted if "\n%s==" % name in "\n" + installed]
    if unwanted:
        run([sys.executable, "-m", "pip", "uninstall", "--yes", "--disable-pip-version-check"] + unwanted)
    print("get_pip_offline: pip bootstrapped with ensurepip; installed %s" % " ".join(packages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
