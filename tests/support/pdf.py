"""Reading a PDF the platform answers (the CIP letter, receipts, minutes) as its text."""

from io import BytesIO

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The text of every page of the PDF `content`, one page after another on its own lines."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
