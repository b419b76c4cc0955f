"""The slip preview of the business flow: the acceptance slip as HTML for the screen."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from counter_app.i18n import pick
from counter_app.services.slip_data import SlipData
from counter_app.ui.style import hex_colour

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))


def slip_html(data: SlipData, lang: str) -> str:
    """The acceptance slip as the customer checks it on screen before signing: the same
    ``SlipData`` the printed slip is made of."""
    esc = html.escape
    muted = hex_colour("text_muted")
    rows = [(translate("ServiceFlowPanel", "Customer"), data.customer_name or "—"),
            (translate("ServiceFlowPanel", "ID number"), data.masked_id or "—"),
            (translate("ServiceFlowPanel", "Phone number"), data.phone or "—"),
            (translate("ServiceFlowPanel", "Business"), pick(lang, data.business_zh, data.business_en))]
    rows += [(pick(lang, f.label_zh, f.label_en), f.text) for f in data.fields]
    rows.append((translate("ServiceFlowPanel", "Fee (yuan)"), data.fee_text))
    if data.fee_reference:
        rows.append((translate("ServiceFlowPanel", "POS or card reference"), data.fee_reference))
    body = "".join(f"<tr><td style='color:{muted}; padding-right:16px'>{esc(a)}</td><td>{esc(b)}</td></tr>"
                   for a, b in rows)
    terms = esc(pick(lang, data.terms_zh, data.terms_en))
    title = esc(translate("ServiceFlowPanel", "Acceptance slip — preview"))
    return (f"<h3 style='margin:0'>{title}</h3>"
            f"<p style='color:{muted}'>{esc(data.hall_name)} · {esc(data.staff_no)} {esc(data.staff_name)}</p>"
            f"<table>{body}</table><p><i>{terms}</i></p>")
