"""Authored text as safe HTML: a small subset of Markdown, rendered and then sanitised.

Teachers write prompts, explanations and feedback in Markdown. Raw HTML in the source is shown as
text (markdown-it's HTML switch is off), and the rendered HTML is cleaned with nh3 against a short
allow-list, so authored content can never run script, whatever it contains.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

BLOCK_TAGS = frozenset(
    {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a"}
)
INLINE_TAGS = frozenset({"br", "em", "strong", "code", "a"})
_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(["image", "heading"])


def _clean(html: str, tags: frozenset[str]) -> Markup:
    cleaned = nh3.clean(
        html,
        tags=set(tags),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        url_schemes=set(_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned.strip())


def render_block(text: str) -> Markup:
    """Markdown as sanitised block HTML (paragraphs, lists, quotes, code)."""
    return _clean(_markdown.render(text or ""), BLOCK_TAGS)


def render_inline(text: str) -> Markup:
    """Markdown as sanitised inline HTML, for places that take no paragraphs (a legend)."""
    return _clean(_markdown.renderInline(text or ""), INLINE_TAGS)


def rich(text: str, markdown: bool = True, inline: bool = False) -> Markup:
    """The Jinja filter: Markdown rendered safely when `markdown`, else the text escaped."""
    if not markdown:
        return escape(text)
    return render_inline(text) if inline else render_block(text)
