<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditChain</name>
    <message>
        <source>Event no. {seq} of terminal {terminal} ({action}, {at}) was changed after it was written.</source>
        <translation>终端 {terminal} 的第 {seq} 条审计记录（{action}，{at}）在写入后被改动过。</translation>
    </message>
    <message>
        <source>Events no. {first} to {last} of terminal {terminal} are missing.</source>
        <translation>终端 {terminal} 的第 {first} 至 {last} 条审计记录缺失。</translation>
    </message>
    <message>
        <source>Event no. {first} of terminal {terminal} is missing.</source>
        <translation>终端 {terminal} 的第 {first} 条审计记录缺失。</translation>
    </message>
    <message>
        <source>Event no. {seq} of terminal {terminal} ({action}, {at}) does not follow the event before it: an event was removed, inserted or replaced there.</source>
        <translation>终端 {terminal} 的第 {seq} 条审计记录（{action}，{at}）与前一条接不上：此处有记录被删除、插入或替换。</translation>
    </message>
    <message>
        <source>Event no. {seq} of terminal {terminal} appears twice or out of order.</source>
        <translation>终端 {terminal} 的第 {seq} 条审计记录重复或顺序错乱。</translation>
    </message>
    <message>
        <source>The newest events of terminal {terminal} are missing: the chain ends at no. {last}, its recorded head is no. {head}.</source>
        <translation>终端 {terminal} 最新的审计记录缺失：链止于第 {last} 条，而记载的链头是第 {head} 条。</translation>
    </message>
    <message>
        <source>Events after no. {head} of terminal {terminal} were added outside the application (the chain ends at no. {last}).</source>
        <translation>终端 {terminal} 第 {head} 条之后的审计记录是在本系统之外添加的（链止于第 {last} 条）。</translation>
    </message>
    <message>
        <source>Event no. {seq} of terminal {terminal} is not the event recorded as the chain's head.</source>
        <translation>终端 {terminal} 的第 {seq} 条审计记录不是记载的链头。</translation>
    </message>
    <message>
        <source>The head of the chain of terminal {terminal} is not recorded.</source>
        <translation>终端 {terminal} 的审计链头记录缺失。</translation>
    </message>
    <message>
        <source>{found} events outside the chain, where the upgrade left {expected}: events were added or removed outside it.</source>
        <translation>链外记录有 {found} 条，升级时为 {expected} 条：有记录在链外被添加或删除。</translation>
    </message>
    <message>
        <source>Event no. {seq} of terminal {terminal} differs from the hub's copy.</source>
        <translation>终端 {terminal} 的第 {seq} 条审计记录与中心库的副本不一致。</translation>
    </message>
    <message>
        <source>The hub holds events no. {first} to {last} of terminal {terminal} that this file lacks.</source>
        <translation>中心库保存有终端 {terminal} 的第 {first} 至 {last} 条审计记录，本数据库中没有。</translation>
    </message>
    <message>
        <source>The hub holds event no. {first} of terminal {terminal}, which this file lacks.</source>
        <translation>中心库保存有终端 {terminal} 的第 {first} 条审计记录，本数据库中没有。</translation>
    </message>
    <message>
        <source>On the hub: {problem}</source>
        <translation>中心库上：{problem}</translation>
    </message>
</context>
<context>
    <name>BackupRunner</name>
    <message>
        <source>Backed up to {file}</source>
        <translation>已备份到 {file}</translation>
    </message>
    <message>
        <source>The backup failed: {reason}</source>
        <translation>备份失败：{reason}</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>the terminal config</source>
        <translation>终端配置</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>默认位置</translation>
    </message>
    <message>
        <source>database: {path} (from {source})</source>
        <translation>数据库：{path}（来自 {source}）</translation>
    </message>
</context>
<context>
    <name>ClubFlag</name>
    <message>
        <source>Club member: {tier} {member_no}. Privileges: {privileges}</source>
        <translation>俱乐部会员：{tier} {member_no}。会员权益：{privileges}</translation>
    </message>
    <message>
        <source>Partner discounts: {offers}</source>
        <translation>服务同盟优惠：{offers}</translation>
    </message>
</context>
<context>
    <name>CounterKeys</name>
    <message>
        <source>Call next</source>
        <translation>叫下一位</translation>
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
        <source>Pause / resume</source>
        <translation>暂停 / 恢复</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Start a business</source>
        <translation>办理业务</translation>
    </message>
    <message>
        <source>Change to the recommended plan</source>
        <translation>改用推荐套餐</translation>
    </message>
    <message>
        <source>Verify the subscriber…</source>
        <translation>核验机主身份…</translation>
    </message>
    <message>
        <source>Pay in cash</source>
        <translation>现金缴费</translation>
    </message>
    <message>
        <source>Pay by bank card (POS)</source>
        <translation>银行卡（POS）缴费</translation>
    </message>
    <message>
        <source>Pay by payment card</source>
        <translation>缴费卡缴费</translation>
    </message>
    <message>
        <source>Cross-city payment</source>
        <translation>异地缴费</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应缴金额</translation>
    </message>
    <message>
        <source>Confirm (take the payment, commit the slip)</source>
        <translation>确认（收款、提交受理单）</translation>
    </message>
    <message>
        <source>Reverse a payment…</source>
        <translation>冲正…</translation>
    </message>
    <message>
        <source>Shift handover…</source>
        <translation>交接班…</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Detailed records</source>
        <translation>详单</translation>
    </message>
    <message>
        <source>Fee standards</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Print what the tab shows</source>
        <translation>打印当前页内容</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>Refund SP charge</source>
        <translation>SP先行赔付</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
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
        <source>&amp;Queue</source>
        <translation>排队(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Payment</source>
        <translation>缴费(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Bills</source>
        <translation>账单(&amp;B)</translation>
    </message>
    <message>
        <source>C&amp;omplaints</source>
        <translation>投诉(&amp;O)</translation>
    </message>
    <message>
        <source>No cheaper plan to offer this customer.</source>
        <translation>该客户暂无更省钱的套餐可推荐。</translation>
    </message>
    <message>
        <source>customer {code} is still being served</source>
        <translation>{code} 号客户仍在办理中</translation>
    </message>
    <message>
        <source>an amount is typed on the Payment tab but not taken</source>
        <translation>缴费页已输入金额但尚未收款</translation>
    </message>
    <message>
        <source>Close the counter</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Not finished yet: {work}. Leave anyway?</source>
        <translation>尚未完成：{work}。仍要离开吗？</translation>
    </message>
    <message>
        <source>Leave anyway</source>
        <translation>仍要离开</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>留下</translation>
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
        <source>The database is at schema step {found}, this program reads step {known}; it is only inspected, never changed. Open it once with this version of the program (which upgrades it after a backup), then inspect it again.</source>
        <translation>数据库处于第 {found} 步结构，本程序读取第 {known} 步；检查只读取、从不修改数据库。请先用本版本程序打开一次（程序会先备份再升级），然后再检查。</translation>
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
        <source>This staff member belongs to another hall.</source>
        <translation>该员工属于其他营业厅。</translation>
    </message>
    <message>
        <source>A password needs at least 6 characters.</source>
        <translation>密码至少需要 6 个字符。</translation>
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
        <translation>营业日 {date} 已日结，不能再为该日受理业务。</translation>
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
        <source>Only an inspector may record a spot check.</source>
        <translation>只有检查人员可以录入服务抽查。</translation>
    </message>
    <message>
        <source>Only an administrator may manage a manager or an administrator.</source>
        <translation>只有系统管理员可以管理值班经理或管理员账号。</translation>
    </message>
    <message>
        <source>The number or the service password is wrong.</source>
        <translation>号码或服务密码错误。</translation>
    </message>
    <message>
        <source>{amount} yuan is {extra} yuan more than the {due} yuan due; the rest stays on the account as credit.</source>
        <translation>{amount} 元比应缴的 {due} 元多 {extra} 元；多出部分作为预存款留在账户上。</translation>
    </message>
    <message>
        <source>Enter the cash the customer handed over.</source>
        <translation>请输入客户实付的现金。</translation>
    </message>
    <message>
        <source>Type the receipt number or the customer's phone number.</source>
        <translation>请输入收据号或客户手机号码。</translation>
    </message>
    <message>
        <source>Give the reason for the reversal.</source>
        <translation>请填写冲正原因。</translation>
    </message>
    <message>
        <source>A manager, or a clerk allowed to reverse payments, types their staff number and password to authorise this.</source>
        <translation>需由值班经理或有冲正权限的营业员输入本人工号和密码授权。</translation>
    </message>
    <message>
        <source>The folder of {path} does not exist.</source>
        <translation>{path} 所在的文件夹不存在。</translation>
    </message>
    <message>
        <source>{path} is a folder: give the name of the file to write.</source>
        <translation>{path} 是一个文件夹，请给出要写入的文件名。</translation>
    </message>
    <message>
        <source>{path} is this terminal's database (or a file SQLite keeps beside it): nothing is ever written over it. Choose another name.</source>
        <translation>{path} 是本终端的数据库（或 SQLite 放在它旁边的文件），任何内容都不会写在它上面。请换一个文件名。</translation>
    </message>
    <message>
        <source>{path} is a database file: a document is never written over a database. Choose another name.</source>
        <translation>{path} 是数据库文件，单据绝不会写在数据库上。请换一个文件名。</translation>
    </message>
    <message>
        <source>No hub is configured: give --hub URL or set the hub in the terminal config.</source>
        <translation>未配置中心库：请用 --hub URL 指定，或在终端配置中设置中心库。</translation>
    </message>
    <message>
        <source>Backups are made of a terminal's SQLite file, not of a PostgreSQL database (back that up with pg_dump).</source>
        <translation>备份针对终端的 SQLite 数据库文件，不适用于 PostgreSQL 数据库（请用 pg_dump 备份）。</translation>
    </message>
    <message>
        <source>The backup copy failed its check ({reason}); nothing was kept. The database itself may be damaged: run counter-app audit verify and restore the newest good backup.</source>
        <translation>备份副本未通过校验（{reason}），未保留任何文件。数据库本身可能已损坏：请运行 counter-app audit verify，并恢复最新的完好备份。</translation>
    </message>
    <message>
        <source>{path} is not a usable backup: {reason}</source>
        <translation>{path} 不是可用的备份：{reason}</translation>
    </message>
    <message>
        <source>A backup cannot be written over the database itself.</source>
        <translation>备份不能覆盖数据库文件本身。</translation>
    </message>
    <message>
        <source>{path} is open in another program (a counter, kiosk, display or sync window of this PC). Close every one of them, then restore again.</source>
        <translation>{path} 正被其他程序打开（本机的柜台、自助终端、叫号屏或同步窗口）。请全部关闭后再恢复。</translation>
    </message>
    <message>
        <source>The backup {path} was made by a newer version (schema {found}); this program knows up to {known}.</source>
        <translation>备份 {path} 由更新的版本生成（结构版本 {found}），本程序最高只支持 {known}。</translation>
    </message>
    <message>
        <source>The backup is the database itself.</source>
        <translation>所选备份就是数据库文件本身。</translation>
    </message>
    <message>
        <source>There is no database at {path}. A new terminal is made with: counter-app --db {path} init; a backup is brought back with: counter-app --db {path} restore FILE.</source>
        <translation>{path} 处没有数据库。新建终端请运行：counter-app --db {path} init；恢复备份请运行：counter-app --db {path} restore 文件。</translation>
    </message>
    <message>
        <source>{path} is empty (0 bytes): it is not a database. A new terminal is made with: counter-app --db {path} init; a backup is brought back with: counter-app --db {path} restore FILE.</source>
        <translation>{path} 是空文件（0 字节），不是数据库。新建终端请运行：counter-app --db {path} init；恢复备份请运行：counter-app --db {path} restore 文件。</translation>
    </message>
    <message>
        <source>{path} is not a counter_app database (it has no schema version). Check the --db path or the terminal config.</source>
        <translation>{path} 不是 counter_app 数据库（没有结构版本）。请检查 --db 路径或终端配置。</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({detail}); nothing was changed. The newest good backup is {backup}, taken {taken}. Close every window of this PC and restore it with:
counter-app --db {path} restore {backup}</source>
        <translation>数据库 {path} 已损坏（{detail}），未做任何改动。最新的完好备份是 {backup}，备份于 {taken}。请关闭本机所有窗口，然后用以下命令恢复：
counter-app --db {path} restore {backup}</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({detail}); nothing was changed. No backup of it was found in {folder}. Restore a copy with: counter-app --db {path} restore FILE, or call the support desk.</source>
        <translation>数据库 {path} 已损坏（{detail}），未做任何改动。在 {folder} 中没有找到它的备份。请用 counter-app --db {path} restore 文件 恢复一个副本，或联系技术支持。</translation>
    </message>
    <message>
        <source>The disk is full: nothing was saved. Free some space on the drive of {where} and try again. ({detail})</source>
        <translation>磁盘已满，未保存任何内容。请在 {where} 所在的磁盘上腾出空间后重试。（{detail}）</translation>
    </message>
    <message>
        <source>The database cannot be written (it is read-only): nothing was saved. ({detail})</source>
        <translation>数据库无法写入（只读），未保存任何内容。（{detail}）</translation>
    </message>
    <message>
        <source>The database is busy in another program and did not answer in time: nothing was saved. Try again. ({detail})</source>
        <translation>数据库正被另一个程序占用，未能及时响应，未保存任何内容。请重试。（{detail}）</translation>
    </message>
    <message>
        <source>The database file {where} is damaged: nothing was saved. Restore the newest backup (see counter-app restore). ({detail})</source>
        <translation>数据库文件 {where} 已损坏，未保存任何内容。请恢复最新的备份（见 counter-app restore）。（{detail}）</translation>
    </message>
    <message>
        <source>The disk could not be read or written: nothing was saved. ({detail})</source>
        <translation>磁盘读写出错，未保存任何内容。（{detail}）</translation>
    </message>
    <message>
        <source>The database file {where} cannot be opened: nothing was saved. ({detail})</source>
        <translation>无法打开数据库文件 {where}，未保存任何内容。（{detail}）</translation>
    </message>
    <message>
        <source>The disk is full: {where} was not written. ({detail})</source>
        <translation>磁盘已满，未能写入 {where}。（{detail}）</translation>
    </message>
    <message>
        <source>{where} cannot be written: the disk or folder is read-only. ({detail})</source>
        <translation>无法写入 {where}：磁盘或文件夹为只读。（{detail}）</translation>
    </message>
    <message>
        <source>{where} cannot be written: permission denied. ({detail})</source>
        <translation>无法写入 {where}：没有权限。（{detail}）</translation>
    </message>
    <message>
        <source>{where} cannot be written: its folder does not exist. ({detail})</source>
        <translation>无法写入 {where}：所在文件夹不存在。（{detail}）</translation>
    </message>
    <message>
        <source>{where} could not be written. ({detail})</source>
        <translation>未能写入 {where}。（{detail}）</translation>
    </message>
    <message>
        <source>Cannot read the password file {path}: {reason}</source>
        <translation>无法读取密码文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>Give the password of staff {staff} with --password-file or the COUNTER_APP_PASSWORD environment variable.</source>
        <translation>请用 --password-file 或环境变量 COUNTER_APP_PASSWORD 提供工号 {staff} 的密码。</translation>
    </message>
    <message>
        <source>This request was already used for something else ({ref}). Start again.</source>
        <translation>该请求已用于其他业务（{ref}），请重新办理。</translation>
    </message>
    <message>
        <source>This code's signature does not hold: the document was altered or forged. Do not accept it.</source>
        <translation>此二维码签名无效：单据已被篡改或系伪造，请勿受理。</translation>
    </message>
    <message>
        <source>This code is signed with a key of hall {hall} that this terminal does not know; it comes with the next sync. Type the number instead.</source>
        <translation>此二维码由营业厅 {hall} 的密钥签名，本终端尚未获得该密钥（下次同步后可用）。请改为输入单号。</translation>
    </message>
    <message>
        <source>This code is dated {date}, when the key that signed it was not valid: do not accept the document.</source>
        <translation>此二维码日期为 {date}，签名密钥当时已失效，请勿受理该单据。</translation>
    </message>
    <message>
        <source>This code is of the old kind, without a hall's signature: type the number instead.</source>
        <translation>此二维码为旧格式，没有营业厅签名，请改为输入单号。</translation>
    </message>
    <message>
        <source>This code is not one of ours or was not read completely; scan it again.</source>
        <translation>这不是本系统的二维码，或未完整读取，请重新扫描。</translation>
    </message>
    <message>
        <source>This code is from a training printout (培训): it is not valid at a real counter.</source>
        <translation>此二维码来自培训打印件（培训），在正式柜台无效。</translation>
    </message>
    <message>
        <source>A notice needs a Chinese title and text.</source>
        <translation>公告须有中文标题和正文。</translation>
    </message>
    <message>
        <source>A notice's title has at most {title} characters and its text at most {body}.</source>
        <translation>公告标题最多 {title} 个字，正文最多 {body} 个字。</translation>
    </message>
    <message>
        <source>A notice ends on or after the day it starts.</source>
        <translation>公告的结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>This notice would already have ended.</source>
        <translation>该公告的结束日期已过。</translation>
    </message>
    <message>
        <source>The hall keeps at most {count} notices: remove an old one first.</source>
        <translation>本厅最多保留 {count} 条公告：请先删除旧公告。</translation>
    </message>
    <message>
        <source>No such notice.</source>
        <translation>没有这条公告。</translation>
    </message>
    <message>
        <source>Rotating the signing key is a manager's act: give --staff.</source>
        <translation>更换签名密钥须由值班经理办理：请用 --staff 指定工号。</translation>
    </message>
    <message>
        <source>No customer has the number {phone}.</source>
        <translation>没有找到号码为 {phone} 的客户。</translation>
    </message>
    <message>
        <source>The terminal settings file {path} cannot be read ({detail}); nothing was opened. Correct the file, or move it away to start with the default settings.</source>
        <translation>终端设置文件 {path} 无法读取（{detail}），未打开任何数据库。请修正该文件，或将其移走后以默认设置启动。</translation>
    </message>
    <message>
        <source>You are signed in at counter {counter} and serving {code} there. Finish or transfer {code} at counter {counter}, or move here: counter {counter} closes and {code} is called to counter {number}.</source>
        <translation>您已在 {counter} 号窗口登录，正在办理 {code}。请先在 {counter} 号窗口办结或转移 {code}，或者移到本窗口：{counter} 号窗口将关闭，{code} 将被呼叫到 {number} 号窗口。</translation>
    </message>
    <message>
        <source>Counter {counter} is serving {code} for {name} ({staff_no}). Sign in at your own counter, or take this counter over with its customer.</source>
        <translation>{counter} 号窗口正由{name}（{staff_no}）办理 {code}。请在您自己的窗口登录，或连同该客户接管本窗口。</translation>
    </message>
    <message>
        <source>You are signed in at counter {other} now, and counter {number} is closed. Sign out here and go on at counter {other}.</source>
        <translation>您现已在 {other} 号窗口登录，{number} 号窗口已关闭。请在此退出，到 {other} 号窗口继续办理。</translation>
    </message>
    <message>
        <source>Give the reason for the refund.</source>
        <translation>请填写退款原因。</translation>
    </message>
    <message>
        <source>Receipt {receipt} is not a payment and cannot be refunded.</source>
        <translation>收据 {receipt} 不是缴费，不能退款。</translation>
    </message>
</context>
<context>
    <name>GuidanceFlag</name>
    <message>
        <source>Cheaper plan: {plan}, about {saving} yuan a month less.
Tell the customer: “{reason}”</source>
        <translation>更省钱的套餐：{plan}，每月约省 {saving} 元。
可对客户说：“{reason}”</translation>
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
    <message>
        <source>, {n} payments held by the hub (manager: Sync tab)</source>
        <translation>，{n} 笔缴费由中心暂存（值班经理：同步页）</translation>
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
    <message>
        <source>Signed in at another counter</source>
        <translation>已在其他窗口登录</translation>
    </message>
    <message>
        <source>This counter is in use</source>
        <translation>本窗口有人使用</translation>
    </message>
    <message>
        <source>Move here</source>
        <translation>移到本窗口</translation>
    </message>
    <message>
        <source>Take over this counter</source>
        <translation>接管本窗口</translation>
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
    <name>RestoreOffer</name>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>{db} was restored from {backup}. The damaged file is kept as {replaced}. With a hub, the next sync brings back what the backup lacks.</source>
        <translation>已从 {backup} 恢复 {db}。损坏的文件保留为 {replaced}。如已配置中心库，下次同步时会取回备份之后的数据。</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
</context>
<context>
    <name>Seat</name>
    <message>
        <source>You took over counter {number} from {staff_no}.</source>
        <translation>您已从 {staff_no} 接管 {number} 号窗口。</translation>
    </message>
    <message>
        <source>Counter {old} is closed. {code} was called to counter {number}.</source>
        <translation>{old} 号窗口已关闭，{code} 已呼叫到 {number} 号窗口。</translation>
    </message>
    <message>
        <source>Counter {old}, where you were signed in, is closed now.</source>
        <translation>您原先登录的 {old} 号窗口现已关闭。</translation>
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
    <name>Signing</name>
    <message>
        <source>receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>acceptance slip</source>
        <translation>业务受理单</translation>
    </message>
    <message>
        <source>bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>detailed records</source>
        <translation>详单</translation>
    </message>
    <message>
        <source>settlement sheet</source>
        <translation>日结单</translation>
    </message>
    <message>
        <source>queue ticket</source>
        <translation>排队票</translation>
    </message>
    <message>
        <source>complaint acknowledgment</source>
        <translation>投诉受理回执</translation>
    </message>
    <message>
        <source>service check sheet</source>
        <translation>服务质量检查记录单</translation>
    </message>
    <message>
        <source>Valid: {kind} {ref}, issued by hall {hall} {hall_name} on {date} (key {key}).</source>
        <translation>有效：{kind} {ref}，由营业厅 {hall} {hall_name} 于 {date} 签发（密钥 {key}）。</translation>
    </message>
    <message>
        <source>FORGED: the signature does not hold; the document was altered or was not issued by a hall. Do not accept it.</source>
        <translation>伪造：签名无效，单据已被篡改或并非营业厅签发，请勿受理。</translation>
    </message>
    <message>
        <source>Unknown key: the code names key {key} of hall {hall}, which this terminal does not know; sync with the hub and check again.</source>
        <translation>未知密钥：二维码所示营业厅 {hall} 的密钥 {key} 本终端未知，请与中心同步后再核验。</translation>
    </message>
    <message>
        <source>Expired key: the {kind} {ref} of hall {hall} is dated {date}, when key {key} was not valid. Do not accept it.</source>
        <translation>密钥已失效：营业厅 {hall} 的{kind} {ref} 日期为 {date}，密钥 {key} 当时已失效，请勿受理。</translation>
    </message>
    <message>
        <source>Unsigned: a code of the old kind without a hall's signature; nothing vouches for it.</source>
        <translation>未签名：旧格式二维码，没有营业厅签名，无法证明其真实性。</translation>
    </message>
    <message>
        <source>Not one of our codes.</source>
        <translation>不是本系统的二维码。</translation>
    </message>
    <message>
        <source>Training: the {kind} {ref} was printed in training mode (培训); it is not a valid document.</source>
        <translation>培训：该{kind} {ref} 是在培训模式下打印的，不是有效单据。</translation>
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
<context>
    <name>VipAlert</name>
    <message>
        <source>{code} {tier} {member_no} {name}, waiting {minutes} min</source>
        <translation>{code} {tier} {member_no} {name}，已等 {minutes} 分钟</translation>
    </message>
    <message>
        <source>VIP club members waiting ({count}): {tickets}</source>
        <translation>VIP会员等候（{count}位）：{tickets}</translation>
    </message>
</context>
</TS>
