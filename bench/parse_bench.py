"""Parse speed on a large Wix-shaped programme page, as ratios to floors measured in the same run.

    python bench/parse_bench.py [--sessions 200] [--seconds 3]

Prints pages/s for: extractor's parse, the bare lxml floor
(`lxml.html.document_fromstring(page).text_content()`) and `BeautifulSoup(page, "lxml").get_text()`.
Targets (issue 2): extractor / lxml floor <= 2x per page, and faster than BeautifulSoup alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor.parse.pipeline import parse_bytes

ROOMS = ["Salle à venir", "Salle 2.105", "Local A-1510", "Auditorium Jean-Coutu", "Salle Marie-Gérin-Lajoie"]
FORMATS = ["Études de cas", "Conférence", "Panel", "Atelier", "Table ronde"]
PEOPLE = ["Julie Boivin", "Geneviève Baril", "Sarah Libersan", "Marc Tremblay", "Amélie Roy", "Paul Côté"]
WORDS = ["coproduction", "innovation", "sociale", "services", "publics", "territoires", "municipalités",
         "numérique", "données", "citoyens", "gouvernance", "transition", "écologique", "participation"]


def _p(text: str, bold: bool = False) -> str:
    style = ' style="font-weight:bold;"' if bold else ""
    return (f'<p class="font_8 wixui-rich-text__text"><span{style} class="wixui-rich-text__text">'
            f"{text}</span></p>")


def _box(comp: str, paragraphs: list[str]) -> str:
    return (f'<div id="comp-{comp}" class="HcOXKn SxM0TO QxJLC3 wixui-rich-text" '
            f'data-testid="richTextElement">{"".join(paragraphs)}</div>')


def make_page(sessions: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    boxes: list[str] = []
    styles: list[str] = []
    n = 0
    for slot in range(sessions // 3):
        hour = 8 + slot % 10
        boxes.append(_box(f"s{slot}", [f'<h2 class="font_2 wixui-rich-text__text">{hour}h00-{hour}h45</h2>',
                                       _p(rng.choice(FORMATS), bold=True)]))
        for _ in range(3):
            n += 1
            title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" {n}"
            person = rng.choice(PEOPLE)
            desc = " ".join(rng.choice(WORDS) for _ in range(90)) + "."
            boxes.append(_box(f"x{n}", [
                _p(title, bold=True), _p(rng.choice(ROOMS)),
                _p(f"{person}, Conseillère en innovation, Maison de l'innovation sociale"),
                _p("&nbsp;"), _p(f"Description provisoire : {desc}"),
            ]))
            styles.append(f"#comp-x{n}{{grid-area:{n} / 1 / {n + 1} / 2;justify-self:start;}}")
    # Wix pages are mostly scripts and styles; pad with realistic-looking ones up to ~1.5 MB.
    model = json.dumps({"siteAssets": {"modules": [{"id": i, "url": f"https://static.example/{i}.js",
                                                     "hash": f"{rng.getrandbits(64):016x}"} for i in range(4000)]}})
    head = (f"<head><meta charset='utf-8'><title>Colloque</title><style>{''.join(styles)}</style>"
            f"<script type='application/json' id='wix-viewer-model'>{model}</script>"
            + "".join(f"<script>window.__w{i}=function(a){{return a*{i};}};</script>" for i in range(800))
            + "</head>")
    body = ("<body><div id='SCROLL_TO_TOP' aria-label='top of page' role='region'><span>top of page</span></div>"
            "<header id='SITE_HEADER'><nav><ul><li>Accueil</li><li>Programme</li></ul></nav></header>"
            f"<main id='PAGES_CONTAINER'>{''.join(boxes)}</main>"
            "<div id='SCROLL_TO_BOTTOM' aria-label='bottom of page'><span>bottom of page</span></div></body>")
    page = f"<!DOCTYPE html><html lang='fr'>{head}{body}</html>"
    filler = 1_500_000 - len(page.encode())
    if filler > 0:
        page = page.replace("</head>", f"<style>{'.c{color:red}' * (filler // 12)}</style></head>")
    return page.encode("utf-8")


def rate(fn: Callable[[], object], seconds: float) -> float:
    fn()  # warm up
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds or count < 3:
        fn()
        count += 1
    return count / elapsed


def lxml_floor(page: bytes) -> str:
    """The least any HTML reader does: one lxml parse and the text of the whole tree."""
    document = cast(lxml.html.HtmlElement, lxml.html.document_fromstring(page))
    return str(document.text_content())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from bs4 import BeautifulSoup

    page = make_page(args.sessions)
    programme = parse_bytes(page, "bench")
    results = {
        "page_bytes": len(page),
        "sessions_found": len(programme.sessions),
        "extractor_pages_per_s": rate(lambda: parse_bytes(page, "bench"), args.seconds),
        "lxml_floor_pages_per_s": rate(lambda: lxml_floor(page), args.seconds),
        "bs4_get_text_pages_per_s": rate(lambda: BeautifulSoup(page, "lxml").get_text(), args.seconds),
    }
    results["ratio_to_lxml_floor"] = results["lxml_floor_pages_per_s"] / results["extractor_pages_per_s"]
    results["speedup_over_bs4"] = results["extractor_pages_per_s"] / results["bs4_get_text_pages_per_s"]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"page: {results['page_bytes'] / 1e6:.2f} MB, {results['sessions_found']} sessions found")
    for key in ("extractor_pages_per_s", "lxml_floor_pages_per_s", "bs4_get_text_pages_per_s"):
        print(f"{key:28s} {results[key]:8.2f}")
    print(f"extractor time / lxml floor:  {results['ratio_to_lxml_floor']:.2f}x  (target <= 2x)")
    print(f"extractor speed / bs4 alone:  {results['speedup_over_bs4']:.2f}x  (target > 1x)")


if __name__ == "__main__":
    main()
