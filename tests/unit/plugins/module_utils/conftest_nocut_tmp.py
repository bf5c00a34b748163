import pytest
from ansible_collections.statusops.status.plugins.module_utils import client
@pytest.fixture(autouse=True)
def nocut(monkeypatch):
    monkeypatch.setattr(client, "_cut", lambda connection: None)
