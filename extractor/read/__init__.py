"""Reading a page: RawPage, sources (path, stdin, URL), polite fetching, robots.txt, pacing, decoding."""
