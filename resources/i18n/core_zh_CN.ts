<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CounterWindow</name>
    <message>
        <source>Counter {number} — {hall}</source>
        <translation>{number}号窗口 — {hall}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>业务办理</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Bills and records</source>
        <translation>账单与详单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>&amp;Counter</source>
        <translation>窗口(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing was lost: what was saved stays saved.
Please copy the report below for the support desk.</source>
        <translation>程序出现错误。已保存的数据不会丢失。
请复制下方的错误报告并提交给技术支持。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot open the database: {reason}</source>
        <translation>无法打开数据库：{reason}</translation>
    </message>
    <message>
        <source>The database was made by a newer version (schema {found}); this program knows up to {known}. Please update the program.</source>
        <translation>该数据库由更新版本的程序创建（结构版本 {found}），本程序只支持到 {known}。请升级程序。</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <source>“{text}” is not an amount in yuan, e.g. 50 or 50.00.</source>
        <translation>“{text}”不是有效的金额（元），例如 50 或 50.00。</translation>
    </message>
    <message>
        <source>An amount has at most two decimals (fen): “{text}”.</source>
        <translation>金额最多两位小数（精确到分）：“{text}”。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
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
        <source>Wrong staff number or password.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong passwords. The account is locked for {minutes} more minutes.</source>
        <translation>密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Leaving kiosk mode is locked for {minutes} more minutes.</source>
        <translation>管理密码错误次数过多，退出自助模式已锁定，请 {minutes} 分钟后再试。</translation>
    </message>
    <message>
        <source>Too many wrong passwords for this number. Please try again in {minutes} minutes or ask at a counter.</source>
        <translation>该号码服务密码错误次数过多，请 {minutes} 分钟后再试，或到柜台办理。</translation>
    </message>
    <message>
        <source>Enter your staff number and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <source>A password needs at least 6 characters.</source>
        <translation>密码至少需要 6 位。</translation>
    </message>
    <message>
        <source>Only a {roles} may do this.</source>
        <translation>只有 {roles} 可以执行此操作。</translation>
    </message>
    <message>
        <source>This database has no hall yet. Build the demo hall or sync with the hub.</source>
        <translation>该数据库还没有营业厅数据。请建立演示营业厅，或与省中心同步。</translation>
    </message>
    <message>
        <source>Enter a phone number.</source>
        <translation>请输入手机号码。</translation>
    </message>
    <message>
        <source>A phone number has digits only: “{text}”.</source>
        <translation>手机号码只能包含数字：“{text}”。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits; “{text}” has {count}.</source>
        <translation>手机号码应为 11 位，“{text}”是 {count} 位。</translation>
    </message>
    <message>
        <source>“{text}” is not a mainland mobile number (it must start with 13–19).</source>
        <translation>“{text}”不是有效的大陆手机号码（应以 13–19 开头）。</translation>
    </message>
    <message>
        <source>Enter a resident ID number.</source>
        <translation>请输入身份证号码。</translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters; this one has {count}.</source>
        <translation>身份证号码应为 18 位，当前为 {count} 位。</translation>
    </message>
    <message>
        <source>A resident ID number is 17 digits and a final digit or X.</source>
        <translation>身份证号码由 17 位数字和最后一位数字或 X 组成。</translation>
    </message>
    <message>
        <source>The birth date in the ID number (characters 7–14) is not a real date.</source>
        <translation>身份证号码中的出生日期（第 7–14 位）不是有效日期。</translation>
    </message>
    <message>
        <source>The birth date in the ID number (characters 7–14) would make the holder {age} years old; check the number on the card.</source>
        <translation>身份证号码中的出生日期（第7–14位）表示持证人已 {age} 岁，请核对证件上的号码。</translation>
    </message>
    <message>
        <source>The region code of the ID number (first 6 digits) is unknown.</source>
        <translation>身份证号码的地区码（前 6 位）不存在。</translation>
    </message>
    <message>
        <source>The check digit of the ID number is wrong (last character).</source>
        <translation>身份证号码校验位错误（最后一位）。</translation>
    </message>
    <message>
        <source>The business day {date} is closed (日结). No more business can be taken for it.</source>
        <translation>营业日 {date} 已日结，不能再办理该日业务。</translation>
    </message>
    <message>
        <source>The approval was refused: wrong manager number or password.</source>
        <translation>授权被拒绝：经理工号或密码错误。</translation>
    </message>
    <message>
        <source>Only counter staff may do this.</source>
        <translation>只有柜台工作人员可以办理此项操作。</translation>
    </message>
    <message>
        <source>Only counter staff may open detailed records.</source>
        <translation>只有柜台工作人员可以查看详单。</translation>
    </message>
    <message>
        <source>Only a manager or a clerk allowed to reverse payments may do this.</source>
        <translation>只有值班经理或有冲正权限的营业员可以办理此项操作。</translation>
    </message>
    <message>
        <source>Only a manager may approve this.</source>
        <translation>只有值班经理可以授权此项操作。</translation>
    </message>
    <message>
        <source>Only a manager may void an order.</source>
        <translation>只有值班经理可以作废业务单。</translation>
    </message>
    <message>
        <source>Only a manager may see or close the day's settlement.</source>
        <translation>只有值班经理可以查看或办理日结。</translation>
    </message>
    <message>
        <source>Only a manager may see the hall's reports.</source>
        <translation>只有值班经理可以查看营业厅报表。</translation>
    </message>
    <message>
        <source>Only a manager may read the audit trail.</source>
        <translation>只有值班经理可以查看审计记录。</translation>
    </message>
    <message>
        <source>Only a manager may change the hall's setup.</source>
        <translation>只有值班经理可以修改营业厅设置。</translation>
    </message>
    <message>
        <source>Only a manager may manage staff.</source>
        <translation>只有值班经理可以管理员工。</translation>
    </message>
    <message>
        <source>Only a manager may run or repair the sync.</source>
        <translation>只有值班经理可以执行或处理数据同步。</translation>
    </message>
    <message>
        <source>Only a manager may run the escalation check.</source>
        <translation>只有值班经理可以执行投诉升级检查。</translation>
    </message>
    <message>
        <source>Only an administrator may manage a manager or an administrator.</source>
        <translation>只有系统管理员可以管理值班经理或管理员账号。</translation>
    </message>
    <message>
        <source>The number or the service password is wrong.</source>
        <translation>号码或服务密码错误。</translation>
    </message>
</context>
<context>
    <name>HallStatusBar</name>
    <message>
        <source>Hall: {name}</source>
        <translation>营业厅：{name}</translation>
    </message>
    <message>
        <source>Terminal: {id}</source>
        <translation>终端：{id}</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>数据库：{db}</translation>
    </message>
    <message>
        <source>Sync: not configured</source>
        <translation>同步：未配置</translation>
    </message>
    <message>
        <source>Sync: waiting</source>
        <translation>同步：等待中</translation>
    </message>
    <message>
        <source>User: {no} {name}</source>
        <translation>用户：{no} {name}</translation>
    </message>
    <message>
        <source>User: —</source>
        <translation>用户：—</translation>
    </message>
    <message>
        <source>Sync: failed ({error}), {pending} pending</source>
        <translation>同步：失败（{error}），待同步 {pending} 条</translation>
    </message>
    <message>
        <source>Sync: {last}, {pending} pending</source>
        <translation>同步：{last}，待同步 {pending} 条</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>, {n} refused by the hub (manager: Sync tab)</source>
        <translation>，{n} 条被总部拒收（值班经理：同步页）</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>Sign in — {hall}</source>
        <translation>登录 — {hall}</translation>
    </message>
    <message>
        <source>Front counter · {mode}</source>
        <translation>营业前台 · {mode}</translation>
    </message>
    <message>
        <source>e.g. 1001</source>
        <translation>例如 1001</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>营业窗口</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>值班经理</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>自助终端</translation>
    </message>
    <message>
        <source>Calling display</source>
        <translation>叫号屏</translation>
    </message>
</context>
<context>
    <name>Placeholder</name>
    <message>
        <source>This part is not available yet.</source>
        <translation>此功能暂未开放。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Managers only</source>
        <translation>仅限值班经理</translation>
    </message>
    <message>
        <source>This terminal is set up for hall managers. Please sign in at a counter terminal.</source>
        <translation>本终端为值班经理专用，请在营业窗口终端登录。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Building the demo hall…</source>
        <translation>正在建立演示营业厅…</translation>
    </message>
    <message>
        <source>Empty database</source>
        <translation>空数据库</translation>
    </message>
    <message>
        <source>This database has no hall yet. Build the demo hall now?
(A real terminal gets its hall from the hub on its first sync.)</source>
        <translation>该数据库还没有营业厅数据。现在建立演示营业厅吗？
（正式终端在首次同步时从省中心获取营业厅数据。）</translation>
    </message>
</context>
</TS>
