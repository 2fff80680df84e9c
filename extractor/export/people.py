"""How a speaker reads in one line of text, for the CSV cell and the summary."""

from __future__ import annotations

from extractor.models import Speaker


def speaker_label(speaker: Speaker, affiliation: bool = True) -> str:
    """'Name (Ph.D., Title, Affiliation)': readable in one cell."""
    details = [*speaker.credentials, *speaker.titles]
    if speaker.affiliation and affiliation:
        details.append(speaker.affiliation)
    return f"{speaker.name} ({', '.join(details)})" if details else speaker.name
