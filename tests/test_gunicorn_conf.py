"""gunicorn.conf.py, loaded as gunicorn loads it, under different environments."""

from __future__ import annotations

import runpy
from pathlib import Path

from django.conf import settings
from gunicorn.config import KNOWN_SETTINGS

CONF = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def load_conf(monkeypatch, **env: str) -> dict:
    for name in ("PREPAPP_VAR_DIR", "GUNICORN_BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_every_setting_is_one_gunicorn_knows(monkeypatch):
    known = {setting.name for setting in KNOWN_SETTINGS}
    conf = load_conf(monkeypatch)
    names = {name for name in conf if not name.startswith("_") and name.islower()}
    assert names - {"os", "re", "annotations"} <= known
    assert "control_socket" in names


def test_control_socket_is_under_the_apps_var_directory(monkeypatch):
    conf = load_conf(monkeypatch)
    socket = Path(conf["control_socket"])
    assert socket.is_relative_to(Path(settings.BASE_DIR) / "var")
    assert not conf["control_socket_disable"]


def test_control_socket_follows_prepapp_var_dir(monkeypatch, tmp_path):
    conf = load_conf(monkeypatch, PREPAPP_VAR_DIR=str(tmp_path))
    assert Path(conf["control_socket"]).is_relative_to(tmp_path)


def test_two_instances_get_two_control_sockets(monkeypatch):
    run = load_conf(monkeypatch, PORT="8000")["control_socket"]
    demo = load_conf(monkeypatch, PORT="8001")["control_socket"]
    proxied = load_conf(monkeypatch, GUNICORN_BIND="10.0.0.5:8000")["control_socket"]
    assert len({run, demo, proxied}) == 3


def test_too_long_a_socket_path_turns_the_socket_off(monkeypatch, tmp_path):
    deep = tmp_path / ("d" * 120)
    conf = load_conf(monkeypatch, PREPAPP_VAR_DIR=str(deep))
    assert conf["control_socket_disable"]


def test_a_worker_outlives_the_largest_import(monkeypatch):
    # bench.import_largest: about 20 s on two cores; a kill at 30 s under load lost the upload.
    assert load_conf(monkeypatch)["timeout"] >= 120
