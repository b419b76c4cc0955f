<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditTab</name>
    <message>
        <source>action starts with, e.g. setup. or login</source>
        <translation>操作名开头，如 setup. 或 login</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Search (Enter)</source>
        <translation>查询（回车）</translation>
    </message>
    <message>
        <source>Checking the audit chain…</source>
        <translation>正在校验审计链…</translation>
    </message>
    <message>
        <source>Check the chain (F6)</source>
        <translation>校验审计链 (F6)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Audit chain whole: {events} events, each linked to the one before.</source>
        <translation>审计链完整：共 {events} 条记录，每条都与前一条相连。</translation>
    </message>
    <message>
        <source>The hub's copy agrees (up to no. {seq}).</source>
        <translation>与中心库的副本一致（至第 {seq} 条）。</translation>
    </message>
    <message>
        <source>Audit chain BROKEN: {problem}</source>
        <translation>审计链已断开：{problem}</translation>
    </message>
    <message>
        <source>({more} more problems; counter-app audit verify lists them.)</source>
        <translation>（另有 {more} 处问题，可用 counter-app audit verify 列出。）</translation>
    </message>
    <message>
        <source>{count} older events are from before the chain began.</source>
        <translation>另有 {count} 条较早的记录产生于审计链启用之前。</translation>
    </message>
    <message>
        <source>The hub could not be compared: {reason}</source>
        <translation>无法与中心库比对：{reason}</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>The newest {count} events; narrow the filter to see older ones.</source>
        <translation>仅显示最新 {count} 条；缩小筛选范围可查看更早的记录。</translation>
    </message>
    <message>
        <source>{count} events</source>
        <translation>共 {count} 条</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>every {hours} h</source>
        <translation>每 {hours} 小时</translation>
    </message>
    <message>
        <source>day close</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>on demand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已过时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Back up now (Ctrl+B)</source>
        <translation>立即备份 (Ctrl+B)</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>This window works on a PostgreSQL database: back it up with pg_dump.</source>
        <translation>本窗口使用的是 PostgreSQL 数据库：请用 pg_dump 备份。</translation>
    </message>
    <message>
        <source>Backups of {db} in {folder}: at each day close and every {hours} hours, checked when taken; kept: every one of the last day, the newest of each of the last {days} days and of the last {months} months.</source>
        <translation>{db} 的备份保存在 {folder}：每次日结及每 {hours} 小时自动备份，备份时即校验；保留最近一天的全部备份、最近 {days} 天每天最新的一份和最近 {months} 个月每月最新的一份。</translation>
    </message>
    <message>
        <source>There is no backup yet. Back one up now.</source>
        <translation>尚无备份，请立即备份。</translation>
    </message>
    <message>
        <source>The newest backup is {age} old.</source>
        <translation>最新的备份距今 {age}。</translation>
    </message>
    <message>
        <source>To restore one: close every counter_app window on this PC (counters, kiosk, display), then run:
counter-app --db {db} restore {file}
The next sync brings back from the hub what the backup lacks.</source>
        <translation>恢复备份：先关闭本机所有 counter_app 窗口（柜台、自助终端、叫号屏），然后运行：
counter-app --db {db} restore {file}
下次同步时会从中心库取回备份之后的数据。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up to {file}</source>
        <translation>已备份到 {file}</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <source>Waiting now</source>
        <translation>当前等候</translation>
    </message>
    <message>
        <source>Longest wait (min)</source>
        <translation>最长等候（分钟）</translation>
    </message>
    <message>
        <source>Served today</source>
        <translation>今日已服务</translation>
    </message>
    <message>
        <source>Average wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <source>Average service (min)</source>
        <translation>平均办理（分钟）</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>目标内占比</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>最长等候</translation>
    </message>
    <message>
        <source>Target (min)</source>
        <translation>目标（分钟）</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>已服务</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>平均等候</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>服务中</translation>
    </message>
    <message>
        <source>Open, free</source>
        <translation>开放，空闲</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>排队</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Tickets per hour</source>
        <translation>每小时取号</translation>
    </message>
    <message>
        <source>Tickets issued per hour</source>
        <translation>每小时取号人数</translation>
    </message>
    <message>
        <source>The board could not be refreshed: {error}</source>
        <translation>看板刷新失败：{error}</translation>
    </message>
    <message>
        <source>Over the wait target: {categories}</source>
        <translation>超过等候目标：{categories}</translation>
    </message>
    <message>
        <source>Updated {time}; refreshes every {seconds} s (F5: now)</source>
        <translation>更新于 {time}；每 {seconds} 秒自动刷新（F5 立即刷新）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Every level needs a value for “{criterion}”.</source>
        <translation>每个等级都需要填写“{criterion}”。</translation>
    </message>
    <message>
        <source>“{value}” is not a number.</source>
        <translation>“{value}”不是数字。</translation>
    </message>
    <message>
        <source>“{criterion}” must lie between {low} and {high}.</source>
        <translation>“{criterion}”必须在 {low} 到 {high} 之间。</translation>
    </message>
    <message>
        <source>There is no staff member {staff_no} in this hall.</source>
        <translation>本厅没有工号为 {staff_no} 的员工。</translation>
    </message>
    <message>
        <source>Unknown specialty: {names}.</source>
        <translation>未知的专长：{names}。</translation>
    </message>
    <message>
        <source>Unknown queue category: {names}.</source>
        <translation>未知的排队类别：{names}。</translation>
    </message>
    <message>
        <source>A counter must serve at least one queue category.</source>
        <translation>每个窗口至少要服务一个排队类别。</translation>
    </message>
    <message>
        <source>A staff number has 4 to 8 digits.</source>
        <translation>工号为 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>Enter the staff member's name.</source>
        <translation>请填写员工姓名。</translation>
    </message>
    <message>
        <source>Unknown role: {role}.</source>
        <translation>未知的角色：{role}。</translation>
    </message>
    <message>
        <source>A password needs at least 6 characters.</source>
        <translation>密码至少需要 6 个字符。</translation>
    </message>
    <message>
        <source>Staff number {staff_no} is already taken.</source>
        <translation>工号 {staff_no} 已被使用。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>A counter number lies between 1 and 99.</source>
        <translation>窗口号须在 1 到 99 之间。</translation>
    </message>
    <message>
        <source>Counter {number} exists already.</source>
        <translation>{number} 号窗口已存在。</translation>
    </message>
    <message>
        <source>There is no counter {number} in this hall.</source>
        <translation>本厅没有 {number} 号窗口。</translation>
    </message>
    <message>
        <source>A wait target lies between 1 and 240 minutes.</source>
        <translation>等候目标须在 1 到 240 分钟之间。</translation>
    </message>
    <message>
        <source>Write a time as HH:MM, for example 08:30 (not “{text}”).</source>
        <translation>时间请写成 HH:MM，例如 08:30（而不是“{text}”）。</translation>
    </message>
    <message>
        <source>The hall must open before it closes ({opens} – {closes}).</source>
        <translation>开门时间必须早于关门时间（{opens} – {closes}）。</translation>
    </message>
    <message>
        <source>The kiosk PIN has 4 to 8 digits.</source>
        <translation>取号机密码为 4 至 8 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <source>Give the date as YYYY-MM-DD, e.g. 2026-11-25: “{text}”.</source>
        <translation>请按 YYYY-MM-DD 格式填写日期，例如 2026-11-25：“{text}”。</translation>
    </message>
    <message>
        <source>Give the month as YYYY-MM, e.g. 2026-11: “{text}”.</source>
        <translation>请按 YYYY-MM 格式填写月份，例如 2026-11：“{text}”。</translation>
    </message>
    <message>
        <source>{date} is in the future: there is nothing to report for it yet (today is {today}).</source>
        <translation>{date} 是将来的日期，尚无可报告的数据（今天是 {today}）。</translation>
    </message>
    <message>
        <source>The hall's data begins on {first}: there is nothing to report for {date}.</source>
        <translation>本厅的数据从 {first} 开始，{date} 没有可报告的数据。</translation>
    </message>
    <message>
        <source>{month} is in the future: there is nothing to report for it yet (this month is {current}).</source>
        <translation>{month} 是将来的月份，尚无可报告的数据（本月是 {current}）。</translation>
    </message>
    <message>
        <source>The hall's data begins in {first}: there is nothing to report for {month}.</source>
        <translation>本厅的数据从 {first} 开始，{month} 没有可报告的数据。</translation>
    </message>
</context>
<context>
    <name>Grade</name>
    <message>
        <source>Average wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <source>Served within the time</source>
        <translation>限时内服务占比</translation>
    </message>
    <message>
        <source>…within (min)</source>
        <translation>…限时（分钟）</translation>
    </message>
    <message>
        <source>Satisfaction (ratings 4–5)</source>
        <translation>满意率（4–5 分）</translation>
    </message>
    <message>
        <source>Complaints per 1,000 customers</source>
        <translation>千人投诉数</translation>
    </message>
    <message>
        <source>Overdue complaints</source>
        <translation>逾期投诉</translation>
    </message>
    <message>
        <source>not required</source>
        <translation>不要求</translation>
    </message>
    <message>
        <source>{share} within {minutes} min</source>
        <translation>{minutes} 分钟内 {share}</translation>
    </message>
</context>
<context>
    <name>GradeTab</name>
    <message>
        <source>{month} (month to date)</source>
        <translation>{month}（本月至今）</translation>
    </message>
    <message>
        <source>Thresholds…</source>
        <translation>评级标准…</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>no customers served</source>
        <translation>无服务数据</translation>
    </message>
    <message>
        <source>below standard</source>
        <translation>未达标准</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>服务客户</translation>
    </message>
    <message>
        <source>The year's evaluation…</source>
        <translation>年度评定…</translation>
    </message>
    <message>
        <source>Within {minutes} min</source>
        <translation>{minutes} 分钟内</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Month by month (* = to date)</source>
        <translation>逐月（* 表示截至今日）</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>Hall grade: {grade}</source>
        <translation>营业厅等级：{grade}</translation>
    </message>
    <message>
        <source>Hall grade: below {level}</source>
        <translation>营业厅等级：未达{level}</translation>
    </message>
    <message>
        <source>{first} to {last}: {customers} customers served, {ratings} ratings, {complaints} complaints.</source>
        <translation>{first} 至 {last}：服务 {customers} 位客户，评价 {ratings} 条，投诉 {complaints} 件。</translation>
    </message>
    <message>
        <source>Grade thresholds saved.</source>
        <translation>评级标准已保存。</translation>
    </message>
</context>
<context>
    <name>HeldPanel</name>
    <message>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Why it is held</source>
        <translation>暂存原因</translation>
    </message>
    <message>
        <source>Apply to the line</source>
        <translation>入账到号码</translation>
    </message>
    <message>
        <source>Reason for a refund</source>
        <translation>退款原因</translation>
    </message>
    <message>
        <source>Refund to the customer</source>
        <translation>退款给客户</translation>
    </message>
    <message>
        <source>Select a held payment first.</source>
        <translation>请先选择一笔暂存款。</translation>
    </message>
    <message>
        <source>{receipt}: {amount} yuan credited to {line}.</source>
        <translation>{receipt}：{amount} 元已入账到 {line}。</translation>
    </message>
    <message>
        <source>{receipt}: {amount} yuan paid back, receipt {refund}.</source>
        <translation>{receipt}：已退还 {amount} 元，退款收据 {refund}。</translation>
    </message>
</context>
<context>
    <name>ManagerWindow</name>
    <message>
        <source>Hall manager — {hall}</source>
        <translation>值班经理 — {hall}</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>厅堂看板</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日概况</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训考核</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>营业厅评级</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>服务检查</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>&amp;Hall</source>
        <translation>营业厅(&amp;H)</translation>
    </message>
</context>
<context>
    <name>NoticesTab</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>英文标题</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>展示</translation>
    </message>
    <message>
        <source>Take the chosen notice down</source>
        <translation>撤下所选公告</translation>
    </message>
    <message>
        <source>Post the notice</source>
        <translation>发布公告</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>中文标题</translation>
    </message>
    <message>
        <source>Text (Chinese)</source>
        <translation>中文内容</translation>
    </message>
    <message>
        <source>Text (English)</source>
        <translation>英文内容</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>New notice of the hall</source>
        <translation>新增本厅公告</translation>
    </message>
    <message>
        <source>The hall's own notices appear on the calling display, on the kiosk's service guide and on the printed wall sheets from their first day to their last.</source>
        <translation>本厅公告在开始日至结束日期间显示在叫号屏、自助终端的业务指南和打印的公示张贴页上。</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>from {day}</source>
        <translation>{day}起</translation>
    </message>
    <message>
        <source>now</source>
        <translation>展示中</translation>
    </message>
    <message>
        <source>Posted: {title}, {starts} to {ends}.</source>
        <translation>已发布：{title}，{starts} 至 {ends}。</translation>
    </message>
    <message>
        <source>Choose the notice to take down in the list.</source>
        <translation>请先在列表中选择要撤下的公告。</translation>
    </message>
    <message>
        <source>Taken down: {title}.</source>
        <translation>已撤下：{title}。</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Day of the summary</source>
        <translation>日报日期</translation>
    </message>
    <message>
        <source>Show (F5)</source>
        <translation>生成（F5）</translation>
    </message>
    <message>
        <source>Print or save… (Ctrl+P)</source>
        <translation>打印或保存…（Ctrl+P）</translation>
    </message>
    <message>
        <source>Pick a business day and press Show (F5): the summary appears here as it prints.</source>
        <translation>选择营业日后按“生成（F5）”：日报按打印样式显示在这里。</translation>
    </message>
    <message>
        <source>Business day:</source>
        <translation>营业日：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Building the summary of {day}…</source>
        <translation>正在生成 {day} 的日报…</translation>
    </message>
    <message>
        <source>{day}: no activity on this business day.</source>
        <translation>{day}：本营业日没有业务记录。</translation>
    </message>
    <message>
        <source>{day}: {tickets} tickets, {served} served, {pages} pages.</source>
        <translation>{day}：取号 {tickets} 个，服务 {served} 次，共 {pages} 页。</translation>
    </message>
    <message>
        <source>Daily summary {day}</source>
        <translation>营业日报 {day}</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>New business</source>
        <translation>新业务</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Data services</source>
        <translation>数据业务</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>收费能手</translation>
    </message>
    <message>
        <source>Calming upset customers</source>
        <translation>情绪调动</translation>
    </message>
    <message>
        <source>Etiquette</source>
        <translation>礼仪</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>值班经理</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Specialties</source>
        <translation>专长</translation>
    </message>
    <message>
        <source>First password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Add a counter</source>
        <translation>添加窗口</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>窗口号</translation>
    </message>
    <message>
        <source>Queue categories</source>
        <translation>排队类别</translation>
    </message>
</context>
<context>
    <name>SetupTab</name>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Specialties</source>
        <translation>专长</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Queue categories</source>
        <translation>排队类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Ticket prefix</source>
        <translation>号码前缀</translation>
    </message>
    <message>
        <source>Wait target (min)</source>
        <translation>等候目标（分钟）</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Specialties…</source>
        <translation>专长…</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Queue categories…</source>
        <translation>排队类别…</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Wait target…</source>
        <translation>等候目标…</translation>
    </message>
    <message>
        <source>Hours and kiosk</source>
        <translation>营业时间与取号机</translation>
    </message>
    <message>
        <source>Save opening hours</source>
        <translation>保存营业时间</translation>
    </message>
    <message>
        <source>Set kiosk PIN</source>
        <translation>设置取号机密码</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>开门</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>关门</translation>
    </message>
    <message>
        <source>Staff leave the kiosk's full screen with this PIN (4 to 8 digits).</source>
        <translation>工作人员凭此密码退出取号机全屏（4 至 8 位数字）。</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>取号机密码</translation>
    </message>
    <message>
        <source>Repeat PIN</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
    <message>
        <source>locked until {time} (wrong passwords)</source>
        <translation>已锁定至 {time}（密码错误次数过多）</translation>
    </message>
    <message>
        <source>{staff_no} {name} is not locked.</source>
        <translation>{staff_no} {name} 未被锁定。</translation>
    </message>
    <message>
        <source>{staff_no} {name} can sign in again.</source>
        <translation>{staff_no} {name} 已解锁，可以重新登录。</translation>
    </message>
    <message>
        <source>Staff member {staff_no} added.</source>
        <translation>已添加员工 {staff_no}。</translation>
    </message>
    <message>
        <source>Staff member {staff_no} changed.</source>
        <translation>员工 {staff_no} 已修改。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for {staff_no} {name}:</source>
        <translation>{staff_no} {name} 的新密码：</translation>
    </message>
    <message>
        <source>Password of {staff_no} reset.</source>
        <translation>{staff_no} 的密码已重置。</translation>
    </message>
    <message>
        <source>Specialties of {name}</source>
        <translation>{name} 的专长</translation>
    </message>
    <message>
        <source>Counter {number} added.</source>
        <translation>已添加 {number} 号窗口。</translation>
    </message>
    <message>
        <source>Queue categories of counter {number}</source>
        <translation>{number} 号窗口的排队类别</translation>
    </message>
    <message>
        <source>Counter {number} changed.</source>
        <translation>{number} 号窗口已修改。</translation>
    </message>
    <message>
        <source>Wait target</source>
        <translation>等候目标</translation>
    </message>
    <message>
        <source>Target wait for {name} (minutes):</source>
        <translation>{name} 的等候目标（分钟）：</translation>
    </message>
    <message>
        <source>Wait target saved.</source>
        <translation>等候目标已保存。</translation>
    </message>
    <message>
        <source>Kiosk PIN set.</source>
        <translation>取号机密码已设置。</translation>
    </message>
    <message>
        <source>Opening hours saved.</source>
        <translation>营业时间已保存。</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <source>Grade thresholds</source>
        <translation>评级标准</translation>
    </message>
    <message>
        <source>not required</source>
        <translation>不要求</translation>
    </message>
</context>
<context>
    <name>TodayHours</name>
    <message>
        <source>No tickets yet today</source>
        <translation>今日尚无取号</translation>
    </message>
    <message>
        <source>{hour:02d}:00 {count}</source>
        <translation>{hour:02d}:00 {count} 张</translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>号码数</translation>
    </message>
    <message>
        <source>Active staff</source>
        <translation>在岗员工</translation>
    </message>
    <message>
        <source>Longest wait (min)</source>
        <translation>最长等候（分钟）</translation>
    </message>
    <message>
        <source>Takings so far (yuan)</source>
        <translation>今日实收（元）</translation>
    </message>
    <message>
        <source>Complaints due today</source>
        <translation>今日到期投诉</translation>
    </message>
    <message>
        <source>Served today</source>
        <translation>今日已办理</translation>
    </message>
    <message>
        <source>Tickets today</source>
        <translation>今日取号</translation>
    </message>
    <message>
        <source>Waiting by queue</source>
        <translation>各队列等候</translation>
    </message>
    <message>
        <source>Tickets by hour</source>
        <translation>每小时取号</translation>
    </message>
    <message>
        <source>Reading the day…</source>
        <translation>正在读取今日数据…</translation>
    </message>
    <message>
        <source>past a queue's target</source>
        <translation>已超出队列等候目标</translation>
    </message>
    <message>
        <source>{share:.0%} called within target</source>
        <translation>{share:.0%} 在目标时间内叫号</translation>
    </message>
    <message>
        <source>The whole hall (from the hub)</source>
        <translation>全厅合计（来自中心）</translation>
    </message>
    <message>
        <source>This PC only: the hub does not answer</source>
        <translation>仅本机：中心无应答</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>仅本机</translation>
    </message>
    <message>
        <source>{whose}; net of reversals, {count} payments</source>
        <translation>{whose}；已扣除冲正，共 {count} 笔</translation>
    </message>
    <message>
        <source>{count} overdue</source>
        <translation>{count} 件已超期</translation>
    </message>
    <message>
        <source>the day is closed</source>
        <translation>今日已日结</translation>
    </message>
    <message>
        <source>the day is open</source>
        <translation>今日未日结</translation>
    </message>
    <message>
        <source>As of {time}; {state}. F5 reads again.</source>
        <translation>截至 {time}；{state}。按 F5 重新读取。</translation>
    </message>
    <message>
        <source>longest {wait} min, target {target} min</source>
        <translation>最长 {wait} 分钟，目标 {target} 分钟</translation>
    </message>
    <message>
        <source>target {target} min</source>
        <translation>目标 {target} 分钟</translation>
    </message>
    <message>
        <source>Waiting now</source>
        <translation>当前等候</translation>
    </message>
    <message>
        <source>Orders today</source>
        <translation>今日受理</translation>
    </message>
    <message>
        <source>Payments today</source>
        <translation>今日缴费笔数</translation>
    </message>
</context>
</TS>
