"""The pt-BR catalogue is complete: every msgid it holds is translated and none is fuzzy, and every
string the code and the templates mark for translation is in it.

- `makemessages` — what `make messages` runs — extracts the strings of a copy of the sources and
  merges them into a copy of the catalogue, so `platform/locale` is never written; a string marked
  in the code or a template but absent from the catalogue comes out of the merge untranslated (or
  fuzzy, when gettext guesses it from a similar one) and is named.
- xgettext does not see every call: not one inside an f-string, not one through an alias it does
  not know (`gettext_lazy as _lazy`). Such a string shows in English even when someone translated
  it by hand, and `make messages` would drop its translation as obsolete; the Python sources are
  therefore also read with `ast`, and every literal gettext call must be one xgettext extracts,
  with its msgid translated in the catalogue. A plain `gettext` run at import time (module or
  class level) is refused too: it translates once, in whatever language is active then.
"""

import ast
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "platform" / "locale" / "pt_BR" / "LC_MESSAGES" / "django.po"
# What `make messages` extracts from (its --ignore of .venv, .var and tests).
SOURCES = ("shared", "tenants", "onboarding", "platform")
EXTENSIONS = {".py", ".html", ".txt"}


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return context + repr(self.msgid)


def read_po(path: Path) -> list[Entry]:
    """The entries of a PO file (enough of the format for gettext's own output)."""
    entries: list[Entry] = []
    entry, key = Entry(), ""

    def finish() -> None:
        nonlocal entry, key
        if key:
            entries.append(entry)
        entry, key = Entry(), ""

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#") or not line:
            if key.startswith("msgstr") or not line:
                finish()
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        entry.obsolete = entry.obsolete or obsolete
        if not line.startswith('"'):
            keyword, _, line = line.partition(" ")
            if keyword in {"msgctxt", "msgid"} and key.startswith("msgstr"):
                finish()
                entry.obsolete = obsolete
            key = keyword
        value = ast.literal_eval(line)
        if key == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif key == "msgid":
            entry.msgid += value
        elif key == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif key.startswith("msgstr"):
            index = int(key[7:-1]) if key.startswith("msgstr[") else 0
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
    finish()
    return entries


def untranslated_or_fuzzy(entries: list[Entry]) -> list[str]:
    wrong = []
    for entry in entries:
        if entry.obsolete or entry.msgid == "":
            continue
        if "fuzzy" in entry.flags:
            wrong.append(f"fuzzy: {entry.label}")
        elif not entry.msgstr or any(not text for text in entry.msgstr.values()):
            wrong.append(f"untranslated: {entry.label}")
    return wrong


def test_the_reader_sees_untranslated_and_fuzzy_entries(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: pt_BR\\n"\n\n'
        '#: a.py:1\nmsgid "Save"\nmsgstr "Salvar"\n\n'
        '#: a.py:2\nmsgid "Send"\nmsgstr ""\n\n'
        '#: a.py:3\n#, fuzzy, python-format\nmsgid "Sent %(n)s"\nmsgstr "Enviado %(n)s"\n\n'
        'msgctxt "month"\nmsgid "May"\nmsgstr "maio"\n\n'
        '#: a.py:4\nmsgid "one file"\nmsgid_plural "%(n)s files"\n'
        'msgstr[0] "um arquivo"\nmsgstr[1] ""\n\n'
        '#: a.py:5\nmsgid ""\n"Two "\n"lines"\nmsgstr ""\n"Duas "\n"linhas"\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    entries = read_po(po)
    assert [e.msgid for e in entries] == [
        "",
        "Save",
        "Send",
        "Sent %(n)s",
        "May",
        "one file",
        "Two lines",
        "Gone",
    ]
    assert untranslated_or_fuzzy(entries) == [
        "untranslated: 'Send'",
        "fuzzy: 'Sent %(n)s'",
        "untranslated: 'one file'",
    ]


def test_every_msgid_of_the_catalogue_is_translated() -> None:
    wrong = untranslated_or_fuzzy(read_po(CATALOGUE))
    assert wrong == [], f"{len(wrong)} entries of {CATALOGUE.relative_to(ROOT)}:\n" + "\n".join(
        wrong
    )


def _copy_sources(to: Path) -> None:
    for top in SOURCES:
        for path in (ROOT / top).rglob("*"):
            relative = path.relative_to(ROOT)
            if (
                path.suffix in EXTENSIONS
                and path.is_file()
                and "locale" not in relative.parts
                and "__pycache__" not in relative.parts
            ):
                target = to / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


# The names makemessages passes to xgettext as keywords, with xgettext's own for Python.
EXTRACTED = {
    "_": "gettext",
    "gettext": "gettext",
    "gettext_lazy": "gettext_lazy",
    "gettext_noop": "gettext_noop",
    "ngettext": "ngettext",
    "ngettext_lazy": "ngettext_lazy",
    "pgettext": "pgettext",
    "pgettext_lazy": "pgettext_lazy",
    "npgettext": "npgettext",
    "npgettext_lazy": "npgettext_lazy",
}
TRANSLATION_FUNCTIONS = set(EXTRACTED.values())
# Translated when called: at import time they would translate once, in the language active then.
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


@dataclass(frozen=True)
class Call:
    where: str
    function: str
    msgid: str
    msgctxt: str | None
    extractable: str  # "" or why xgettext misses it
    at_import: bool


def _translation_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> translation function, from `from django.utils.translation import ...`."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in TRANSLATION_FUNCTIONS:
                    names[alias.asname or alias.name] = alias.name
    return names


def translation_calls(path: Path, source: str) -> list[Call]:
    tree = ast.parse(source)
    names = _translation_names(tree)
    in_fstring = {
        id(call)
        for joined in ast.walk(tree)
        if isinstance(joined, ast.JoinedStr)
        for call in ast.walk(joined)
        if isinstance(call, ast.Call)
    }
    calls = []

    def visit(node: ast.AST, *, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in names
            ):
                function = names[child.func.id]
                literals = [
                    a.value
                    for a in child.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                contextual = function.startswith(("pgettext", "npgettext"))
                if len(literals) > contextual:
                    why = ""
                    if id(child) in in_fstring:
                        why = "inside an f-string"
                    elif child.func.id not in EXTRACTED:
                        why = f"through the alias {child.func.id!r}"
                    calls.append(
                        Call(
                            where=f"{path}:{child.lineno}",
                            function=function,
                            msgid=literals[1] if contextual else literals[0],
                            msgctxt=literals[0] if contextual else None,
                            extractable=why,
                            at_import=function in EAGER and not in_function,
                        )
                    )
            visit(child, in_function=nested)

    visit(tree, in_function=False)
    return calls


def test_the_reader_of_calls_sees_what_xgettext_misses() -> None:
    source = (
        "from django.utils.translation import gettext as _, gettext_lazy as _lazy, pgettext\n"
        "LABEL = _('Save')\n"
        "def label(name):\n"
        "    return f\"{name} ({_('staff')})\", _lazy('Assign'), pgettext('month', 'May')\n"
    )
    calls = translation_calls(Path("a.py"), source)
    assert [(c.msgid, c.msgctxt, c.extractable, c.at_import) for c in calls] == [
        ("Save", None, "", True),
        ("staff", None, "inside an f-string", False),
        ("Assign", None, "through the alias '_lazy'", False),
        ("May", "month", "", False),
    ]


def _python_sources() -> list[Path]:
    return sorted(
        path
        for top in SOURCES
        for path in (ROOT / top).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def test_every_gettext_call_in_the_code_is_extracted_and_translated() -> None:
    translated = {
        (e.msgctxt, e.msgid)
        for e in read_po(CATALOGUE)
        if not e.obsolete and "fuzzy" not in e.flags and all(e.msgstr.values())
    }
    wrong = []
    for path in _python_sources():
        relative = path.relative_to(ROOT)
        for call in translation_calls(relative, path.read_text(encoding="utf-8")):
            if call.extractable:
                wrong.append(f"{call.where} {call.msgid!r}: {call.extractable}")
            elif call.at_import:
                wrong.append(f"{call.where} {call.msgid!r}: {call.function} at import time")
            elif (call.msgctxt, call.msgid) not in translated:
                wrong.append(f"{call.where} {call.msgid!r}: not translated in the catalogue")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext is not installed")
def test_every_string_marked_for_translation_is_in_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a copy of the sources and of the catalogue, away from platform/locale
    sources = tmp_path / "src"
    _copy_sources(sources)
    locale = tmp_path / "locale"
    copy = locale / "pt_BR" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copyfile(CATALOGUE, copy)
    # when makemessages extracts the sources' strings and merges them into the copy
    monkeypatch.chdir(sources)
    with override_settings(LOCALE_PATHS=[str(locale)]):
        call_command("makemessages", locale=["pt_BR"], verbosity=0, no_obsolete=True)
    # then nothing came out of the merge untranslated or fuzzy
    wrong = untranslated_or_fuzzy(read_po(copy))
    assert wrong == [], (
        f"{len(wrong)} strings marked for translation are missing from the catalogue "
        "(add them with their pt-BR text):\n" + "\n".join(wrong)
    )
