"""The posting model: block offsets, line/column, plain-text and Markdown reading."""

from __future__ import annotations

from postingstudio.core.model import Block, BlockKind, Posting, Run
from postingstudio.core.plaintext import parse_text
from postingstudio.core.text import sentence_spans, tokenize


def test_text_and_block_starts_agree():
    posting = Posting(
        (
            Block.of(BlockKind.HEADING, "Role", level=1),
            Block.of(BlockKind.PARAGRAPH, "You 🚀 sell."),
            Block(BlockKind.LIST_ITEM, (Run("bold", bold=True), Run(" tail"))),
        )
    )
    assert posting.text == "Role\nYou 🚀 sell.\nbold tail"
    for start, block in zip(posting.block_starts, posting.blocks, strict=True):
        assert posting.text[start : start + len(block.text)] == block.text
    assert posting.line_column(posting.text.index("sell")) == (2, 7)
    assert posting.block_at(posting.text.index("tail")) == 2


def test_markdown_structure():
    posting = parse_text(
        "# Barista\n\nWe roast **our own** beans. See [menu](https://x.test).\n\n"
        "## What you'll do\n- Pull shots\n  - Latte art\n1. Open the café\n",
        markdown=True,
    )
    kinds = [(b.kind, b.level, b.numbered) for b in posting.blocks]
    assert kinds[0] == (BlockKind.HEADING, 1, False)
    assert kinds[3] == (BlockKind.LIST_ITEM, 0, False)
    assert kinds[4] == (BlockKind.LIST_ITEM, 1, False)
    assert kinds[5] == (BlockKind.LIST_ITEM, 0, True)
    runs = posting.blocks[1].runs
    assert any(r.bold and r.text == "our own" for r in runs)
    assert any(r.link == "https://x.test" and r.text == "menu" for r in runs)
    assert posting.title == "Barista"


def test_plain_text_headings_are_inferred():
    posting = parse_text(
        "About us\nWe build bikes in Leeds and sell them across the north of England.\n"
        "RESPONSIBILITIES\nBuild wheels.\nWhat you'll bring:\nPatience.\n"
    )
    headings = [b.text for b in posting.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["About us", "RESPONSIBILITIES", "What you'll bring:"]
    assert all(b.inferred for b in posting.blocks if b.kind is BlockKind.HEADING)


def test_tokens_and_sentences_keep_true_offsets():
    text = "We’re hiring: a fast-paced role. E.g. sales.\nNext line 👩‍💻 here"
    for token in tokenize(text):
        assert text[token.start : token.end].lower().replace("’", "'") == token.norm
    assert [t.norm for t in tokenize("fast-paced")] == ["fast", "paced"]
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "We’re hiring: a fast-paced role.",
        "E.g. sales.",
        "Next line 👩‍💻 here",
    ]
