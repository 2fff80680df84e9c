"""The watch configuration: the sample loads; every mistake names file, line and key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractor.errors import ConfigError
from extractor.read.options import FetchOptions
from extractor.watch.config import find_line, load, parse, parse_duration

ROOT = Path(__file__).resolve().parent.parent
CFG = Path("/cfg/watch.toml")


def test_sample_config_loads() -> None:
    config = load(ROOT / "samples" / "watch.toml")
    first, second, third = config.pages
    assert first.interval == 1800 and first.lang == "fr" and first.date == date(2025, 11, 19)
    assert first.notify == ("json://localhost:8080/alerts",)
    assert first.key == first.url == "https://example.org/programme"
    assert second.alert_on == ("room_confirmed", "time_changed", "session_added", "session_removed")
    assert second.interval == 6 * 3600 and second.lang is None  # "auto"
    assert third.url == str(ROOT / "samples" / "seed.txt")  # a path, relative to the file
    assert third.host == f"file:{third.url}"  # local pages are not held back per host
    assert config.workers == 8 and config.failure_threshold == 3
    assert config.fetch == FetchOptions(min_host_delay=1.0, retries=3)


def test_defaults_and_overrides() -> None:
    config = parse(
        'interval = "2h"\nnotify = ["json://127.0.0.1:9/x"]\ntimeout = 5\nstore = "s.sqlite"\n'
        'user_agent = "me/1"\n\n[[page]]\nurl = "http://a.example/p"\n\n'
        '[[page]]\nurl = "http://a.example/q"\ninterval = 90\nnotify = []\nkey = "q"\n',
        CFG,
    )
    a, b = config.pages
    assert (a.interval, a.notify, a.timeout, a.key) == (7200, ("json://127.0.0.1:9/x",), 5, "http://a.example/p")
    assert (b.interval, b.notify, b.key) == (90, (), "q")
    assert a.host == b.host == "http://a.example"
    assert config.store == Path("/cfg/s.sqlite")
    assert config.fetch == FetchOptions(user_agent="me/1")


def test_each_page_is_fetched_with_the_files_options_and_the_command_lines_win() -> None:
    config = parse(
        'user_agent = "me/1"\ntimeout = 5\nretries = 1\n\n[[page]]\nurl = "http://a.example/p"\n\n'
        '[[page]]\nurl = "http://a.example/q"\ntimeout = 7\nignore_robots = true\n',
        CFG,
    )
    a, b = config.pages
    assert config.fetch_options(a) == FetchOptions(user_agent="me/1", timeout=5, retries=1)
    assert config.fetch_options(b) == FetchOptions(user_agent="me/1", timeout=7, retries=1, ignore_robots=True)
    assert config.overridden() == config  # nothing given on the command line
    given = config.overridden(timeout=2, user_agent="cli/1", ignore_robots=True)
    assert [given.fetch_options(p) for p in given.pages] == [
        FetchOptions(user_agent="cli/1", timeout=2, retries=1, ignore_robots=True)] * 2


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("30m", 1800), ("1h", 3600), ("1h30m", 5400), ("1d", 86400), ("2w", 1209600),
     ("45", 45), (120, 120), (1.5, 1.5), ("10 min", 600), ("500ms", 0.5), ("1 h 30 m", 5400)],
)
def test_durations(text: object, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["1 hour", "soon", "", "h", True, [1]])
def test_bad_durations(text: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


PAGES = """\
interval = "1h"

[[page]]
url = "http://a.example/one"

[[page]]
name = "two"
url = "http://a.example/two"
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "line", "key", "problem"),
    [
        ('interval = "1 hour"', 9, "interval", "not a duration"),
        ("colour = 3", 9, "colour", "unknown key"),
        ('alert_on = ["room_confirmed", "room_painted"]', 9, "alert_on", "unknown change kind 'room_pa"),
        ('notify = ["nonsense://x"]', 9, "notify", "Apprise"),
        ('date = "19/11/2025"', 9, "date", "YYYY-MM-DD"),
        ('lang = "de"', 9, "lang", "fr, en or auto"),
        ("timeout = -1", 9, "timeout", "between"),
        ('ignore_robots = "yes"', 9, "ignore_robots", "true or false"),
        ('interval = "0s"', 9, "interval", "at least"),
    ],
)
def test_page_errors_name_file_line_and_key(extra: str, line: int, key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse(PAGES.format(extra=extra), CFG)
    message = str(info.value)
    assert message.startswith(f"{CFG}:{line}: [[page]] #2, key '{key}': ")
    assert problem in message
    assert "\n" not in message


def test_duplicate_page() -> None:
    text = '[[page]]\nurl = "http://a.example/x"\n\n[[page]]\nurl = "http://a.example/x"\n'
    expected = r":5: \[\[page\]\] #2, key 'url': http://a\.example/x is already watched"
    with pytest.raises(ConfigError, match=expected):
        parse(text, CFG)


def test_missing_url_points_at_the_table() -> None:
    with pytest.raises(ConfigError, match=r"watch\.toml:4: \[\[page\]\] #2, key 'url': missing"):
        parse('[[page]]\nurl = "http://a.example/x"\n\n[[page]]\nname = "no url"\n', CFG)


def test_bad_default_points_at_the_top_level_line() -> None:
    with pytest.raises(ConfigError, match=r"watch\.toml:2: key 'interval': .*not a duration"):
        parse('workers = 2\ninterval = "often"\n\n[[page]]\nurl = "http://a.example/x"\n', CFG)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("workers = 0\n[[page]]\nurl = 'http://a/x'\n", r"watch\.toml:1: key 'workers': must be between 1"),
        ("wokers = 2\n[[page]]\nurl = 'http://a/x'\n", r"watch\.toml:1: key 'wokers': unknown key"),
        ("workers = 2\n", r"key 'page': no pages to watch"),
        ("[[page]]\nurl = 'ftp://a/x'\n", r"watch\.toml:2: \[\[page\]\] #1, key 'url': .*only http"),
        ("[[page]]\nurl = 'http:///x'\n", r"watch\.toml:2: \[\[page\]\] #1, key 'url': .*no host"),
        ("[[page]\nurl = 'x'\n", r"watch\.toml:1: not valid TOML"),
        ('x = 1\n[[page]]\nurl = "http://a/x"\nname = "unterminated\n', r"watch\.toml:4: not valid TOML"),
        ("[[page]]\nurl = 'http://a/x'\ndigest = 'yes'\n", r"watch\.toml:3: .*key 'digest': must be true"),
        ("suspect_share = 2\n[[page]]\nurl = 'http://a/x'\n", r"watch\.toml:1: key 'suspect_share': must be between 0"),
        ("[[page]]\nurl = 'http://a/x'\nnotify = ['jsno://h/x']\n", r"key 'notify': not a notification URL .*jsno://…"),
    ],
)
def test_top_level_and_syntax_errors(text: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        parse(text, CFG)


def test_digest_and_the_removal_guard_are_page_settings() -> None:
    config = parse("suspect_min = 5\n[[page]]\nurl = 'http://a/x'\ndigest = true\n"
                   "[[page]]\nurl = 'http://b/x'\nsuspect_share = 0\n", CFG)
    first, second = config.pages
    assert (first.digest, first.guard.share, first.guard.minimum) == (True, 0.5, 5)
    assert (second.digest, second.guard.share, second.guard.minimum) == (False, 0, 5)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load(tmp_path / "absent.toml")
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('[[page]]\nname = "Études"\nurl = "http://a/x"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load(latin1)


def test_find_line_is_scoped_to_its_table() -> None:
    lines = ['url = "top"', "[[page]]", 'url = "one"', "[[page]]", "  'url' = 'two'", "[other]", 'url = "x"']
    assert find_line(lines, "url") == 1
    assert find_line(lines, "url", 1) == 3
    assert find_line(lines, "url", 2) == 5
    assert find_line(lines, "name", 2) == 4  # absent: the table's header
    assert find_line(lines, "url", 3) is None
