<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Complaints</name>
    <message>
        <source>Opened</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分派</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Escalated to manager</source>
        <translation>已升级至经理</translation>
    </message>
    <message>
        <source>Advance compensation</source>
        <translation>先行赔付</translation>
    </message>
    <message>
        <source>{n} overdue</source>
        <translation>{n} 件已超时</translation>
    </message>
    <message>
        <source>{n} near the deadline</source>
        <translation>{n} 件即将到期</translation>
    </message>
    <message>
        <source>{n} escalated to the manager</source>
        <translation>{n} 件已升级至经理</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>SP charges</source>
        <translation>SP收费</translation>
    </message>
    <message>
        <source>Network quality</source>
        <translation>网络质量</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Handset repair</source>
        <translation>手机维修</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Near deadline</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>{time} late</source>
        <translation>超时 {time}</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>答复时限</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退费</translation>
    </message>
    <message>
        <source>Bill month</source>
        <translation>计费月份</translation>
    </message>
    <message>
        <source>SP</source>
        <translation>SP</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退费</translation>
    </message>
</context>
<context>
    <name>ComplaintsPanel</name>
    <message>
        <source>This customer's complaints</source>
        <translation>本客户的投诉</translation>
    </message>
    <message>
        <source>Unanswered complaints of the hall</source>
        <translation>本厅未答复的投诉</translation>
    </message>
    <message>
        <source>Complaint no. or scan the acknowledgment</source>
        <translation>投诉编号或扫描受理回执</translation>
    </message>
    <message>
        <source>New complaint (Ctrl+N)</source>
        <translation>受理投诉 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Refund SP charge (Ctrl+Shift+R)</source>
        <translation>SP先行赔付 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Print acknowledgment (Ctrl+P)</source>
        <translation>打印受理回执 (Ctrl+P)</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <source>Refund SP charge</source>
        <translation>SP先行赔付</translation>
    </message>
    <message>
        <source>Print acknowledgment</source>
        <translation>打印受理回执</translation>
    </message>
    <message>
        <source>Find the customer first (Ctrl+F).</source>
        <translation>请先查找客户 (Ctrl+F)。</translation>
    </message>
    <message>
        <source>Complaint {number} recorded; reply by {deadline}. Ctrl+P prints the acknowledgment.</source>
        <translation>投诉 {number} 已受理，答复时限 {deadline}。按 Ctrl+P 打印受理回执。</translation>
    </message>
    <message>
        <source>{amount} yuan credited to the account (receipt {receipt}).</source>
        <translation>已退 {amount} 元至客户账户（单号 {receipt}）。</translation>
    </message>
    <message>
        <source>Complaint acknowledgment {number}</source>
        <translation>投诉受理回执 {number}</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>Escalated to me</source>
        <translation>升级给我的</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>未答复</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Monthly complaint analysis</source>
        <translation>月度投诉分析</translation>
    </message>
    <message>
        <source>Print analysis</source>
        <translation>打印分析</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>{total} complaints · replied on time {rate} · {overdue} overdue · {refunds} refunds, {amount} yuan</source>
        <translation>投诉 {total} 件 · 按时答复率 {rate} · 超时 {overdue} 件 · 先行赔付 {refunds} 笔 {amount} 元</translation>
    </message>
    <message>
        <source>SP claims list</source>
        <translation>SP索赔清单</translation>
    </message>
    <message>
        <source>All SPs</source>
        <translation>全部SP</translation>
    </message>
    <message>
        <source>Print claims</source>
        <translation>打印索赔清单</translation>
    </message>
    <message>
        <source>SP</source>
        <translation>SP</translation>
    </message>
    <message>
        <source>Monthly complaint analysis {month}</source>
        <translation>月度投诉分析 {month}</translation>
    </message>
    <message>
        <source>SP claims {month}</source>
        <translation>SP索赔清单 {month}</translation>
    </message>
    <message>
        <source>Reply deadlines and refund limits</source>
        <translation>答复时限与赔付限额</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Refund limit (yuan)</source>
        <translation>赔付限额(元)</translation>
    </message>
    <message>
        <source>Bill months back</source>
        <translation>可追溯账期(月)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Months back is between 1 and 24.</source>
        <translation>可追溯账期为 1 至 24 个月。</translation>
    </message>
    <message>
        <source>The refund limit is between 0.01 and 1000 yuan.</source>
        <translation>赔付限额为 0.01 至 1000 元。</translation>
    </message>
    <message>
        <source>{amount} yuan is above the refund limit of {limit} yuan: a manager must approve.</source>
        <translation>{amount} 元超过赔付限额 {limit} 元，须经理审批。</translation>
    </message>
    <message>
        <source>The charge is more than {months} bill months old: a manager must approve.</source>
        <translation>该费用已超过 {months} 个账期，须经理审批。</translation>
    </message>
    <message>
        <source>Advance compensation is only for SP charge complaints about one of our lines.</source>
        <translation>先行赔付仅适用于本网号码的SP收费投诉。</translation>
    </message>
    <message>
        <source>Pick the SP charges to refund.</source>
        <translation>请选择要退还的SP费用。</translation>
    </message>
    <message>
        <source>Only SP charges on this line's bills can be refunded.</source>
        <translation>只能退还本号码账单上的SP费用。</translation>
    </message>
    <message>
        <source>The {period} charge of {service} was already refunded.</source>
        <translation>{service} {period} 的费用已经退过。</translation>
    </message>
    <message>
        <source>These charges were refunded meanwhile.</source>
        <translation>这些费用刚刚已被退还。</translation>
    </message>
    <message>
        <source>The hub cannot be reached to confirm that the charge was not refunded at another counter or hall: refund it when the hub is back.</source>
        <translation>无法连接中心，不能确认该费用未在其他窗口或营业厅退还：请待中心恢复后再退还。</translation>
    </message>
    <message>
        <source>The {period} charge of {service} was already refunded at another counter or hall.</source>
        <translation>{service} {period} 的费用已在其他窗口或营业厅退还。</translation>
    </message>
    <message>
        <source>A month is written YYYY-MM, e.g. 2026-11: “{text}”.</source>
        <translation>月份格式为 YYYY-MM，例如 2026-11：“{text}”。</translation>
    </message>
    <message>
        <source>A reply target is between 1 hour and {days} days ({maximum} hours): below the legal 15 days.</source>
        <translation>答复时限须在 1 小时至 {days} 天（{maximum} 小时）之间：低于法定的 15 日。</translation>
    </message>
    <message>
        <source>No such complaint.</source>
        <translation>没有这件投诉。</translation>
    </message>
    <message>
        <source>This code is not one of our complaint acknowledgments.</source>
        <translation>这不是本营业厅的投诉受理回执二维码。</translation>
    </message>
    <message>
        <source>No complaint has the number {number}.</source>
        <translation>没有编号为 {number} 的投诉。</translation>
    </message>
    <message>
        <source>Pick the kind of complaint.</source>
        <translation>请选择投诉类别。</translation>
    </message>
    <message>
        <source>Describe what the customer complains about.</source>
        <translation>请填写投诉内容。</translation>
    </message>
    <message>
        <source>No such customer line.</source>
        <translation>没有这个号码。</translation>
    </message>
    <message>
        <source>Enter a phone number.</source>
        <translation>请输入手机号码。</translation>
    </message>
    <message>
        <source>This complaint belongs to another hall.</source>
        <translation>这件投诉属于其他营业厅。</translation>
    </message>
    <message>
        <source>Complaint {number} is already closed.</source>
        <translation>投诉 {number} 已办结。</translation>
    </message>
    <message>
        <source>No active staff member has the number {number}.</source>
        <translation>没有在岗员工的工号是 {number}。</translation>
    </message>
    <message>
        <source>Write the text first.</source>
        <translation>请先填写内容。</translation>
    </message>
    <message>
        <source>Ask the customer whether they are satisfied.</source>
        <translation>请询问客户是否满意。</translation>
    </message>
    <message>
        <source>Reply to the customer before closing the complaint.</source>
        <translation>请先答复客户再办结投诉。</translation>
    </message>
</context>
<context>
    <name>HandlingBox</name>
    <message>
        <source>Complaint history</source>
        <translation>投诉处理记录</translation>
    </message>
    <message>
        <source>Note or reply to the customer</source>
        <translation>备注或给客户的答复</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复客户</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Assign to staff no.</source>
        <translation>指派给工号</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分派</translation>
    </message>
    <message>
        <source>Close: satisfied</source>
        <translation>办结：满意</translation>
    </message>
    <message>
        <source>Close: not satisfied</source>
        <translation>办结：不满意</translation>
    </message>
    <message>
        <source>Select a complaint to see and handle it.</source>
        <translation>选择一件投诉以查看和处理。</translation>
    </message>
    <message>
        <source>Customer wants: {wish}</source>
        <translation>客户诉求：{wish}</translation>
    </message>
    <message>
        <source>Handled by {no} {name}</source>
        <translation>处理人 {no} {name}</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>尚未分派</translation>
    </message>
    <message>
        <source>{number} · {category} · {status} · reply by {deadline}</source>
        <translation>{number} · {category} · {status} · 答复时限 {deadline}</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Not satisfied: tell the customer they may appeal to {body} (phone {phone}); the acknowledgment printed now says so.</source>
        <translation>客户不满意：请告知客户可向{body}申诉（电话 {phone}）；此时打印的回执上已写明。</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>New complaint — {phone}</source>
        <translation>受理投诉 — {phone}</translation>
    </message>
    <message>
        <source>{name} (reply within {hours} h)</source>
        <translation>{name}（{hours} 小时内答复）</translation>
    </message>
    <message>
        <source>Record complaint</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Customer wants</source>
        <translation>客户诉求</translation>
    </message>
    <message>
        <source>SP services concerned</source>
        <translation>涉及的SP业务</translation>
    </message>
    <message>
        <source>Bill items concerned</source>
        <translation>涉及的账单项目</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Advance compensation — {number}</source>
        <translation>先行赔付 — {number}</translation>
    </message>
    <message>
        <source>Limit without approval: {amount} yuan, charges of the last {months} bill months</source>
        <translation>无需审批的限额：{amount} 元，最近 {months} 个账期的费用</translation>
    </message>
    <message>
        <source>Also cancel the SP subscription from today</source>
        <translation>同时自今日起退订该SP业务</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>经理审批</translation>
    </message>
    <message>
        <source>Manager's staff no.</source>
        <translation>经理工号</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Refund to the account</source>
        <translation>退至客户账户</translation>
    </message>
    <message>
        <source>Tick the wrong SP charges (Space). The refund is credited to the customer's account and claimed from the SP.</source>
        <translation>勾选误收的SP费用（空格键）。退款记入客户话费账户，并向SP索赔。</translation>
    </message>
    <message>
        <source>Refund: {amount} yuan ({count} charges)</source>
        <translation>退费：{amount} 元（{count} 笔）</translation>
    </message>
    <message>
        <source>above the limit: a manager approves</source>
        <translation>超过限额，须经理审批</translation>
    </message>
</context>
</TS>
