"""The start notebook's "predict first" widget, headless: moving a control saves a prediction,
an untouched slider saves nothing, and the saved guess reappears beside the evidence later."""

from __future__ import annotations

from fedstate import responses
from fedstate.predictions import PREDICTIONS, prediction
from fedstate.widgets.predict import predict_first, prediction_vs_evidence_html, predictions_text_html


def test_untouched_sliders_record_nothing(answers_dir):
    widget = predict_first()
    assert len(widget.controls) == len(PREDICTIONS)
    responses.store().flush()
    assert all(responses.store().get(p.id) is None for p in PREDICTIONS)
    assert all("No prediction saved yet" in c.status.value for c in widget.controls)


def test_moving_a_slider_saves_and_survives_a_restart(answers_dir):
    widget = predict_first()
    slider = widget.controls[0].control
    slider.value = 42
    assert "Saved prediction: 42 out of 100" in widget.controls[0].status.value
    responses.store().flush()
    restarted = responses.AnswerStore(answers_dir)
    assert restarted.get("predict.arrests-convicted") == 42
    responses._STORE = None
    assert predict_first().controls[0].control.value == 42


def test_save_button_records_the_value_where_the_slider_already_is(answers_dir):
    control = predict_first().controls[1]
    control.save_button.click()
    assert responses.store().get("predict.states-limiting") == control.control.value


def test_choice_prediction_and_reason(answers_dir):
    control = predict_first().controls[2]
    control.control.value = "It depends on the state"
    control.reason.area.value = "States write their own jail rules."
    store = responses.store()
    assert store.get("predict.must-hold") == "It depends on the state"
    assert store.get("predict.must-hold.why") == "States write their own jail rules."
    assert "States write their own jail rules." in predictions_text_html()


def test_reveal_shows_the_guess_beside_the_evidence(answers_dir):
    missing = prediction_vs_evidence_html("predict.arrests-convicted", "36.5 of 100 had a conviction.",
                                          ["ddp-2025-arrests-clearmedia"])
    assert "did not save a prediction" in missing
    # On paper the packet shows a line to copy the guess onto instead (hidden on screen, also from
    # screen readers), and leaves out the screen's "you did not save" sentence.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(missing, "html.parser")
    paper = soup.select_one(".fedstate-paper-only")
    assert paper is not None and paper.has_attr("hidden") and "Your prediction from notebook 00" in paper.get_text()
    assert "did not save" in soup.select_one(".fedstate-screen-only").get_text()
    responses.store().set("predict.arrests-convicted", 70)
    shown = prediction_vs_evidence_html("predict.arrests-convicted", "36.5 of 100 had a conviction.",
                                        ["ddp-2025-arrests-clearmedia"])
    assert "Your prediction: 70 out of 100." in shown and "36.5 of 100" in shown
    assert "Deportation Data Project" in shown
    assert prediction("predict.must-hold").kind == "choice"
