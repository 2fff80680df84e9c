"""Politeness: User-Agent, robots.txt (cached per host), per-host pacing."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extractor.about import PROJECT_URL, __version__
from extractor.errors import FetchError
from extractor.read import fetch
from extractor.read.options import FetchOptions
from extractor.read.pacing import HostPacer
from extractor.read.robots import RobotsResponse, policy_from_response, product_token

FAST = FetchOptions(min_host_delay=0, backoff=0.01, timeout=5)
PAGE = "<html><body><p>Salle à venir</p></body></html>"


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def paths(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


def test_honest_user_agent_and_override(httpserver: HTTPServer) -> None:
    agents: list[str | None] = []

    def handler(request: Request) -> Response:
        agents.append(request.headers.get("User-Agent"))
        return Response(PAGE)

    httpserver.expect_request("/prog").respond_with_handler(handler)
    fetch.fetch_page(httpserver.url_for("/prog"), replace(FAST, ignore_robots=True))
    fetch.fetch_page(
        httpserver.url_for("/prog"), replace(FAST, ignore_robots=True, user_agent="MyBot/2 (+me@example.org)"))
    assert agents == [f"extractor/{__version__} (+{PROJECT_URL})", "MyBot/2 (+me@example.org)"]


def test_robots_disallow_refuses_without_requesting_the_page(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: extractor\nDisallow: /private/\n")
    httpserver.expect_request("/private/prog").respond_with_data(PAGE)
    url = httpserver.url_for("/private/prog")
    with pytest.raises(FetchError) as info:
        fetch.fetch_page(url, FAST)
    assert str(info.value) == f"refused by robots.txt: {url}"
    assert info.value.exit_code == 3
    assert paths(httpserver) == ["/robots.txt"]


def test_robots_rules_for_other_agents_do_not_apply(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: otherbot\nDisallow: /\n")
    httpserver.expect_request("/prog").respond_with_data(PAGE)
    assert fetch.fetch_page(httpserver.url_for("/prog"), FAST).data == PAGE.encode()


def test_ignore_robots_skips_the_file(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    httpserver.expect_request("/prog").respond_with_data(PAGE)
    assert fetch.fetch_page(httpserver.url_for("/prog"), replace(FAST, ignore_robots=True)).data == PAGE.encode()
    assert paths(httpserver) == ["/prog"]


def test_robots_is_fetched_once_per_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/a").respond_with_data(PAGE)
    httpserver.expect_request("/b").respond_with_data(PAGE)
    for path in ("/a", "/b", "/a"):
        fetch.fetch_page(httpserver.url_for(path), FAST)
    assert paths(httpserver) == ["/robots.txt", "/a", "/b", "/a"]


def test_missing_robots_allows_everything(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("not here", status=404)
    httpserver.expect_request("/prog").respond_with_data(PAGE)
    assert fetch.fetch_page(httpserver.url_for("/prog"), FAST).data == PAGE.encode()


def test_robots_server_error_means_stay_away(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("down", status=503)
    httpserver.expect_request("/prog").respond_with_data(PAGE)
    with pytest.raises(FetchError, match=r"refused by robots\.txt: .*HTTP 503"):
        fetch.fetch_page(httpserver.url_for("/prog"), replace(FAST, retries=1))
    assert "/prog" not in paths(httpserver)
    assert paths(httpserver).count("/robots.txt") == 2  # retried once like any request


def test_redirect_target_is_checked_against_robots(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /secret\n")
    httpserver.expect_request("/open").respond_with_data("", status=302, headers={"Location": "/secret"})
    httpserver.expect_request("/secret").respond_with_data(PAGE)
    with pytest.raises(FetchError, match=r"refused by robots\.txt: .*/secret"):
        fetch.fetch_page(httpserver.url_for("/open"), FAST)
    assert "/secret" not in paths(httpserver)


def test_crawl_delay_is_honoured(httpserver: HTTPServer) -> None:
    arrivals: list[float] = []

    def handler(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response(PAGE)

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.5\n")
    httpserver.expect_request("/prog").respond_with_handler(handler)
    fetch.fetch_page(httpserver.url_for("/prog"), FAST)
    fetch.fetch_page(httpserver.url_for("/prog"), FAST)
    assert arrivals[1] - arrivals[0] >= 0.4


def test_two_pages_on_one_host_are_paced(httpserver: HTTPServer) -> None:
    arrivals: dict[str, float] = {}

    def handler(request: Request) -> Response:
        arrivals[request.path] = time.monotonic()
        return Response(PAGE)

    httpserver.expect_request("/a").respond_with_handler(handler)
    httpserver.expect_request("/b").respond_with_handler(handler)
    threads = [
        threading.Thread(
            target=fetch.fetch_page, args=(httpserver.url_for(path),),
            kwargs={"options": FetchOptions(ignore_robots=True, min_host_delay=0.6, timeout=5)},
        )
        for path in ("/a", "/b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(arrivals) == 2
    assert abs(arrivals["/a"] - arrivals["/b"]) >= 0.5  # concurrent callers, yet spaced out


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_pacer_spaces_requests_per_host_only() -> None:
    clock = FakeClock()
    pacer = HostPacer(clock=clock, sleep=clock.sleep)
    assert pacer.wait("a.example", 2.0) == 0
    assert pacer.wait("b.example", 2.0) == 0  # another host: no wait
    assert pacer.wait("a.example", 2.0) == 2.0
    clock.now += 5
    assert pacer.wait("a.example", 2.0) == 0  # the delay has already passed
    assert clock.slept == [2.0]


def test_pacer_reserves_slots_for_concurrent_callers() -> None:
    clock = FakeClock()
    waits: list[float] = []
    pacer = HostPacer(clock=clock, sleep=lambda _s: None)  # time does not move: slots must queue up
    threads = [threading.Thread(target=lambda: waits.append(pacer.wait("h", 1.0))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == [0.0, 1.0, 2.0, 3.0, 4.0]


@pytest.mark.parametrize(
    ("agent", "token"),
    [(fetch.DEFAULT_USER_AGENT, "extractor"), ("MyBot/2 (+x)", "MyBot"), ("plain", "plain"), ("", "*")],
)
def test_product_token(agent: str, token: str) -> None:
    assert product_token(agent) == token


def test_robots_policy_ignores_the_project_url_in_our_agent() -> None:
    # "github" appears in our User-Agent's URL; a group for "github" must not catch us.
    policy = policy_from_response(RobotsResponse(200, b"User-agent: github\nDisallow: /\n"))
    assert policy.allows("http://h/x", product_token(fetch.DEFAULT_USER_AGENT))


@pytest.mark.parametrize(
    ("status", "allowed", "unreachable"),
    [(200, False, False), (404, True, False), (403, True, False), (429, False, True), (503, False, True)],
)
def test_robots_policy_by_status(status: int, allowed: bool, unreachable: bool) -> None:
    policy = policy_from_response(RobotsResponse(status, b"User-agent: *\nDisallow: /x\n"))
    assert policy.allows("http://h/x", "extractor") is allowed
    assert (policy.unreachable_status is not None) is unreachable
