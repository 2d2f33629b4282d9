"""juryapp: offline jury deliberation for French public funding calls."""

__version__ = "0.1.0"
