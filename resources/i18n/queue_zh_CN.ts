<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DisplayWindow</name>
    <message>
        <source>Calling display — {hall}</source>
        <translation>叫号屏 — {hall}</translation>
    </message>
    <message>
        <source>Please wait for your number</source>
        <translation>请留意叫号</translation>
    </message>
    <message>
        <source>Last calls</source>
        <translation>最近叫号</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>{count} 人等候</translation>
    </message>
    <message>
        <source>{code} → counter {counter}</source>
        <translation>{code} → {counter} 号窗口</translation>
    </message>
    <message>
        <source>Please go to counter {counter}</source>
        <translation>请到 {counter} 号窗口</translation>
    </message>
    <message>
        <source>Counter {number}</source>
        <translation>{number} 号窗口</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>暂停服务</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>There is no queue category “{code}”.</source>
        <translation>没有排队类别“{code}”。</translation>
    </message>
    <message>
        <source>The hall is closed. Opening hours: {opens}–{closes}.</source>
        <translation>营业厅已休息。营业时间：{opens}–{closes}。</translation>
    </message>
    <message>
        <source>No VIP club member has the number {member_no}.</source>
        <translation>没有会员号为 {member_no} 的俱乐部会员。</translation>
    </message>
    <message>
        <source>A VIP club ticket needs the member number.</source>
        <translation>俱乐部会员取号需要输入会员号。</translation>
    </message>
    <message>
        <source>This terminal has no counter number.</source>
        <translation>本终端未设置窗口号。</translation>
    </message>
    <message>
        <source>There is no counter {number} in this hall.</source>
        <translation>本厅没有 {number} 号窗口。</translation>
    </message>
    <message>
        <source>Counter {number} is paused. Resume it to call the next customer.</source>
        <translation>{number} 号窗口已暂停服务，请先恢复再叫号。</translation>
    </message>
    <message>
        <source>Counter {number} serves no queue category that your specialties cover. Ask the manager to set it up.</source>
        <translation>{number} 号窗口没有与您的业务专长相符的排队类别，请值班经理调整设置。</translation>
    </message>
    <message>
        <source>Counter {number} is not serving a ticket now.</source>
        <translation>{number} 号窗口当前没有正在办理的号。</translation>
    </message>
    <message>
        <source>{code} has been recalled {count} times already. Mark it as a no-show.</source>
        <translation>{code} 已重呼 {count} 次，请按过号处理。</translation>
    </message>
    <message>
        <source>Transfer either to a category or to a counter.</source>
        <translation>请选择转到某个排队类别或某个窗口（二选一）。</translation>
    </message>
    <message>
        <source>The customer is already at counter {number}.</source>
        <translation>客户已在 {number} 号窗口。</translation>
    </message>
    <message>
        <source>{code} is already in the queue of {category}. Choose another queue or a counter.</source>
        <translation>{code} 已在{category}队列中，请选择其他队列或窗口。</translation>
    </message>
    <message>
        <source>Finish or transfer the current ticket before pausing.</source>
        <translation>请先办结或转移当前的号，再暂停服务。</translation>
    </message>
    <message>
        <source>This hall has no kiosk PIN yet. A manager sets it under Setup → Hours and kiosk.</source>
        <translation>本厅尚未设置取号机密码，请值班经理在“设置 → 营业时间与取号机”中设置。</translation>
    </message>
    <message>
        <source>Wrong manager PIN.</source>
        <translation>经理密码错误。</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>KioskGuideView</name>
    <message>
        <source>Service guide</source>
        <translation>业务指南</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>The service guide cannot be shown just now. Please ask at a counter.</source>
        <translation>业务指南暂时无法显示，请到柜台咨询。</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Take a number — {hall}</source>
        <translation>自助取号 — {hall}</translation>
    </message>
    <message>
        <source>Welcome to {hall}</source>
        <translation>欢迎光临{hall}</translation>
    </message>
    <message>
        <source>Touch the service you need to take a number</source>
        <translation>请点击您要办理的业务取号</translation>
    </message>
    <message>
        <source>My bill</source>
        <translation>查账单</translation>
    </message>
    <message>
        <source>Service guide</source>
        <translation>业务指南</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Phone or member number</source>
        <translation>手机号码或会员号</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Take number</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的号码</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>The hall is closed</source>
        <translation>本厅已休息</translation>
    </message>
    <message>
        <source>Opening hours: {opens}–{closes}. No numbers are issued now.</source>
        <translation>营业时间：{opens}–{closes}。现在不能取号。</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
    <message>
        <source>Enter the manager PIN</source>
        <translation>请输入经理密码</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Today's business is over</source>
        <translation>今日营业已结束</translation>
    </message>
    <message>
        <source>Numbers are issued again tomorrow from {opens}. Thank you for coming.</source>
        <translation>明天 {opens} 起再取号，感谢您的光临。</translation>
    </message>
    <message>
        <source>The hall opens at {opens}</source>
        <translation>营业厅 {opens} 开门</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>{count} 人等候</translation>
    </message>
    <message>
        <source>{count} waiting · no counter serves this now</source>
        <translation>{count} 人等候 · 暂无窗口办理</translation>
    </message>
    <message>
        <source>{count} waiting · about {minutes} min</source>
        <translation>{count} 人等候 · 约 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Mobile number (optional)</source>
        <translation>手机号（可不填）</translation>
    </message>
    <message>
        <source>Enter your VIP club member number.</source>
        <translation>请输入您的俱乐部会员号。</translation>
    </message>
    <message>
        <source>Enter your mobile number so the counter knows who is coming, or touch Skip.</source>
        <translation>输入手机号，窗口可提前了解您的业务；也可以点“跳过”。</translation>
    </message>
    <message>
        <source>Printing your number…</source>
        <translation>正在打印您的号码…</translation>
    </message>
    <message>
        <source>{ahead} ahead of you · no counter serves this now: you are called as soon as one opens</source>
        <translation>前面 {ahead} 人 · 暂无窗口办理，开窗后按序叫号</translation>
    </message>
    <message>
        <source>{ahead} ahead of you · about {minutes} min</source>
        <translation>您前面还有 {ahead} 人 · 预计等待约 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Please take your ticket below.</source>
        <translation>请取走下方的号票。</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Queue — counter {number}</source>
        <translation>排队叫号 — {number} 号窗口</translation>
    </message>
    <message>
        <source>Call next</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>重呼</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转移</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>You are signed in at counter {other} now; counter {number} is closed. Sign out here.</source>
        <translation>您现已在 {other} 号窗口登录，{number} 号窗口已关闭。请在此退出。</translation>
    </message>
    <message>
        <source>Waiting for this counter: {count}</source>
        <translation>本窗口等候：{count} 人</translation>
    </message>
    <message>
        <source>Nobody is waiting for this counter.</source>
        <translation>本窗口暂无等候的客户。</translation>
    </message>
    <message>
        <source>{code} requeued at the back.</source>
        <translation>{code} 已重新排到队尾。</translation>
    </message>
    <message>
        <source>{code} dropped as a no-show.</source>
        <translation>{code} 过号作废。</translation>
    </message>
    <message>
        <source>{code} transferred.</source>
        <translation>{code} 已转移。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Paused: press F6 to resume.</source>
        <translation>已暂停：按 F6 恢复服务。</translation>
    </message>
    <message>
        <source>Press F1 to call the next customer.</source>
        <translation>按 F1 呼叫下一位客户。</translation>
    </message>
    <message>
        <source>Customer: {name} {phone}</source>
        <translation>客户：{name} {phone}</translation>
    </message>
    <message>
        <source>Customer not known yet</source>
        <translation>客户身份待识别</translation>
    </message>
    <message>
        <source>{category} · waited {minutes} min · recalls {recalls}</source>
        <translation>{category} · 已等 {minutes} 分钟 · 重呼 {recalls} 次</translation>
    </message>
    <message>
        <source>Serving for {time}</source>
        <translation>办理用时 {time}</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer the customer</source>
        <translation>转移客户</translation>
    </message>
    <message>
        <source>To the queue of</source>
        <translation>转到排队类别</translation>
    </message>
    <message>
        <source>To counter</source>
        <translation>转到窗口</translation>
    </message>
    <message>
        <source>Choose a queue</source>
        <translation>请选择队列</translation>
    </message>
    <message>
        <source>{name} (where the customer is now)</source>
        <translation>{name}（客户当前所在）</translation>
    </message>
    <message>
        <source>Choose a counter</source>
        <translation>请选择窗口</translation>
    </message>
    <message>
        <source>Counter {number}</source>
        <translation>{number} 号窗口</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>已等</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先</translation>
    </message>
    <message>
        <source>over target</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>sent to this counter</source>
        <translation>指定本窗口</translation>
    </message>
</context>
</TS>
