"""The Outreach view on the real workspace: opened from the menu on the analysed posting, live
counters and checks while editing, copy, .txt/.eml export and a CSV merge with its report."""

from __future__ import annotations

import csv
import email
from email import policy

from PySide6.QtGui import QGuiApplication

from tests.ui.conftest import wait_report


def _open(qtbot, workspace):
    workspace.start()
    workspace.window.actions.open_sample.trigger()
    wait_report(qtbot, workspace)
    action = next(
        a for a in workspace.window.menus["view"].actions() if a.objectName() == "outreach"
    )
    action.trigger()
    view = workspace.outreach.view
    assert view is not None and view.isVisible()
    return view


def test_menu_opens_drafts_of_the_open_posting(qtbot, workspace):
    view = _open(qtbot, workspace)
    labels = [view.channel.itemText(i) for i in range(view.channel.count())]
    assert labels[:2] == ["email", "sms"] and "follow up 1 (day 3)" in labels
    assert "Customer Success Manager" in view.body.toPlainText()
    assert "/" in view.counters.text() or "characters" in view.counters.text()


def test_editing_the_sms_updates_counters_and_checks_live(qtbot, workspace):
    view = _open(qtbot, workspace)
    view.select_channel("sms")
    assert "GSM-7" in view.counters.text()
    view.body.setPlainText("Hi {first_name}, we’re hiring. Interested?")
    assert "UCS-2 forced by ’" in view.counters.text()
    assert {"outreach.sms_opt_out", "outreach.sms_ucs2"} <= set(view.rule_ids())
    view.body.setPlainText("x" * 400 + " Reply STOP")
    assert "#b00020" in view.counters.styleSheet()  # over the limit: the counter turns red
    assert "outreach.limit" in view.rule_ids()


def test_copy_and_exports(qtbot, workspace, prompts, tmp_path):
    view = _open(qtbot, workspace)
    view.select_channel("email")
    view.copy()
    assert QGuiApplication.clipboard().text().startswith("Subject: Customer Success Manager")
    target = tmp_path / "draft.eml"
    prompts.save_answer = str(target)
    view.eml_button.click()
    mail = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert mail["Subject"] == view.current().subject
    text_target = tmp_path / "draft.txt"
    prompts.save_answer = str(text_target)
    view.txt_button.click()
    assert view.current().body in text_target.read_text(encoding="utf-8")


def test_merge_reports_rows_missing_fields(qtbot, workspace, prompts, tmp_path):
    view = _open(qtbot, workspace)
    view.select_channel("linkedin_note")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "first_name,their_skill,where_we_found_you\nAna,SQL,GitHub\n,Go,LinkedIn\n",
        encoding="utf-8",
    )
    merged = tmp_path / "merged.csv"
    prompts.contacts_answer = str(contacts)
    prompts.save_answer = str(merged)
    view.merge_button.click()
    with merged.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows[0]["body"].startswith("Hi Ana, your SQL work") and rows[1]["ok"] == "no"
    assert prompts.notices and prompts.notices[0][0] == "Merge report"
    assert "row 2: missing first_name" in prompts.notices[0][1]


def test_merge_with_a_missing_column_shows_an_error_and_writes_nothing(
    qtbot, workspace, prompts, tmp_path
):
    view = _open(qtbot, workspace)
    view.select_channel("email")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("name\nAna\n", encoding="utf-8")
    merged = tmp_path / "merged.csv"
    prompts.contacts_answer = str(contacts)
    prompts.save_answer = str(merged)
    view.merge_button.click()
    assert prompts.errors and "no column for" in prompts.errors[0][1]
    assert not merged.exists()
