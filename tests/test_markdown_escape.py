"""User text in generated markdown is literal text for a real CommonMark parser (markdown-it-py).

Reviews (`reviews/*.md`, the generated part) and `ccos export markdown` put titles, names,
notes, labels and URLs into markdown; none of them may become a link, an image, emphasis,
a heading, a list, a quote, a table, HTML or an autolink (`storage/markdown.py`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ccos.models.naming import make_id
from ccos.storage.markdown import escape_inline, link_inline, safe_url
from tests.conftest import Ccos

# CommonMark plus the GFM table and strikethrough extensions (what GitHub and most editors show).
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

HOSTILE = [
    "![x](http://tracker.example/p.gif)",
    "[c](javascript:alert(1))",
    "[c]( javascript:alert(1) )",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<http://tracker.example>",
    "<a@b.example>",
    "*em* _em_ **strong** __strong__",
    "# heading",
    "###### six",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1. one",
    "2) two",
    "123456789. big",
    "===",
    "---",
    "- - -",
    "***",
    "___",
    "`code`",
    "```",
    "~~~",
    "~~strike~~",
    "a | b | c",
    "| a | b |\n|---|---|\n| c | d |",
    "&amp; &#x6A; &copy;",
    "[x]: http://evil.example",
    "[^1]",
    "[a]\n\n[a]: http://x.example",
    "title\n===",
    "title\n---",
    "trailing \\",
    "\\*not em\\*",
    "    indented code",
    "\tTab",
    "Title #",
    "Closing ##",
    "#",
    "$x^2$",
    "{.class}",
    "!",
    "<",
    "&",
    "\\",
    "-",
    "1.",
    "[red]bold[/red]",
    "Zoë 王小明 (talk) — 10:30, 100%! Rust Meetup #12, C#",
    "x ![y](http://t.example/z.png) y",
    "<!-- comment -->",
    "line one\nline two\r\nline three\u2028four",
]
FORBIDDEN = ("<a", "<img", "<em", "<strong", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<script", "<table", "<code")
FORBIDDEN += ("<del", "<s>", "<blockquote", "<ul", "<ol", "<li", "<hr", "<pre", "<p", "<br", "<!--")


def flat(text: str) -> str:
    """What the text reads as on one line (escape_inline collapses whitespace, newlines included)."""
    return " ".join(text.split())


def inner_html(context: str, rendered: str) -> str:
    """The rendered HTML without the markup the context itself makes (its list, heading or table)."""
    if context == "list":
        return rendered.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>\n")
    if context == "heading":
        return rendered.removeprefix("<h1>").removesuffix("</h1>\n")
    if context == "table":
        return re.sub(r"</?(table|thead|tbody|tr|th|td)( style=\"[^\"]*\")?>", "", rendered)
    return rendered.removeprefix("<p>").removesuffix("</p>\n")


def contexts(escaped: str) -> dict[str, str]:
    """Where ccos puts user text: starting a list item, inside one, ending a heading, in a table."""
    return {
        "list": f"- {escaped} (open)",
        "list-middle": f"- 2026-11-18 published: {escaped} (2 h)",
        "heading": f"# Weekly review · 2026-W47 · {escaped}",
        "table": f"| | actual |\n|---|---:|\n| {escaped} | 3 |",
        "paragraph": escaped,
    }


def check_literal(text: str) -> None:
    escaped = escape_inline(text)
    assert "\n" not in escaped
    for context, source in contexts(escaped).items():
        rendered = MD.render(source)
        inner = inner_html("list" if context == "list-middle" else context, rendered)
        for tag in FORBIDDEN:
            assert tag not in inner, f"{text!r} in {context}: {rendered!r}"
        shown = html.unescape(inner)
        assert flat(text) in shown, f"{text!r} in {context} reads as {shown!r}"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_the_literal_text(text: str) -> None:
    check_literal(text)


PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*PUNCTUATION, "a", "1", " ", "\n", "é", "王"]), min_size=1, max_size=24))
def test_any_mix_of_punctuation_renders_literally(text: str) -> None:
    if not text.strip():
        return
    check_literal(text)


def test_control_characters_never_reach_the_file() -> None:
    escaped = escape_inline("red\x1b[31m bell\x07 del\x7f")
    assert "\x1b" not in escaped and "\x07" not in escaped and "\x7f" not in escaped
    assert escaped.count("\ufffd") == 3


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/p/1",
        "http://example.org/a_b*c?x=1&y=<2>#frag",
        'https://example.org/a)b](c)<d>"e\\f`g',
        "https://例子.example/路径?q=é",
        "HTTPS://EXAMPLE.ORG/x",
    ],
)
def test_an_http_url_becomes_one_link_to_that_url(url: str) -> None:
    source = link_inline("*Title* [x]", url)
    rendered = MD.render(f"- {source}")
    hrefs = re.findall(r'<a href="([^"]*)">', rendered)
    assert len(hrefs) == 1 and rendered.count("<a") == 1, rendered
    assert unquote(html.unescape(hrefs[0])) == unquote(url)
    assert "<em" not in rendered and ">*Title* [x]</a>" in rendered


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "https:javascript:alert(1)",
        "http://",
        "https://exa mple.org/",
        "https://example.org/\nnext line",
        "",
    ],
)
def test_other_urls_never_become_links(url: str) -> None:
    assert safe_url(url) is None
    rendered = MD.render(f"- {link_inline('Title', url)}")
    for tag in FORBIDDEN[:3]:
        assert tag not in rendered.removeprefix("<ul>\n<li>"), rendered
    assert "Title" in rendered
    if url.strip():
        assert flat(url) in html.unescape(rendered)


# --- through the real commands -------------------------------------------------------------


TRACKER = "![x](http://tracker.example/p.gif)"
SCRIPT_LINK = "[c](javascript:alert(1))"
URL = "https://example.org/p/1?a=1&b=<2>"


def hostile_workspace(ccos: Ccos) -> None:
    """Published pieces with hostile titles (one with a `javascript:` URL put in by hand), a
    hostile checklist item, check-in note and profile name."""
    ccos.ok("config", "set", "profile.name", "*Ada* <b>")
    ccos.ok("share", "add", "--over-budget", TRACKER, "--stage", "ready")
    ccos.ok("share", "publish", make_id(TRACKER), "--hours", "2", "--url", URL)
    ccos.ok("share", "add", "--over-budget", SCRIPT_LINK, "--stage", "ready")
    ccos.ok("share", "publish", make_id(SCRIPT_LINK), "--hours", "1")
    piece = ccos.root / "sharing" / f"{make_id(SCRIPT_LINK)}.toml"
    piece.write_text(piece.read_text(encoding="utf-8") + 'url = "javascript:alert(1)"\n', encoding="utf-8")
    ccos.ok("checklist", "add", "--over-budget", "# Not a heading <script>x</script>", "--minutes", "10")
    ccos.ok("checklist", "check", "# Not a heading")
    note = "![i](http://t.example/i.png) *busy*"
    ccos.ok("checkin", "--energy", "3", "--duty", "2", "--main-job", "2", "--avoid", "1", "--note", note)


def assert_no_injection(markdown: str) -> str:
    rendered = MD.render(markdown)
    own = rendered.replace("<em>2026-11-16 – 2026-11-22</em>", "")  # the period line is ccos's own emphasis
    assert "<img" not in own and "<script" not in own and "<em" not in own and "<h1>Not" not in own
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', rendered))
    hrefs = re.findall(r'<a href="([^"]*)">', rendered)
    assert [html.unescape(h) for h in hrefs] == ["https://example.org/p/1?a=1&b=%3C2%3E"], hrefs
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for text in (TRACKER, SCRIPT_LINK, "# Not a heading <script>x</script>", "![i](http://t.example/i.png) *busy*"):
        assert text in shown, text
    assert f"{SCRIPT_LINK} (javascript:alert(1)) (1 h)" in shown  # the hand-edited URL: text, never a link
    return rendered


def test_review_holds_no_injected_markup(ccos: Ccos) -> None:
    hostile_workspace(ccos)
    ccos.ok("review", "week")
    text = (ccos.root / "reviews" / "2026-W47.md").read_text(encoding="utf-8")
    body = text.split("+++", 2)[2]
    assert_no_injection(body)
    destination = "https://example.org/p/1?a=1\\&b=%3C2%3E"
    assert f"- 2026-11-18 published: [!\\[x\\](http://tracker.example/p.gif)](<{destination}>) (2 h)" in text


def test_markdown_export_holds_no_injected_markup(ccos: Ccos) -> None:
    hostile_workspace(ccos)
    exported = ccos.ok("export", "markdown", "--week", "this").stdout
    rendered = assert_no_injection(exported)
    assert rendered.startswith("<h1>Weekly review · 2026-W47 · *Ada* &lt;b&gt;</h1>")
