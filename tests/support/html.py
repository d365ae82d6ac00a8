"""Reading a page as a user reads it: the text of the elements marked with a `data-testid`."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _TestIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, list[str]]] = []  # (tag, texts) of each marked element open
        self.depth: list[int] = []
        self.found: list[tuple[str, str]] = []
        self.stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        testid = dict(attrs).get("data-testid")
        self.stack.append(testid)
        if testid is not None:
            self.open.append((testid, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        if self.stack.pop() is not None:
            testid, texts = self.open.pop()
            self.found.append((testid, " ".join(" ".join(texts).split())))

    def handle_data(self, data: str) -> None:
        for _testid, texts in self.open:
            texts.append(data)


def texts_by_testid(content: bytes | str, testid: str) -> list[str]:
    """The text (white space folded) of every element whose `data-testid` is `testid`, in the
    order their ends appear."""
    parser = _TestIds()
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    return [text for found, text in parser.found if found == testid]


def text_by_testid(content: bytes | str, testid: str) -> str:
    """The text of the one element marked `testid` (fails the test when there is none)."""
    texts = texts_by_testid(content, testid)
    assert texts, f"no element with data-testid={testid!r}"
    return texts[0]


def assert_shows(page: str, *shown: str, hidden: tuple[str, ...] = ()) -> None:
    """Each text of `shown` is on the page and none of `hidden` is; a failure names the text."""
    for text in shown:
        assert text in page, f"{text!r} is not on the page"
    for text in hidden:
        assert text not in page, f"{text!r} is on the page"
