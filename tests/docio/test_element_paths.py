"""Source ids' element paths: the same strings as lxml's ``getelementpath``, in linear time."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from postingstudio.docio.element_paths import ElementPaths
from tests.conftest import corpus_path

TRICKY = (
    '<a xmlns="urn:x" xmlns:y="urn:y"><b/><c/><!--note--><c/><?pi x?><d><c/><y:c/><c/></d>'
    "text<y:c/><c><b/><b/></c></a>"
)


def assert_same_paths(root: etree._Element) -> int:
    tree, paths = root.getroottree(), ElementPaths()
    count = 0
    for element in root.iter(tag=etree.Element):
        assert paths.path(element) == tree.getelementpath(element)
        count += 1
    return count


def test_paths_match_lxml_on_mixed_siblings_comments_and_namespaces():
    assert assert_same_paths(etree.fromstring(TRICKY)) == 12


def test_paths_match_lxml_in_any_order_of_asking():
    root = etree.fromstring(TRICKY)
    tree, paths = root.getroottree(), ElementPaths()
    for element in reversed(list(root.iter(tag=etree.Element))):
        assert paths.path(element) == tree.getelementpath(element)


def test_the_paths_of_a_long_body_are_numbered_among_same_tag_siblings():
    root = etree.fromstring("<body>" + "<p/>" * 5 + "<tbl/><p/></body>")
    paths = ElementPaths()
    assert [paths.path(e) for e in root] == ["p[1]", "p[2]", "p[3]", "p[4]", "p[5]", "tbl", "p[6]"]


def test_paths_match_lxml_on_every_corpus_document():
    folder = corpus_path("docx")
    files = sorted(folder.rglob("*.docx"))
    if not files:
        pytest.skip(f"no .docx files under {folder}")
    checked = 0
    for path in files:
        try:
            with zipfile.ZipFile(path) as archive:
                data = archive.read("word/document.xml")
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
            continue
        checked += assert_same_paths(root)
    assert checked > 1000
