"""A programme page served from 127.0.0.1 whose text the test edits between checks, and the versions it edits.

The page is the kind issue 11 was found on: a day of talks, two breaks without a room, a room and a
description still to come, written as organisers write them.
"""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extractor.read.options import FetchOptions

FAST = FetchOptions(min_host_delay=0, backoff=0.01, timeout=5, ignore_robots=True, retries=0)

PROGRAMME = """Mercredi 19 novembre 2025

9h00-10h15
Conférence d'ouverture : L'avenir des villes
Salle 2.105
Julie Roy, Directrice, Université Laval
Description : Une conférence sur les villes de demain et sur celles et ceux qui les habitent.

10h15-10h45
Pause

10h45-12h00
Table ronde : Les transports collectifs
Salle à venir
Marc Côté, Maire, Ville de Québec
Description à venir.

13h30-14h45
Atelier : La participation citoyenne
Salle 1.120 (à confirmer)
Lise Tremblay, Professeure, Université de Montréal
Description : Un atelier pratique sur la participation des citoyens aux décisions publiques.

15h00-15h30
Pause

16h00-17h00
Conférence de clôture : Bilan de la journée
Auditorium Jean-Coutu
Paul Gagnon, Directeur, Institut du Nouveau Monde
Description : Le bilan de la journée et les suites à donner aux échanges de la journée.
"""


def truncated(text: str, sessions: int) -> str:
    """The page cut after its first `sessions` time slots, as a deploy in progress serves it."""
    blocks = text.split("\n\n")
    return "\n\n".join(blocks[: 1 + sessions]) + "\n"


class Site:
    """One page at /prog; `text` is what the next request gets."""

    def __init__(self, server: HTTPServer, text: str = PROGRAMME) -> None:
        self.text = text
        self.url = server.url_for("/prog")

        def serve(_request: Request) -> Response:
            return Response(self.text.encode(), content_type="text/plain; charset=utf-8")

        server.expect_request("/prog").respond_with_handler(serve)
