"""The project's name and version, for the User-Agent and `--version` (no imports: everyone may use it)."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/extractor-project/extractor"
