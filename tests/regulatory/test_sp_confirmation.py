"""The SP subscription slip is the subscriber's confirmation: it names the provider and its
hotline, the price and whether it is charged per month or per use, and how to cancel."""

from __future__ import annotations

import re

import pytest

from counter_app.documents import slip
from counter_app.models import SpSubscription
from counter_app.services import orders
from tests.helpers import pdf_text, rasterize
from tests.service_data import local_line, submit


def subscribe(session, code: str):
    line = local_line()
    SpSubscription.delete().where(SpSubscription.account == line.id).execute()  # any service is offered
    return submit(session, "sp_subscribe", line, service=code)


def slip_text(session, order) -> str:
    return re.sub(r"\s+", "", pdf_text(slip.build(orders.slip_data(session, order), copies=slip.COPIES)))


def test_a_per_use_service_is_confirmed_as_per_use_with_its_provider_and_how_to_cancel(session, tmp_path):
    order = subscribe(session, "GAME")
    text = slip_text(session, order)
    assert "掌上游戏网络有限公司" in text and "4006001004" in text
    assert "2.00元/次" in text and "按次计费" in text and "按月" not in text
    assert "退订方式" in text and "10010" in text
    page = rasterize(slip.build(orders.slip_data(session, order)), tmp_path, dpi=100)[0]
    from PIL import Image

    image = Image.open(page).convert("L")
    margin = int(10 / 25.4 * 100)  # the slip keeps 12 mm on the right: nothing may run into the last 10
    strip = image.crop((image.width - margin, 0, image.width, int(image.height * 0.75)))
    assert strip.getextrema()[0] > 200, "a line of the slip runs off the page"


def test_a_monthly_service_says_monthly(session):
    text = slip_text(session, subscribe(session, "CRBT"))
    assert "快乐无线科技有限公司" in text and "4006001001" in text
    assert "5.00元/月" in text and "按月计费" in text and "按次" not in text


@pytest.mark.parametrize(("code", "words"), [("MUSIC", "1.00 yuan per use"), ("NEWS", "3.00 yuan per month")])
def test_the_english_slip_says_the_same(session, code, words):
    session.lang = "en"
    order = subscribe(session, code)
    shown = {label_en: text for _zh, label_en, text in order.fields["display"]}
    assert words in shown["Price"] and shown["Provider's hotline"].startswith("400600100")
    assert "How to cancel" in shown
