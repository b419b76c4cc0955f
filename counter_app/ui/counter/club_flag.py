"""The VIP club greeting in the customer view (俱乐部会员接待): a gold band the moment a club
member's line is shown, with their tier, member number, privileges and the 服务同盟 partners'
discounts, so the clerk greets them as a member."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from counter_app.services import club
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op, drop_pending
from counter_app.ui.style import set_badge


class ClubFlag(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tier: club.ClubTier | None = None
        self.setObjectName("customerClub")
        self.setWordWrap(True)
        set_badge(self, "club")
        self.hide()

    def show_for(self, tier_code: str, member_no: str = "") -> None:
        self.tier = None
        self.hide()
        if not tier_code:
            drop_pending(self, "club")
            return
        lang = self.ctx.lang
        Op(self, lambda: club.tier(tier_code, lang)).latest("club") \
            .success(lambda found: self._show(found, member_no)).run()

    def _show(self, found: club.ClubTier | None, member_no: str) -> None:
        self.tier = found
        if found is None:
            return
        text = self.tr("Club member: {tier} {member_no}. Privileges: {privileges}").format(
            tier=found.name, member_no=member_no, privileges="; ".join(found.privileges))
        if found.partner_offers:
            text += "\n" + self.tr("Partner discounts: {offers}").format(offers="; ".join(found.partner_offers))
        self.setText(text)
        self.show()
