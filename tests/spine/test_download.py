"""`factbeat download` over real HTTP: a loopback server serving the shared data folder."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

import factbeat
from factbeat.errors import DownloadError


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if "cut-short" in self.server.mode and self.path.endswith(".csv"):
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"Borough,Major Category,Minor Category,200801\nBarnet,")
            self.wfile.flush()
            self.connection.shutdown(1)
            return
        if "missing" in self.server.mode:
            self.send_error(404)
            return
        super().do_GET()


@pytest.fixture()
def server(data_dir):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(data_dir)))
    httpd.mode = "ok"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()


def _url(httpd) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}"


def test_download_from_mirror_url(server, fresh_db, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path / "cache"))
    with factbeat.open(fresh_db) as fb:
        reports = fb.download(["mps-borough-crime-historic", "london-borough-population"], mirror=_url(server))
        assert [r.status for r in reports] == ["stored"] * 4
        assert fb.figure("Barnet", "violence against the person", "2016").count == 7631
        urls = [s["url"] for s in fb.sources()]
        # The official address, not the mirror the bytes were read from.
        assert all(u.startswith("https://") and "127.0.0.1" not in u for u in urls)


@pytest.mark.parametrize("mode", ["missing", "cut-short"])
def test_failed_or_interrupted_download_stores_nothing(server, fresh_db, tmp_path, monkeypatch, mode):
    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path / "cache"))
    server.mode = mode
    with factbeat.open(fresh_db) as fb:
        with pytest.raises(DownloadError, match="nothing was stored"):
            fb.download(["mps-borough-crime-historic"], mirror=_url(server))
        assert fb.sources() == []
    assert not list((tmp_path / "cache").rglob("*.csv"))


def test_download_from_mirror_folder(data_dir, fresh_db):
    with factbeat.open(fresh_db) as fb:
        reports = fb.download(["mps-borough-crime-historic"], mirror=str(data_dir))
        assert {r.status for r in reports} == {"stored"}


def test_unknown_dataset_name_suggests(fresh_db):
    from factbeat.errors import UnknownNameError

    with factbeat.open(fresh_db) as fb, pytest.raises(UnknownNameError, match="did you mean"):
        fb.download(["mps-borough-crime-histroic"])
