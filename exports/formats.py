"""The export formats by name: cheap to import, for the command line's --help."""

FORMATS = (
    "md",
    "html",
    "docx",
    "pdf",
    "xlsx",
    "csv",
    "json",
    "archive",
    "qr-png",
    "qr-svg",
    "handout",
)
