"""fetch_page against a real HTTP server on 127.0.0.1: statuses, validators, redirects, size, charset."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extractor.errors import FetchError
from extractor.read import fetch
from extractor.read.decode import decode
from extractor.read.options import FetchOptions
from extractor.read.sources import read_source

FAST = FetchOptions(min_host_delay=0, backoff=0.01, timeout=5, ignore_robots=True)
PAGE = "<html><body><p>13h30-14h45</p><p>Études de cas</p><p>Salle à venir</p></body></html>"


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def test_200_carries_body_validators_and_final_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/prog").respond_with_data(
        PAGE.encode(), content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 19 Nov 2025 10:00:00 GMT"},
    )
    page = fetch.fetch_page(httpserver.url_for("/prog"), FAST)
    assert page.data == PAGE.encode()
    assert not page.not_modified
    assert page.location == httpserver.url_for("/prog")
    assert page.charset == "utf-8"
    assert page.http is not None
    assert (page.http.status, page.http.etag) == (200, '"v1"')
    assert page.http.last_modified == "Wed, 19 Nov 2025 10:00:00 GMT"
    assert page.http.final_url == httpserver.url_for("/prog")


def test_etag_then_304(httpserver: HTTPServer) -> None:
    seen: list[tuple[str | None, str | None]] = []

    def handler(request: Request) -> Response:
        seen.append((request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(PAGE, content_type="text/html", headers={"ETag": '"v1"'})

    httpserver.expect_request("/prog").respond_with_handler(handler)
    url = httpserver.url_for("/prog")
    first = fetch.fetch_page(url, FAST)
    assert first.http is not None
    second = fetch.fetch_page(url, replace(FAST, validators=(first.http.etag, first.http.last_modified)))
    assert seen == [(None, None), ('"v1"', None)]
    assert second.not_modified and second.data == b""
    assert second.http is not None and (second.http.status, second.http.etag) == (304, '"v1"')


def test_last_modified_only(httpserver: HTTPServer) -> None:
    stamp = "Wed, 19 Nov 2025 10:00:00 GMT"
    seen: list[dict[str, str]] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-Modified-Since") == stamp:
            return Response(status=304)
        return Response(PAGE, content_type="text/html", headers={"Last-Modified": stamp})

    httpserver.expect_request("/prog").respond_with_handler(handler)
    url = httpserver.url_for("/prog")
    first = fetch.fetch_page(url, FAST)
    assert first.http is not None and first.http.etag is None and first.http.last_modified == stamp
    second = fetch.fetch_page(url, replace(FAST, validators=(None, stamp)))
    assert "If-None-Match" not in seen[1]
    assert second.not_modified
    # the validator we sent is kept when the 304 does not repeat it
    assert second.http is not None and second.http.last_modified == stamp


def test_redirect_chain_records_final_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/c")}
    )
    httpserver.expect_request("/c").respond_with_data(PAGE, content_type="text/html")
    page = fetch.fetch_page(httpserver.url_for("/a"), FAST)
    assert page.data == PAGE.encode()
    assert page.location == httpserver.url_for("/a")
    assert page.http is not None and page.http.final_url == httpserver.url_for("/c")
    assert [req.path for req, _ in httpserver.log] == ["/a", "/b", "/c"]


def test_redirect_loop(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match=r"too many redirects.*loop"):
        fetch.fetch_page(httpserver.url_for("/a"), FAST)
    assert len(httpserver.log) == 2


def test_redirect_limit(httpserver: HTTPServer) -> None:
    for i in range(6):
        redirect = {"Location": f"/r{i + 1}"}
        httpserver.expect_request(f"/r{i}").respond_with_data("", status=307, headers=redirect)
    httpserver.expect_request("/r6").respond_with_data(PAGE)
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch.fetch_page(httpserver.url_for("/r0"), replace(FAST, max_redirects=3))
    assert len(httpserver.log) == 4
    assert fetch.fetch_page(httpserver.url_for("/r0"), replace(FAST, max_redirects=6)).data == PAGE.encode()


def test_redirect_to_other_scheme_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="unsupported URL: file:///etc/passwd"):
        fetch.fetch_page(httpserver.url_for("/a"), FAST)


def test_404_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    url = httpserver.url_for("/gone")
    with pytest.raises(FetchError) as info:
        fetch.fetch_page(url, replace(FAST, retries=3))
    assert str(info.value) == f"HTTP 404 for {url}"
    assert info.value.exit_code == 3
    assert len(httpserver.log) == 1


def test_500_is_retried_then_reported(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/err").respond_with_data("boom", status=500)
    with pytest.raises(FetchError, match=r"HTTP 500 for .*/err \(gave up after 3 attempts\)"):
        fetch.fetch_page(httpserver.url_for("/err"), replace(FAST, retries=2))
    assert len(httpserver.log) == 3


def test_503_then_200_recovers(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/flaky").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/flaky").respond_with_data(PAGE)
    assert fetch.fetch_page(httpserver.url_for("/flaky"), FAST).data == PAGE.encode()
    assert len(httpserver.log) == 2


def test_429_honours_retry_after(httpserver: HTTPServer) -> None:
    import time

    arrivals: list[float] = []

    def handler(request: Request) -> Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/busy").respond_with_handler(handler)
    page = fetch.fetch_page(httpserver.url_for("/busy"), FAST)
    assert page.data == PAGE.encode()
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 0.9  # waited as asked (backoff alone would be ~0.01 s)


def test_retry_after_beyond_the_cap_is_not_waited_for(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/later").respond_with_data("", status=503, headers={"Retry-After": "86400"})
    with pytest.raises(FetchError, match=r"HTTP 503 .*retry after 86400 s, over our 120 s limit"):
        fetch.fetch_page(httpserver.url_for("/later"), FAST)
    assert len(httpserver.log) == 1


def test_body_over_the_limit_with_content_length(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 300_000)
    url = httpserver.url_for("/big")
    with pytest.raises(FetchError, match=f"page larger than 100000 bytes: {url}"):
        fetch.fetch_page(url, replace(FAST, max_bytes=100_000))
    assert len(httpserver.log) == 1  # too large is final, not retried


def test_streamed_body_over_the_limit_without_content_length(httpserver: HTTPServer) -> None:
    def endless() -> Iterator[bytes]:
        for _ in range(10_000):
            yield b"<p>" + b"y" * 1000 + b"</p>"

    httpserver.expect_request("/stream").respond_with_handler(
        lambda _r: Response(endless(), direct_passthrough=True)
    )
    with pytest.raises(FetchError, match="page larger than 50000 bytes"):
        fetch.fetch_page(httpserver.url_for("/stream"), replace(FAST, max_bytes=50_000))


def test_body_at_the_limit_is_accepted(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/exact").respond_with_data(b"z" * 1000)
    assert len(fetch.fetch_page(httpserver.url_for("/exact"), replace(FAST, max_bytes=1000)).data) == 1000


LATIN1_PAGE = (
    "<html><body><h2>Programme du colloque</h2><p>13h30-14h45</p><p>Études de cas</p>"
    "<p>Coopération régionale et données ouvertes à l'échelle québécoise</p><p>Salle à venir</p>"
    "<p>Description provisoire : Une présentation sur les défis de la gestion des îlots de chaleur, "
    "la maîtrise des coûts et l'évaluation de la démarche participative.</p></body></html>"
)


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=ISO-8859-1", "text/html", "text/html; charset=utf-8", "text/html; charset=bogus-42"],
    ids=["right", "missing", "wrong", "unknown"],
)
def test_latin1_bytes_decode_whatever_the_header_says(httpserver: HTTPServer, content_type: str) -> None:
    body = LATIN1_PAGE.encode("latin-1")
    httpserver.expect_request("/latin1").respond_with_data(body, content_type=content_type)
    page = fetch.fetch_page(httpserver.url_for("/latin1"), FAST)
    assert page.charset == fetch.content_type_charset(content_type)
    text, _encoding = decode(page.data, page.location, page.charset)
    assert text == LATIN1_PAGE


def test_read_source_delegates_urls(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/prog").respond_with_data(PAGE)
    page = read_source(httpserver.url_for("/prog"), FAST)
    assert page.data == PAGE.encode() and page.http is not None


@pytest.mark.parametrize("url", ["ftp://example.org/x", "http://", "https:///path"])
def test_not_an_http_url(url: str) -> None:
    with pytest.raises(FetchError, match="not an http"):
        fetch.fetch_page(url, FAST)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("5", 5.0), ("0", 0.0), (None, None), ("soon", None), ("Wed, 19 Nov 2025 10:00:30 GMT", 30.0)],
)
def test_retry_after_parsing(header: str | None, seconds: float | None) -> None:
    from datetime import UTC, datetime

    now = datetime(2025, 11, 19, 10, 0, 0, tzinfo=UTC)
    assert fetch.retry_after_seconds(header, now=now) == seconds


def test_backoff_grows_and_is_jittered() -> None:
    delays = [fetch.backoff_delay(n, 1.0) for n in range(4) for _ in range(20)]
    for n in range(4):
        chunk = delays[n * 20 : (n + 1) * 20]
        assert all(2**n / 2 <= d <= 2**n for d in chunk)
    assert len(set(delays)) > 40  # jitter: not the same value every time
    assert fetch.backoff_delay(50, 1.0) <= fetch.BACKOFF_CAP
