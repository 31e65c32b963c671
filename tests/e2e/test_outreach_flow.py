"""The Outreach Kit on the real main window: open a real .docx, open the kit from the menu,
pick the SMS, edit it and keep a screenshot of the view with its live counters."""

from __future__ import annotations

import pytest

from tests.conftest import corpus_path
from tests.ui.conftest import wait_report

from .conftest import assert_not_blank, running_workspace, screenshot

pytestmark = pytest.mark.e2e

DOCX = "jzf21__resume-analyser__job_description.docx"


@pytest.fixture
def live(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1280, 860)) as started:
        yield started


def test_outreach_kit_from_a_real_docx_with_screenshot(qtbot, live, artifacts):
    ws, prompts = live
    prompts.open_answer = str(corpus_path("docx", "jd_real", DOCX))
    ws.window.actions.open.trigger()
    latest = wait_report(qtbot, ws)

    action = next(a for a in ws.window.menus["check"].actions() if a.objectName() == "outreach")
    action.trigger()
    view = ws.outreach.view
    qtbot.waitExposed(view)
    assert view.messages and all(m.within_limits for m in view.messages)
    role = view.messages[0].body
    assert latest.report.text and role

    view.select_channel("sms")
    assert "Reply STOP" in view.body.toPlainText() and "segment" in view.counters.text()
    view.body.setPlainText(view.body.toPlainText() + " Thanks — Sam")
    assert "UCS-2 forced by —" in view.counters.text()
    view.select_channel("email")
    qtbot.wait(100)
    path = screenshot(view, artifacts / "outreach-view.png")
    assert_not_blank(path)
