"""Where Kolada's API is and what it allows: constants the command line needs without the HTTP client."""

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
