<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BillView</name>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Monthly bill {period}</source>
        <translation>月度账单 {period}</translation>
    </message>
    <message>
        <source>Amount due now</source>
        <translation>当前应缴</translation>
    </message>
    <message>
        <source>Balance now</source>
        <translation>当前余额</translation>
    </message>
    <message>
        <source>Payments and credits this month</source>
        <translation>本期缴费及返还明细</translation>
    </message>
    <message>
        <source>A cheaper plan for you: {plan}, about {saving} yuan a month less.</source>
        <translation>为您推荐更省钱的套餐：{plan}，每月约可节省 {saving} 元。</translation>
    </message>
    <message>
        <source>{hall}, not yet on the hub</source>
        <translation>{hall}，尚未上传中心</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>上期结余</translation>
    </message>
    <message>
        <source>Charges of this month</source>
        <translation>本期费用</translation>
    </message>
    <message>
        <source>Payments and credits</source>
        <translation>本期缴费及返还</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>本期结余</translation>
    </message>
    <message>
        <source>Entries since this month</source>
        <translation>此后入账</translation>
    </message>
    <message>
        <source>Club privileges: {tier} {member_no}</source>
        <translation>俱乐部会员权益：{tier} {member_no}</translation>
    </message>
    <message>
        <source>Total of this month</source>
        <translation>本期费用合计</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>No bill shown.</source>
        <translation>尚未显示账单。</translation>
    </message>
</context>
<context>
    <name>ClerkTotalsModel</name>
    <message>
        <source>Clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Takings</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Reversals</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净收款</translation>
    </message>
    <message>
        <source>Cash due</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>not handed over</source>
        <translation>未交班</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>No customer has the number {phone}.</source>
        <translation>没有找到号码为 {phone} 的客户。</translation>
    </message>
    <message>
        <source>Choose how the customer pays.</source>
        <translation>请选择缴费方式。</translation>
    </message>
    <message>
        <source>The amount must be at least {minimum} yuan.</source>
        <translation>金额不能少于 {minimum} 元。</translation>
    </message>
    <message>
        <source>The amount is above the limit of {maximum} yuan.</source>
        <translation>金额超过上限 {maximum} 元。</translation>
    </message>
    <message>
        <source>The customer gave {tendered} yuan, less than the {amount} yuan to pay.</source>
        <translation>客户实付 {tendered} 元，少于应收的 {amount} 元。</translation>
    </message>
    <message>
        <source>Enter the reference number printed on the POS slip (6–20 digits).</source>
        <translation>请输入POS签购单上的参考号（6–20位数字）。</translation>
    </message>
    <message>
        <source>Enter the payment card's serial number (8–24 letters or digits).</source>
        <translation>请输入缴费卡序列号（8–24位字母或数字）。</translation>
    </message>
    <message>
        <source>{phone} is a number of this city: take the payment as cash, bank card or payment card.</source>
        <translation>{phone} 是本地号码：请按现金、银行卡或缴费卡收款。</translation>
    </message>
    <message>
        <source>{phone} belongs to {city}: take it as a cross-city payment (异地缴费).</source>
        <translation>{phone} 归属{city}：请按异地缴费收款。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>Give the reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>Only a manager or a clerk allowed to reverse payments may do this.</source>
        <translation>只有值班经理或有冲正权限的营业员可以办理此项操作。</translation>
    </message>
    <message>
        <source>Give the reason for the reversal.</source>
        <translation>请填写冲正原因。</translation>
    </message>
    <message>
        <source>There is no such payment.</source>
        <translation>没有这笔缴费。</translation>
    </message>
    <message>
        <source>Receipt {receipt} is not a payment and cannot be reversed.</source>
        <translation>收据 {receipt} 不是收款，不能冲正。</translation>
    </message>
    <message>
        <source>Receipt {receipt} is from {date}: a payment can only be reversed on its own day.</source>
        <translation>收据 {receipt} 属于 {date}：缴费只能在当日冲正。</translation>
    </message>
    <message>
        <source>Receipt {receipt} has already been reversed.</source>
        <translation>收据 {receipt} 已经冲正过了。</translation>
    </message>
    <message>
        <source>This payment has already been reversed.</source>
        <translation>这笔缴费已经冲正过了。</translation>
    </message>
    <message>
        <source>There is no such customer.</source>
        <translation>没有这个客户。</translation>
    </message>
    <message>
        <source>There are no payments at this hall on {date}.</source>
        <translation>本营业厅 {date} 没有收款记录。</translation>
    </message>
    <message>
        <source>Give the date as YYYY-MM-DD: “{text}”.</source>
        <translation>日期格式应为 YYYY-MM-DD：“{text}”。</translation>
    </message>
    <message>
        <source>The counted cash differs from the expected {expected} yuan: write a note on the difference.</source>
        <translation>实点现金与应有的 {expected} 元不符：请在备注中说明差额。</translation>
    </message>
    <message>
        <source>Payments or handovers came in after these figures were read (newest payment {newest}). Look at the new figures, then close the day.</source>
        <translation>读取这些数字之后又有新的收款或交班（最新一笔收款 {newest}）。请先查看新的数字，再日结。</translation>
    </message>
    <message>
        <source>Other PCs of the hall may still hold payments of {date} the hub has not seen: {terminals}. Let them sync, or close with them named on the sheet.</source>
        <translation>本厅其他电脑可能仍有 {date} 的缴费未上传中心：{terminals}。请先让它们同步，或在结算单上注明后日结。</translation>
    </message>
    <message>
        <source>The hub does not answer: only this PC's payments of {date} can be counted. Try again, or close with this named on the sheet (the other PCs' payments then go to a later close).</source>
        <translation>中心无应答：只能统计本机 {date} 的缴费。请重试，或在结算单上注明后日结（其他电脑的缴费将计入以后的日结）。</translation>
    </message>
    <message>
        <source>The business day {date} was closed at PC {terminal} by {who} at {at}. This PC takes no more business for it after its next sync.</source>
        <translation>营业日 {date} 已由 {who} 于 {at} 在电脑 {terminal} 上日结。本机下次同步后不再受理该日业务。</translation>
    </message>
    <message>
        <source>A day in the future cannot be closed.</source>
        <translation>不能对未来的日期日结。</translation>
    </message>
    <message>
        <source>The business day {date} is closed (日结). No more business can be taken for it.</source>
        <translation>营业日 {date} 已日结，不能再为该日受理业务。</translation>
    </message>
    <message>
        <source>Give the month as YYYY-MM, e.g. 2026-10: “{text}”.</source>
        <translation>月份格式应为 YYYY-MM，例如 2026-10：“{text}”。</translation>
    </message>
    <message>
        <source>There is no bill for {phone} for {month}.</source>
        <translation>{phone} 没有 {month} 的账单。</translation>
    </message>
    <message>
        <source>Detailed records come from the hub, which cannot be reached now; try again later.</source>
        <translation>详单须从省中心调取，目前无法连接省中心，请稍后再试。</translation>
    </message>
    <message>
        <source>There are no detailed records for {phone} for {month}.</source>
        <translation>{phone} 没有 {month} 的详单记录。</translation>
    </message>
    <message>
        <source>Enter your service password.</source>
        <translation>请输入服务密码。</translation>
    </message>
    <message>
        <source>There is no bill for {phone} yet.</source>
        <translation>{phone} 还没有账单。</translation>
    </message>
    <message>
        <source>The document could not be shown: it is not a readable PDF.</source>
        <translation>无法显示该单据：不是可读的PDF文件。</translation>
    </message>
</context>
<context>
    <name>FeeStandardsView</name>
    <message>
        <source>Fee standards</source>
        <translation>收费项目及标准</translation>
    </message>
    <message>
        <source>Business fees</source>
        <translation>业务收费</translation>
    </message>
    <message>
        <source>Value-added (SP) services</source>
        <translation>增值业务（SP）信息费</translation>
    </message>
    <message>
        <source>Business procedures</source>
        <translation>业务办理流程</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>e.g. 1250.00</source>
        <translation>例如 1250.00</translation>
    </message>
    <message>
        <source>Count the cash in your drawer.</source>
        <translation>请清点钱箱中的现金。</translation>
    </message>
    <message>
        <source>Cash counted (yuan)</source>
        <translation>实点现金（元）</translation>
    </message>
    <message>
        <source>Note on a difference</source>
        <translation>差额说明</translation>
    </message>
</context>
<context>
    <name>KioskBillView</name>
    <message>
        <source>Look up my bill</source>
        <translation>查询我的账单</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Service password</source>
        <translation>服务密码</translation>
    </message>
    <message>
        <source>Show my bill</source>
        <translation>查看账单</translation>
    </message>
    <message>
        <source>Fee standards</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card (POS)</source>
        <translation>银行卡(POS)</translation>
    </message>
    <message>
        <source>Payment card</source>
        <translation>缴费卡</translation>
    </message>
    <message>
        <source>Cross-city</source>
        <translation>异地缴费</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>记入账户</translation>
    </message>
    <message>
        <source>No customer selected. Find the customer first (Ctrl+F).</source>
        <translation>尚未选择客户，请先查找客户（Ctrl+F）。</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>yuan, e.g. 50 or 50.00</source>
        <translation>元，例如 50 或 50.00</translation>
    </message>
    <message>
        <source>Amount due (Ctrl+D)</source>
        <translation>缴清应缴 (Ctrl+D)</translation>
    </message>
    <message>
        <source>what the customer hands over</source>
        <translation>客户实付金额</translation>
    </message>
    <message>
        <source>Take payment (Ctrl+Enter)</source>
        <translation>收款 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>缴费方式</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Tendered (yuan)</source>
        <translation>实收（元）</translation>
    </message>
    <message>
        <source>Change (yuan)</source>
        <translation>找零（元）</translation>
    </message>
    <message>
        <source>POS reference</source>
        <translation>POS参考号</translation>
    </message>
    <message>
        <source>Take a payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Reprint receipt (Ctrl+P)</source>
        <translation>补打收据 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Reverse… (Ctrl+R)</source>
        <translation>冲正… (Ctrl+R)</translation>
    </message>
    <message>
        <source>Shift handover… (Ctrl+H)</source>
        <translation>交接班… (Ctrl+H)</translation>
    </message>
    <message>
        <source>My payments today</source>
        <translation>我今天的收款</translation>
    </message>
    <message>
        <source>Card serial</source>
        <translation>缴费卡序列号</translation>
    </message>
    <message>
        <source>{short} yuan short</source>
        <translation>还差 {short} 元</translation>
    </message>
    <message>
        <source> · number of {city}: cross-city payment</source>
        <translation> · {city}号码：异地缴费</translation>
    </message>
    <message>
        <source>{phone} {name} · balance {balance} yuan · due {due} yuan{city}</source>
        <translation>{phone} {name} · 余额 {balance} 元 · 应缴 {due} 元{city}</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>请先查找客户。</translation>
    </message>
    <message>
        <source>Nothing is owed: the balance is {balance} yuan.</source>
        <translation>无欠费：当前余额为 {balance} 元。</translation>
    </message>
    <message>
        <source>Paid {amount} yuan, receipt {receipt}.</source>
        <translation>已收款 {amount} 元，收据号 {receipt}。</translation>
    </message>
    <message>
        <source>Change: {change} yuan.</source>
        <translation>找零 {change} 元。</translation>
    </message>
    <message>
        <source>More than the amount due</source>
        <translation>超过应缴金额</translation>
    </message>
    <message>
        <source>Take it?</source>
        <translation>是否收取？</translation>
    </message>
    <message>
        <source>Take {amount} yuan</source>
        <translation>收取 {amount} 元</translation>
    </message>
    <message>
        <source>Change the amount</source>
        <translation>修改金额</translation>
    </message>
    <message>
        <source>Select a payment in the list first.</source>
        <translation>请先在列表中选择一笔收款。</translation>
    </message>
    <message>
        <source>Receipt {receipt}</source>
        <translation>收据 {receipt}</translation>
    </message>
    <message>
        <source>Receipt {receipt} reversed by {reversal}.</source>
        <translation>收据 {receipt} 已冲正，冲正单号 {reversal}。</translation>
    </message>
    <message>
        <source>Shift handed over: expected {expected}, counted {counted}, difference {difference} yuan.</source>
        <translation>已交班：应有 {expected}，实点 {counted}，差额 {difference} 元。</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Receipt</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>业务收费</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>先行赔付</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>已冲正</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Preparing the document…</source>
        <translation>正在生成单据…</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview — {title}</source>
        <translation>打印预览 — {title}</translation>
    </message>
    <message>
        <source>{pages} page(s)</source>
        <translation>共 {pages} 页</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print to a printer (Ctrl+P)</source>
        <translation>打印到打印机 (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the document as a PDF file (Ctrl+S)</source>
        <translation>将单据保存为PDF文件 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印 {title}</translation>
    </message>
    <message>
        <source>Printed {pages} page(s).</source>
        <translation>已打印 {pages} 页。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>对方号码</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>通信地点</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Data (KB)</source>
        <translation>流量(KB)</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>费用(元)</translation>
    </message>
    <message>
        <source>out</source>
        <translation>主叫</translation>
    </message>
    <message>
        <source>in</source>
        <translation>被叫</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>Clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Reverse a payment</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Receipt number or the customer's phone number</source>
        <translation>收据号或客户手机号码</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Authorised by (a manager, or a clerk allowed to reverse)</source>
        <translation>授权人（值班经理或有冲正权限的营业员）</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Their password</source>
        <translation>授权人密码</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No payment of today matches “{text}”.</source>
        <translation>今天没有与“{text}”相符的缴费。</translation>
    </message>
    <message>
        <source>Receipt {receipt} has already been reversed.</source>
        <translation>收据 {receipt} 已冲正。</translation>
    </message>
</context>
<context>
    <name>SettlementPcs</name>
    <message>
        <source>this PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>all sent (last sync {time})</source>
        <translation>已全部上传（最后同步 {time}）</translation>
    </message>
    <message>
        <source>{count} entries not sent at {time}</source>
        <translation>{time} 时尚有 {count} 条未上传</translation>
    </message>
    <message>
        <source>last sync {time}, before the hall closed</source>
        <translation>最后同步 {time}，早于营业厅关门</translation>
    </message>
    <message>
        <source>never reported a sync</source>
        <translation>从未报告同步</translation>
    </message>
    <message>
        <source>{pc} (counters {counters})</source>
        <translation>{pc}（窗口 {counters}）</translation>
    </message>
    <message>
        <source>Closed while the hub did not answer: these figures are this PC's payments only. The other PCs' payments of this day go to the hall's next close made with the hub, listed there as carried.</source>
        <translation>日结时中心无应答：以上数字仅为本机的缴费。本厅其他电脑当日的缴费计入中心应答后的下一次日结，在那里列为补计。</translation>
    </message>
    <message>
        <source>The whole hall's figures, from the hub and this PC.</source>
        <translation>全厅数据，来自中心及本机。</translation>
    </message>
    <message>
        <source>The hub does not answer: this PC's payments only.</source>
        <translation>中心无应答：仅含本机缴费。</translation>
    </message>
    <message>
        <source>Includes {count} late payment(s) of closed days ({amount} yuan), listed on the sheet.</source>
        <translation>含已日结营业日迟到的缴费 {count} 笔（{amount} 元），结算单上另列。</translation>
    </message>
    <message>
        <source>Includes {count} late handover(s) of closed days, listed on the sheet.</source>
        <translation>含已日结营业日迟到的交接班 {count} 笔，已列在结算单上。</translation>
    </message>
    <message>
        <source>Closed at PC {pc} by {who} at {at}; this PC hears of it at its next sync.</source>
        <translation>已由 {who} 于 {at} 在电脑 {pc} 上日结；本机下次同步后得知。</translation>
    </message>
    <message>
        <source>This PC's close of this day ({who}, {at}, net {net} yuan) gave way to the close made at PC {pc}, which reached the hub first: that close counts, and the figures and sheet shown are its.</source>
        <translation>本机当日的日结（{who}，{at}，净收款 {net} 元）已让位于电脑 {pc} 先到中心的日结：以该次日结为准，此处显示的数字和结算单即为该次日结。</translation>
    </message>
    <message>
        <source>Closed without waiting for: {pcs}.</source>
        <translation>未等以下电脑同步即日结：{pcs}。</translation>
    </message>
    <message>
        <source>The hub does not answer: only this PC's payments are counted; the other PCs' payments of this day go to a later close.</source>
        <translation>中心无应答：只统计本机缴费；其他电脑当日的缴费将计入以后的日结。</translation>
    </message>
    <message>
        <source>These PCs may still hold payments the hub has not seen: {pcs}. Closing now goes ahead without them and names them on the sheet; their late payments go to the next close.</source>
        <translation>以下电脑可能仍有中心未收到的缴费：{pcs}。现在日结将不等它们，并在结算单上注明；其迟到的缴费计入下一次日结。</translation>
    </message>
</context>
<context>
    <name>SettlementTab</name>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>Print settlement sheet… (Ctrl+P)</source>
        <translation>打印日结单… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Close the day…</source>
        <translation>日结…</translation>
    </message>
    <message>
        <source>Takings (payments and fees)</source>
        <translation>收款（缴费及业务收费）</translation>
    </message>
    <message>
        <source>Reversals</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Net takings</source>
        <translation>净收款</translation>
    </message>
    <message>
        <source>Cash in the drawers</source>
        <translation>钱箱应有现金</translation>
    </message>
    <message>
        <source>Bank card (POS)</source>
        <translation>银行卡(POS)</translation>
    </message>
    <message>
        <source>Payment card</source>
        <translation>缴费卡</translation>
    </message>
    <message>
        <source>Cross-city (cash)</source>
        <translation>异地缴费（现金）</translation>
    </message>
    <message>
        <source>Credits to accounts (not cash)</source>
        <translation>记账退款/先行赔付（非现金）</translation>
    </message>
    <message>
        <source>PCs of the hall</source>
        <translation>本厅电脑</translation>
    </message>
    <message>
        <source>Business day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <source>Closed by {who} at {at}.</source>
        <translation>已由 {who} 于 {at} 日结。</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 笔</translation>
    </message>
    <message>
        <source>Counters still open: {counters}.</source>
        <translation>仍在营业的窗口：{counters}。</translation>
    </message>
    <message>
        <source>{number} ({clerk})</source>
        <translation>{number}号（{clerk}）</translation>
    </message>
    <message>
        <source>{count} customer(s) still waiting in the queue.</source>
        <translation>仍有 {count} 位客户在排队。</translation>
    </message>
    <message>
        <source>{amount} yuan</source>
        <translation>{amount} 元</translation>
    </message>
    <message>
        <source>Settlement day</source>
        <translation>日结日期</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} 笔</translation>
    </message>
    <message>
        <source>Settlement {date}</source>
        <translation>日结单 {date}</translation>
    </message>
    <message>
        <source>The figures are still being read: close the day once they are shown.</source>
        <translation>正在读取数字，显示后再日结。</translation>
    </message>
    <message>
        <source>New payments or handovers came in: the figures have been read again. Look at them, then close the day.</source>
        <translation>有新的收款或交班，数字已重新读取。请查看后再日结。</translation>
    </message>
    <message>
        <source>Close the business day {date}? No more payments or business can be taken for it.</source>
        <translation>确定对营业日 {date} 日结吗？日结后该日不能再收款或受理业务。</translation>
    </message>
    <message>
        <source>Before you close:</source>
        <translation>日结前请注意：</translation>
    </message>
    <message>
        <source>The hall is open until {time}: customers may still come to pay.</source>
        <translation>营业厅营业至 {time}，仍可能有客户来缴费。</translation>
    </message>
    <message>
        <source>Not handed over yet: {clerks}.</source>
        <translation>尚未交班：{clerks}。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Open: payments are still being taken. Figures as of {time}.</source>
        <translation>未日结：仍在收款。数字截至 {time}。</translation>
    </message>
    <message>
        <source>The business day {date} is closed.</source>
        <translation>营业日 {date} 已日结。</translation>
    </message>
</context>
<context>
    <name>StatementPanel</name>
    <message>
        <source>Bill month</source>
        <translation>账单月份</translation>
    </message>
    <message>
        <source>Bill (Ctrl+1)</source>
        <translation>账单 (Ctrl+1)</translation>
    </message>
    <message>
        <source>Detailed records (Ctrl+2)</source>
        <translation>详单 (Ctrl+2)</translation>
    </message>
    <message>
        <source>Fee standards (Ctrl+3)</source>
        <translation>收费标准 (Ctrl+3)</translation>
    </message>
    <message>
        <source>Print… (Ctrl+P)</source>
        <translation>打印… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>{phone} has no bill yet.</source>
        <translation>{phone} 还没有账单。</translation>
    </message>
    <message>
        <source>{count} records · {items} · usage total {total} yuan</source>
        <translation>共 {count} 条 · {items} · 使用费合计 {total} 元</translation>
    </message>
    <message>
        <source>Fee standards</source>
        <translation>收费项目及标准</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>请先查找客户。</translation>
    </message>
    <message>
        <source>Detailed records {phone} {month}</source>
        <translation>详单 {phone} {month}</translation>
    </message>
    <message>
        <source>Bill {phone} {month}</source>
        <translation>账单 {phone} {month}</translation>
    </message>
</context>
<context>
    <name>TerminalsModel</name>
    <message>
        <source>PC</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净收款</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
</TS>
