"""What a browser sends when a form is submitted: read from the page's HTML, as Chromium would."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Collects the successful controls of one form (enabled, named, checked or selected)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "form":
            self.inside = attr.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input":
            self._input(attr)
        elif tag == "select":
            self._select = (attr.get("name") or "", "disabled" in attr)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._options.append((attr.get("value") or "", "selected" in attr))

    def _input(self, attr: dict[str, str | None]) -> None:
        name, kind = attr.get("name"), attr.get("type", "text")
        if not name or "disabled" in attr or kind in ("submit", "button"):
            return
        if kind in ("radio", "checkbox") and "checked" not in attr:
            return
        self.fields.append((name, attr.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            name, disabled = self._select
            chosen = [value for value, selected in self._options if selected]
            if name and not disabled and self._options:
                self.fields.append((name, chosen[-1] if chosen else self._options[0][0]))
            self._select = None


def form_data(html: str, form_id: str = "attempt-form") -> list[tuple[str, str]]:
    """The (name, value) pairs the form sends, in document order, without a submit button."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields
