<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BusinessForm</name>
    <message>
        <source>Both ID cards checked (real-name rule)</source>
        <translation>已核验双方身份证（实名制）</translation>
    </message>
    <message>
        <source>ID card checked (real-name rule)</source>
        <translation>已核验身份证（实名制）</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card (POS)</source>
        <translation>银行卡（POS）</translation>
    </message>
    <message>
        <source>Payment card</source>
        <translation>缴费卡</translation>
    </message>
    <message>
        <source>Fee paid by</source>
        <translation>费用支付方式</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>POS slip reference</source>
        <translation>POS签购单参考号</translation>
    </message>
    <message>
        <source>Payment card serial</source>
        <translation>缴费卡序列号</translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <source>VIP tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Home city</source>
        <translation>归属地</translation>
    </message>
    <message>
        <source>Amount due (yuan)</source>
        <translation>应缴(元)</translation>
    </message>
    <message>
        <source>SIM serial</source>
        <translation>SIM卡号</translation>
    </message>
    <message>
        <source>Other lines</source>
        <translation>名下其他号码</translation>
    </message>
    <message>
        <source>Another city's number</source>
        <translation>异地号码</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>本期费用</translation>
    </message>
    <message>
        <source>Payments and credits</source>
        <translation>缴费及返还</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>期末余额</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务提供商</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>资费</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>订购日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>受理单号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Complaint no.</source>
        <translation>投诉单号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>答复时限</translation>
    </message>
    <message>
        <source>Ticket or business</source>
        <translation>票号或业务</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Last six bills</source>
        <translation>近六个月账单</translation>
    </message>
    <message>
        <source>Value-added (SP) services</source>
        <translation>已订增值业务（SP）</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>业务受理记录</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>未结投诉</translation>
    </message>
    <message>
        <source>Recent visits</source>
        <translation>最近到厅</translation>
    </message>
    <message>
        <source>Reprint slip (Ctrl+P)</source>
        <translation>补打受理单 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Void order… (manager)</source>
        <translation>作废受理单…（值班经理）</translation>
    </message>
    <message>
        <source>Verify subscriber… (Ctrl+I)</source>
        <translation>核验机主…（Ctrl+I）</translation>
    </message>
    <message>
        <source>Void order</source>
        <translation>作废受理单</translation>
    </message>
    <message>
        <source>Why is order {order} voided? Its effect and its fee are reversed.</source>
        <translation>受理单 {order} 作废原因？作废后业务变更和费用将一并冲回。</translation>
    </message>
    <message>
        <source>Order {order} voided.</source>
        <translation>受理单 {order} 已作废。</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>请先查找客户。</translation>
    </message>
    <message>
        <source>Subscriber not verified (needed for detailed records, SIM, loss report, PUK, SP subscription)</source>
        <translation>机主身份未核验（详单、补换卡、挂失、PUK、增值业务订购须先核验）</translation>
    </message>
    <message>
        <source>ID document</source>
        <translation>本人证件</translation>
    </message>
    <message>
        <source>service password</source>
        <translation>服务密码</translation>
    </message>
    <message>
        <source>agent {name} with authorisation</source>
        <translation>代办人 {name} 凭授权</translation>
    </message>
    <message>
        <source>Subscriber verified: {method}, {time}</source>
        <translation>机主身份已核验：{method}，{time}</translation>
    </message>
    <message>
        <source> → {plan} from {month}</source>
        <translation> → {month}起 {plan}</translation>
    </message>
    <message>
        <source>Owes {due} yuan: past the arrears limit</source>
        <translation>欠费 {due} 元，已超停机限额</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>open</source>
        <translation>办理中</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Enter a phone number, an ID number or a name, or scan the queue ticket.</source>
        <translation>请输入手机号码、身份证号码或姓名，或扫描排队票。</translation>
    </message>
    <message>
        <source>No customer has the number {phone}.</source>
        <translation>没有找到号码为 {phone} 的客户。</translation>
    </message>
    <message>
        <source>No customer has the ID number {masked}.</source>
        <translation>没有身份证号码为 {masked} 的客户。</translation>
    </message>
    <message>
        <source>This code is not one of ours or was not read completely; scan it again.</source>
        <translation>此二维码不是本系统的，或未读取完整，请重新扫描。</translation>
    </message>
    <message>
        <source>This queue ticket is not known at this hall.</source>
        <translation>本营业厅没有这张排队票。</translation>
    </message>
    <message>
        <source>Ticket {code} was taken without a phone number: ask the customer for the number or the ID card.</source>
        <translation>{code} 号票取号时未留手机号码：请向客户询问号码或身份证。</translation>
    </message>
    <message>
        <source>This code is a {kind}, not a queue ticket or a slip.</source>
        <translation>这是一张{kind}的二维码，不是排队票或受理单。</translation>
    </message>
    <message>
        <source>Slip {order} is one of this hall's, for a customer without a line here (a walk-in's business such as a card sale).</source>
        <translation>受理单 {order} 为本厅受理单，所办业务不涉及本厅号码（如有价卡销售等散客业务）。</translation>
    </message>
    <message>
        <source>Slip {order} is one of this hall's; its line is not at this terminal yet (it comes with the next sync) or was voided.</source>
        <translation>受理单 {order} 为本厅受理单；其号码尚未同步到本终端（下次同步后可查）或该单已作废。</translation>
    </message>
    <message>
        <source>Type at least {count} characters of the name, or the phone or ID number.</source>
        <translation>请至少输入姓名的 {count} 个字，或输入手机号码、证件号码。</translation>
    </message>
    <message>
        <source>That is too long for a name.</source>
        <translation>姓名过长。</translation>
    </message>
    <message>
        <source>“{text}” mixes digits and letters: type a phone number, an ID number or a name.</source>
        <translation>“{text}”中既有数字又有文字：请输入手机号码、身份证号码或姓名。</translation>
    </message>
    <message>
        <source>No customer's name contains “{name}”.</source>
        <translation>没有姓名含“{name}”的客户。</translation>
    </message>
    <message>
        <source>There is no business “{code}” in the catalogue.</source>
        <translation>业务目录中没有“{code}”。</translation>
    </message>
    <message>
        <source>Fill in “{label}”.</source>
        <translation>请填写“{label}”。</translation>
    </message>
    <message>
        <source>“{label}” is too long (at most {count} characters).</source>
        <translation>“{label}”过长（最多 {count} 个字）。</translation>
    </message>
    <message>
        <source>“{label}” takes a whole number, e.g. 120.</source>
        <translation>“{label}”请填整数，例如 120。</translation>
    </message>
    <message>
        <source>“{label}” must be exactly 6 digits.</source>
        <translation>“{label}”必须是 6 位数字。</translation>
    </message>
    <message>
        <source>The check digit of the IMEI is wrong (last digit).</source>
        <translation>IMEI 串号的校验位（最后一位）不对。</translation>
    </message>
    <message>
        <source>An IMEI has 15 digits (dial *#06# to see it).</source>
        <translation>IMEI 串号为 15 位数字（拨 *#06# 可查看）。</translation>
    </message>
    <message>
        <source>“{label}” is a date written as YYYY-MM-DD, e.g. 1990-05-17.</source>
        <translation>“{label}”请按 YYYY-MM-DD 填写日期，例如 1990-05-17。</translation>
    </message>
    <message>
        <source>“{label}” cannot be in the future.</source>
        <translation>“{label}”不能晚于今天。</translation>
    </message>
    <message>
        <source>“{label}” is a month written as YYYY-MM, e.g. 2026-10.</source>
        <translation>“{label}”请按 YYYY-MM 填写月份，例如 2026-10。</translation>
    </message>
    <message>
        <source>The month {month} has not come yet.</source>
        <translation>{month} 月还没到。</translation>
    </message>
    <message>
        <source>A SIM serial (ICCID) is 19 or 20 digits starting with 8986.</source>
        <translation>SIM卡号（ICCID）为以 8986 开头的 19 或 20 位数字。</translation>
    </message>
    <message>
        <source>The SIM card {serial} has already been issued.</source>
        <translation>SIM卡 {serial} 已经发出使用。</translation>
    </message>
    <message>
        <source>“{serial}” is not a card serial (6 to 32 letters or digits).</source>
        <translation>“{serial}”不是卡序列号（6 到 32 位字母或数字）。</translation>
    </message>
    <message>
        <source>A card serial is listed twice.</source>
        <translation>有卡序列号重复填写。</translation>
    </message>
    <message>
        <source>The card {serial} has already been sold.</source>
        <translation>卡 {serial} 已售出。</translation>
    </message>
    <message>
        <source>The line is already on this plan; choose another one.</source>
        <translation>该号码已是此套餐，请选择其他套餐。</translation>
    </message>
    <message>
        <source>Choose “{label}” from the list.</source>
        <translation>请从列表中选择“{label}”。</translation>
    </message>
    <message>
        <source>“{text}” is not the claim slip of a repair taken in here.</source>
        <translation>“{text}”不是本厅维修受理单。</translation>
    </message>
    <message>
        <source>Claim slip {order} belongs to another number.</source>
        <translation>取机凭证 {order} 属于其他号码。</translation>
    </message>
    <message>
        <source>The handset of claim slip {order} is still being repaired.</source>
        <translation>取机凭证 {order} 对应的手机尚在维修中。</translation>
    </message>
    <message>
        <source>The handset of claim slip {order} has already been picked up.</source>
        <translation>取机凭证 {order} 对应的手机已取走。</translation>
    </message>
    <message>
        <source>Claim slip {order} was voided.</source>
        <translation>取机凭证 {order} 已作废。</translation>
    </message>
    <message>
        <source>No such customer line.</source>
        <translation>没有这个号码。</translation>
    </message>
    <message>
        <source>The business “{code}” has an effect this terminal does not know ({effect}); update the software.</source>
        <translation>业务“{code}”的处理方式（{effect}）本终端不支持，请升级软件。</translation>
    </message>
    <message>
        <source>A “{business}” order cannot be voided.</source>
        <translation>“{business}”受理单不能作废。</translation>
    </message>
    <message>
        <source>The line {phone} has no active SIM card to unlock.</source>
        <translation>号码 {phone} 没有可解锁的在用 SIM 卡。</translation>
    </message>
    <message>
        <source>The line already changes to this plan from {month}.</source>
        <translation>该号码已办理自 {month} 起变更为此套餐。</translation>
    </message>
    <message>
        <source>The line already has this service.</source>
        <translation>该号码已订购此业务。</translation>
    </message>
    <message>
        <source>This subscription has already ended.</source>
        <translation>此业务已退订。</translation>
    </message>
    <message>
        <source>This repair job has changed meanwhile; open the form again.</source>
        <translation>该维修单已有变化，请重新打开表单。</translation>
    </message>
    <message>
        <source>The ID number is registered to another name; check the name on the ID card.</source>
        <translation>此身份证号码登记的是另一个姓名，请核对身份证上的姓名。</translation>
    </message>
    <message>
        <source>This number is registered with another type of document; check the document type.</source>
        <translation>该号码已按其他证件类型登记，请核对证件类型。</translation>
    </message>
    <message>
        <source>The number {phone} is already in use.</source>
        <translation>号码 {phone} 已被使用。</translation>
    </message>
    <message>
        <source>This ID number is not the one the number {phone} is registered to: the current owner must show their own ID card.</source>
        <translation>此身份证号码与号码 {phone} 的登记机主不符：须由原机主出示本人身份证。</translation>
    </message>
    <message>
        <source>The new owner's ID number is the current owner's.</source>
        <translation>新机主身份证号码与原机主相同。</translation>
    </message>
    <message>
        <source>A rating is 1 to 5 stars.</source>
        <translation>评价为 1 到 5 星。</translation>
    </message>
    <message>
        <source>There is no such order.</source>
        <translation>没有这张受理单。</translation>
    </message>
    <message>
        <source>Only a {roles} may do “{business}”.</source>
        <translation>只有{roles}可以办理“{business}”。</translation>
    </message>
    <message>
        <source>“{business}” is done by staff with the specialty “{specialty}”; please hand the customer over.</source>
        <translation>“{business}”须由“{specialty}”业务专家办理，请引导客户到相应窗口。</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>请先查找客户。</translation>
    </message>
    <message>
        <source>“{business}” cannot be done here for a number of {city} (异地); the customer can do it in a hall of {city}.</source>
        <translation>{city}号码（异地）不能在本厅办理“{business}”，请客户到{city}的营业厅办理。</translation>
    </message>
    <message>
        <source>Bill payments are taken in the Payment panel.</source>
        <translation>缴费请在“缴费”页办理。</translation>
    </message>
    <message>
        <source>“{business}” needs the real-name check: look at the customer's ID card and tick “ID card checked”.</source>
        <translation>“{business}”须实名核验：请查验客户身份证并勾选“已核验身份证”。</translation>
    </message>
    <message>
        <source>The customer has not signed the slip yet.</source>
        <translation>客户尚未在受理单上签名。</translation>
    </message>
    <message>
        <source>Choose how the customer pays the fee.</source>
        <translation>请选择客户的付费方式。</translation>
    </message>
    <message>
        <source>Give the reason for voiding the order.</source>
        <translation>请填写作废原因。</translation>
    </message>
    <message>
        <source>Order {order} has already been voided.</source>
        <translation>受理单 {order} 已作废。</translation>
    </message>
    <message>
        <source>Order {order} is from {date}: an order can only be voided on its own day.</source>
        <translation>受理单 {order} 是 {date} 办理的：受理单只能在当天作废。</translation>
    </message>
    <message>
        <source>Order {order} was made at another terminal of this hall; reprint or void it there.</source>
        <translation>受理单 {order} 由本厅其他终端受理，请在该终端补打或作废。</translation>
    </message>
    <message>
        <source>There is no order “{text}”.</source>
        <translation>没有受理单“{text}”。</translation>
    </message>
</context>
<context>
    <name>IdentifyBar</name>
    <message>
        <source>Phone, ID number or name — or scan the queue ticket</source>
        <translation>手机号码、身份证号码或姓名——或扫描排队票</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>More than {count} match; type more of the name.</source>
        <translation>匹配超过 {count} 位，请输入更完整的姓名。</translation>
    </message>
</context>
<context>
    <name>ServiceFlowPanel</name>
    <message>
        <source>Press the business's key, or choose it and press Enter.</source>
        <translation>按业务前的编号键，或选中后按回车。</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回（Esc）</translation>
    </message>
    <message>
        <source>Slip preview (Enter)</source>
        <translation>受理单预览（回车）</translation>
    </message>
    <message>
        <source>Back to the form (Esc)</source>
        <translation>返回修改（Esc）</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <source>Confirm and print (Ctrl+Enter)</source>
        <translation>确认并打印（Ctrl+回车）</translation>
    </message>
    <message>
        <source>The customer checks the slip and signs below:</source>
        <translation>请客户核对受理单并在下方签名：</translation>
    </message>
    <message>
        <source>Customer's rating: press 1 (very unsatisfied) to 5 (very satisfied)</source>
        <translation>客户评价：按 1（很不满意）到 5（很满意）</translation>
    </message>
    <message>
        <source>Print again (Ctrl+P)</source>
        <translation>再次打印（Ctrl+P）</translation>
    </message>
    <message>
        <source>Another business (Esc)</source>
        <translation>办理其他业务（Esc）</translation>
    </message>
    <message>
        <source>Loading the customer…</source>
        <translation>正在读取客户资料…</translation>
    </message>
    <message>
        <source>Serving {name} · {phone}</source>
        <translation>正在服务：{name} · {phone}</translation>
    </message>
    <message>
        <source>No customer identified: only a new subscription or a card sale.</source>
        <translation>尚未查找客户：只能办理新入网或有价卡销售。</translation>
    </message>
    <message>
        <source>Typical time {minutes} min</source>
        <translation>标准时长 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Fee {fee} yuan</source>
        <translation>收费 {fee} 元</translation>
    </message>
    <message>
        <source>Subscriber verified at {time}</source>
        <translation>机主身份已于 {time} 核验</translation>
    </message>
    <message>
        <source>Real-name: check the ID card</source>
        <translation>实名制：须查验身份证</translation>
    </message>
    <message>
        <source>Check the customer's ID card and tick “ID card checked”.</source>
        <translation>请查验客户身份证并勾选“已核验身份证”。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>办理业务</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>费用（元）</translation>
    </message>
    <message>
        <source>POS or card reference</source>
        <translation>POS参考号/缴费卡号</translation>
    </message>
    <message>
        <source>Acceptance slip — preview</source>
        <translation>业务受理单——预览</translation>
    </message>
    <message>
        <source>The customer has not signed yet.</source>
        <translation>客户尚未签名。</translation>
    </message>
    <message>
        <source>Done: {business}, order {order}. The slip opens in the print preview.</source>
        <translation>已办理：{business}，受理单号 {order}。受理单已在打印预览中打开。</translation>
    </message>
    <message>
        <source>PUK of SIM {serial}: {puk}. Tell it to the subscriber only; it is not printed.</source>
        <translation>SIM 卡 {serial} 的 PUK 码：{puk}。仅告知机主本人，不予打印。</translation>
    </message>
    <message>
        <source>The PUK of SIM {serial} is not on record at this terminal: replace the SIM card (补换卡).</source>
        <translation>本终端没有 SIM 卡 {serial} 的 PUK 码记录：请办理补换卡。</translation>
    </message>
    <message>
        <source>a signed slip ({business}) not yet committed</source>
        <translation>客户已签名的受理单（{business}）尚未提交</translation>
    </message>
    <message>
        <source>a slip ({business}) waiting for the customer's signature</source>
        <translation>受理单（{business}）等待客户签名</translation>
    </message>
    <message>
        <source>Thank you: the customer gave {stars}.</source>
        <translation>谢谢：客户评价 {stars}。</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>The customer signs here with the mouse, a finger or the pen</source>
        <translation>客户可用鼠标、手指或签字笔在此签名</translation>
    </message>
    <message>
        <source>Customer's signature</source>
        <translation>客户签名</translation>
    </message>
</context>
<context>
    <name>SlipPrinting</name>
    <message>
        <source>Slip {order} ready: print it from the preview.</source>
        <translation>受理单 {order} 已生成，请在预览中打印。</translation>
    </message>
</context>
</TS>
