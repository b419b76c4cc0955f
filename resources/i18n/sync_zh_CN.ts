<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Errors</name>
    <message>
        <source>No hub is configured for this terminal: give --hub URL (with --save to keep it), set COUNTER_APP_HUB, or set "hub" in the terminal config.</source>
        <translation>本终端未配置中心：请用 --hub URL 指定（加 --save 保存），或设置 COUNTER_APP_HUB，或在终端配置中设置 "hub"。</translation>
    </message>
    <message>
        <source>The hub address must be a postgresql:// URL.</source>
        <translation>中心库地址必须是 postgresql:// 开头的 URL。</translation>
    </message>
    <message>
        <source>The hub {hub} cannot be reached: {reason}</source>
        <translation>无法连接中心库 {hub}：{reason}</translation>
    </message>
    <message>
        <source>The connection to the hub {hub} was lost: {reason}</source>
        <translation>与中心库 {hub} 的连接中断：{reason}</translation>
    </message>
    <message>
        <source>The hub {hub} refused the request: {reason}</source>
        <translation>中心库 {hub} 拒绝了请求：{reason}</translation>
    </message>
    <message>
        <source>Keep tombstones at least {days} day(s).</source>
        <translation>删除记录（墓碑）至少保留 {days} 天。</translation>
    </message>
    <message>
        <source>The hub has no signing key {key} of hall {hall}.</source>
        <translation>中心没有营业厅 {hall} 的签名密钥 {key}。</translation>
    </message>
    <message>
        <source>This database is not set up as a hub yet: run "counter-app hub init" first.</source>
        <translation>该数据库尚未设置为中心库：请先运行“counter-app hub init”。</translation>
    </message>
    <message>
        <source>The hub has no hall {hall}; give its name and city to create it.</source>
        <translation>中心库中没有营业厅 {hall}；请提供厅名和所在城市以创建。</translation>
    </message>
    <message>
        <source>No hub is configured for this terminal.</source>
        <translation>本终端未配置中心库。</translation>
    </message>
    <message>
        <source>Sync runs from a terminal's SQLite database.</source>
        <translation>同步只能在终端的 SQLite 数据库上运行。</translation>
    </message>
    <message>
        <source>This is a training copy: nothing of it ever goes to the hub.</source>
        <translation>这是培训副本：其中的任何内容都不会上传省中心。</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>同步失败：{reason}</translation>
    </message>
    <message>
        <source>This terminal belongs to hall {local}, but its hub login is for hall {hub}.</source>
        <translation>本终端属于营业厅 {local}，但其中心库账号属于营业厅 {hub}。</translation>
    </message>
    <message>
        <source>The hub login belongs to no hall; ask the hub administrator for this hall's login.</source>
        <translation>该中心库账号不属于任何营业厅；请向中心库管理员申请本厅的账号。</translation>
    </message>
    <message>
        <source>These operations are no longer waiting for a decision.</source>
        <translation>这些操作已不再等待处理。</translation>
    </message>
    <message>
        <source>The hub has no passed check of the subscriber from this hall: verify the subscriber again.</source>
        <translation>省中心没有本厅对该机主的核验记录：请重新核验机主身份。</translation>
    </message>
    <message>
        <source>Receipt {receipt} is settled already.</source>
        <translation>收据 {receipt} 已处理完毕。</translation>
    </message>
    <message>
        <source>The hub holds no payment {receipt} of this hall.</source>
        <translation>中心没有暂存本厅的缴费 {receipt}。</translation>
    </message>
    <message>
        <source>Receipt {receipt} stays held: the hub does not know the line yet; it is applied by itself when the line arrives, or refund it.</source>
        <translation>收据 {receipt} 仍由中心暂存：中心尚无该号码；号码到达中心时自动入账，或办理退款。</translation>
    </message>
    <message>
        <source>Receipt {receipt} stays held: the line is neither a customer of this hall nor a walk-in it served lately. Find the customer at the counter first (the walk-in look-up), then apply it again, or refund it.</source>
        <translation>收据 {receipt} 仍由中心暂存：该号码非本厅客户，也不是本厅近期接待过的来访客户。请先在柜台查询该客户（来访客户查询），再次入账，或办理退款。</translation>
    </message>
    <message>
        <source>Receipt {receipt} is not a payment and cannot be refunded.</source>
        <translation>收据 {receipt} 不是缴费，不能退款。</translation>
    </message>
</context>
<context>
    <name>HeldMoney</name>
    <message>
        <source>the line is neither a customer of this hall nor a walk-in it served</source>
        <translation>该号码非本厅客户，也不是本厅接待过的来访客户</translation>
    </message>
    <message>
        <source>the hub does not know the line yet</source>
        <translation>中心尚无该号码</translation>
    </message>
    <message>
        <source>the number is of another city</source>
        <translation>该号码属外地</translation>
    </message>
    <message>
        <source>Money the hub holds, not credited to any line: {count} payments, {amount} yuan (the manager applies or refunds each)</source>
        <translation>中心暂存、未入任何号码账户的款项：{count} 笔，{amount} 元（由值班经理逐笔入账或退款）</translation>
    </message>
</context>
<context>
    <name>LineConflict</name>
    <message>
        <source>Line changes the hub did not make: {count}</source>
        <translation>中心未执行的号码状态变更：{count} 笔</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>SIM cards</source>
        <translation>SIM 卡</translation>
    </message>
    <message>
        <source>line</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>机主</translation>
    </message>
    <message>
        <source>pending plan change</source>
        <translation>待生效的套餐变更</translation>
    </message>
    <message>
        <source>SP subscription</source>
        <translation>SP 业务订购</translation>
    </message>
    <message>
        <source>Order {order} could not be applied on the hub ({found}); the hub's line stands.</source>
        <translation>受理单 {order} 无法在中心执行（{found}）；以中心为准。</translation>
    </message>
    <message>
        <source>Order {order} was not made on the hub: the line is neither a customer of this hall nor a walk-in it served.</source>
        <translation>受理单 {order} 未在中心生效：该号码非本厅客户，也不是本厅接待过的来访客户。</translation>
    </message>
    <message>
        <source>Order {order} was not made on the hub: for a number of another city this business is done in a hall of that city.</source>
        <translation>受理单 {order} 未在中心生效：外地号码办理此业务须到其归属城市的营业厅。</translation>
    </message>
    <message>
        <source>Order {order} was not made on the hub: it holds {expected} under another record already.</source>
        <translation>受理单 {order} 未在中心生效：中心已有 {expected} 的另一条记录。</translation>
    </message>
    <message>
        <source>Order {order} did not transfer the line on the hub: the order found it registered to {expected}, the hub has it registered to {found}; the hub's line stands.</source>
        <translation>受理单 {order} 未在中心办理过户：受理时号码登记在 {expected} 名下，中心登记在 {found} 名下；以中心为准。</translation>
    </message>
    <message>
        <source>Order {order} was voided, but the hub kept the line's {part} as it found it ({found}); nothing was undone there.</source>
        <translation>受理单 {order} 已作废，但中心保留了号码的{part}（{found}），中心未作撤销。</translation>
    </message>
    <message>
        <source>Order {order} did not change the line's {part} on the hub: the order expected {expected}, the hub had {found}; the hub's line stands.</source>
        <translation>受理单 {order} 未在中心变更号码的{part}：受理时为“{expected}”，中心当时为“{found}”；以中心为准。</translation>
    </message>
</context>
<context>
    <name>RefusedOps</name>
    <message>
        <source>Operations the hub refused, waiting for the manager (Sync tab): {count}</source>
        <translation>中心拒收、待值班经理处理的操作（同步页）：{count} 笔</translation>
    </message>
    <message>
        <source>the line is neither a customer of this hall nor a walk-in it served</source>
        <translation>该号码非本厅客户，也不是本厅接待过的来访客户</translation>
    </message>
</context>
<context>
    <name>RejectedOpsModel</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Hall</source>
        <translation>营业厅</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Loading this hall's data from the hub…</source>
        <translation>正在从中心库下载本厅数据…</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>No hub configured for this terminal</source>
        <translation>本终端未配置中心库</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>中心库</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Sync now (F5)</source>
        <translation>立即同步 (F5)</translation>
    </message>
    <message>
        <source>Reload all reference data</source>
        <translation>重新下载全部基础数据</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Queue ticket</source>
        <translation>排队号</translation>
    </message>
    <message>
        <source>Queue event</source>
        <translation>排队事件</translation>
    </message>
    <message>
        <source>Service order</source>
        <translation>业务受理单</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>待办工单</translation>
    </message>
    <message>
        <source>Value card sale</source>
        <translation>有价卡销售</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaint step</source>
        <translation>投诉处理记录</translation>
    </message>
    <message>
        <source>SP claim</source>
        <translation>SP先行赔付索赔</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>满意度评价</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Day close</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Hall setup</source>
        <translation>营业厅设置</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Why the hub refused it</source>
        <translation>中心库拒收原因</translation>
    </message>
    <message>
        <source>Send again (Ctrl+R)</source>
        <translation>重新上传 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Set aside (Ctrl+D)</source>
        <translation>搁置 (Ctrl+D)</translation>
    </message>
    <message>
        <source>The hub already has another record with the same number</source>
        <translation>中心库已有另一条相同编号的记录</translation>
    </message>
    <message>
        <source>The record belongs to another hall</source>
        <translation>该记录属于其他营业厅</translation>
    </message>
    <message>
        <source>The line is neither a customer of the hall nor a walk-in it served</source>
        <translation>该号码非本厅客户，也不是本厅接待过的来访客户</translation>
    </message>
    <message>
        <source>Only the hub may make administrators</source>
        <translation>管理员只能在中心库设立</translation>
    </message>
    <message>
        <source>The hub does not know one of the counter's queue categories</source>
        <translation>中心库没有该窗口所选的某个排队类别</translation>
    </message>
    <message>
        <source>The record is incomplete or malformed</source>
        <translation>该记录不完整或格式有误</translation>
    </message>
    <message>
        <source>Load customers, bills, plans and staff from the hub again? This can take several minutes; the counter keeps working.</source>
        <translation>从中心库重新下载客户、账单、套餐和员工数据？这可能需要几分钟，柜台可照常营业。</translation>
    </message>
    <message>
        <source>Sending %v / %m</source>
        <translation>正在上传 %v / %m</translation>
    </message>
    <message>
        <source>Receiving %v / %m</source>
        <translation>正在下载 %v / %m</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Refused by the hub: {count}</source>
        <translation>被中心库拒收：{count} 条</translation>
    </message>
    <message>
        <source>Select the refused operations first.</source>
        <translation>请先选择被拒收的操作。</translation>
    </message>
    <message>
        <source>{count} operations will be sent again.</source>
        <translation>{count} 条操作将重新上传。</translation>
    </message>
    <message>
        <source>{count} operations set aside.</source>
        <translation>已搁置 {count} 条操作。</translation>
    </message>
</context>
<context>
    <name>WaitingOnHub</name>
    <message>
        <source>Waiting on the hub for a line it does not know, over {days} days: {count}</source>
        <translation>等待中心尚不知道的号码超过 {days} 天：{count} 笔</translation>
    </message>
    <message>
        <source>Order {ref} of {date} is not made yet: the hub does not know the line. If it was opened at this hall, sync the PC that opened it; otherwise ask the centre to load the line. The order is made by itself when the line arrives.</source>
        <translation>{date} 的业务单 {ref} 尚未在中心办理：中心还没有该号码。若号码是本厅开户的，请在开户的电脑上同步一次；否则请联系中心导入该号码。号码一到，业务自动办理。</translation>
    </message>
    <message>
        <source>Receipt {ref} of {date}, {amount} yuan for line {phone}, is credited to no line: the hub does not know the line. Sync the PC that opened it or ask the centre; the money is credited by itself when the line arrives, or refund it to the customer.</source>
        <translation>{date} 的收据 {ref}（号码 {phone}，{amount} 元）尚未入账：中心还没有该号码。请在开户的电脑上同步一次，或联系中心；号码一到，款项自动入账，也可退款给客户。</translation>
    </message>
</context>
</TS>
