<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChecksTab</name>
    <message>
        <source>Spot check</source>
        <translation>服务质量抽查</translation>
    </message>
    <message>
        <source>Mystery-shopper visit</source>
        <translation>社会监督员暗访</translation>
    </message>
    <message>
        <source>Standard-hall checklist</source>
        <translation>标准营业厅检查</translation>
    </message>
    <message>
        <source>Month (YYYY-MM)</source>
        <translation>月份（年-月）</translation>
    </message>
    <message>
        <source>Record a check…</source>
        <translation>录入检查…</translation>
    </message>
    <message>
        <source>Print the check sheet</source>
        <translation>打印检查记录单</translation>
    </message>
    <message>
        <source>Print the month's bulletin</source>
        <translation>打印本月通报</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>被检查</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查人</translation>
    </message>
    <message>
        <source>To put right by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>To put right</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>No spot check or mystery-shopper visit in {month}.</source>
        <translation>{month} 没有抽查或暗访记录。</translation>
    </message>
    <message>
        <source>{count} checks in {month}, average {average}; weakest item: {weakest}; {repeated} repeated failures; {due} follow-ups.</source>
        <translation>{month} 共检查 {count} 次，平均得分率 {average}；失分最多：{weakest}；重复失分 {repeated} 项；整改事项 {due} 项。</translation>
    </message>
    <message>
        <source>The check is recorded.</source>
        <translation>检查已录入。</translation>
    </message>
    <message>
        <source>Choose a check in the list first.</source>
        <translation>请先在列表中选择一条检查记录。</translation>
    </message>
    <message>
        <source>Check sheet</source>
        <translation>检查记录单</translation>
    </message>
    <message>
        <source>Service-quality bulletin {month}</source>
        <translation>服务质量抽查通报 {month}</translation>
    </message>
</context>
<context>
    <name>DrillPanel</name>
    <message>
        <source>Start the drill</source>
        <translation>开始练习</translation>
    </message>
    <message>
        <source>Finish now</source>
        <translation>现在结束</translation>
    </message>
    <message>
        <source>Score the drill as it stands: what is not done counts as not done.</source>
        <translation>按目前情况评分：没有办理的按未办理计。</translation>
    </message>
    <message>
        <source>Leave the drill</source>
        <translation>放弃练习</translation>
    </message>
    <message>
        <source>Print the result</source>
        <translation>打印成绩</translation>
    </message>
    <message>
        <source>Drill: a scripted customer comes to your counter</source>
        <translation>练习：模拟客户来到您的窗口</translation>
    </message>
    <message>
        <source>What the customer says:</source>
        <translation>客户说：</translation>
    </message>
    <message>
        <source>Choose a drill and start it. The customer takes a ticket for your counter; call it with F1 and serve them as you would at the counter.</source>
        <translation>选择一项练习并开始。模拟客户会取一张本窗口的号；按 F1 叫号，像平时一样为客户办理。</translation>
    </message>
    <message>
        <source>Ticket {code} is waiting: call it with F1. The clock starts at the call.</source>
        <translation>{code} 号在等候：按 F1 叫号。从叫号开始计时。</translation>
    </message>
    <message>
        <source>Ticket {code} called at {time}. Time {elapsed} of the standard {standard}; keys {keys}.</source>
        <translation>{code} 号于 {time} 叫号。已用 {elapsed}，标准时间 {standard}；按键 {keys} 次。</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Score {score}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;得分 {score}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Time {elapsed} (standard {standard}), {keys} keys.</source>
        <translation>用时 {elapsed}（标准 {standard}），按键 {keys} 次。</translation>
    </message>
    <message>
        <source>over the standard time −{points}</source>
        <translation>超出标准时间 −{points}</translation>
    </message>
    <message>
        <source>No mistake, within the standard time.</source>
        <translation>没有差错，在标准时间内完成。</translation>
    </message>
    <message>
        <source>Drill scored: {score}</source>
        <translation>练习得分：{score}</translation>
    </message>
    <message>
        <source>Leave this drill without a score? The customer leaves the queue.</source>
        <translation>放弃本次练习、不计成绩？模拟客户将离开队列。</translation>
    </message>
    <message>
        <source>Drill result</source>
        <translation>练习成绩单</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Only an inspector or a manager may read the service checks.</source>
        <translation>只有检查人员或值班经理可以查看服务检查记录。</translation>
    </message>
    <message>
        <source>Give the date as YYYY-MM-DD, e.g. 2026-11-25: “{text}”.</source>
        <translation>请按 YYYY-MM-DD 格式填写日期，例如 2026-11-25：“{text}”。</translation>
    </message>
    <message>
        <source>Give the assessment a name (at most 60 characters).</source>
        <translation>请填写考核名称（最多 60 个字）。</translation>
    </message>
    <message>
        <source>Choose at least one drill.</source>
        <translation>请至少选择一项练习。</translation>
    </message>
    <message>
        <source>The pass mark is a whole number from 1 to 100.</source>
        <translation>合格分是 1 到 100 之间的整数。</translation>
    </message>
    <message>
        <source>The period ends before it begins.</source>
        <translation>考核期的结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>An assessment lasts at most a year.</source>
        <translation>一次考核最长一年。</translation>
    </message>
    <message>
        <source>“{code}” cannot name an assessment.</source>
        <translation>“{code}”不能作为考核编号。</translation>
    </message>
    <message>
        <source>There is no assessment “{code}”.</source>
        <translation>没有考核“{code}”。</translation>
    </message>
    <message>
        <source>Unknown kind of check: {kind}.</source>
        <translation>未知的检查类型：{kind}。</translation>
    </message>
    <message>
        <source>Give the time of the visit.</source>
        <translation>请填写检查时间。</translation>
    </message>
    <message>
        <source>A check cannot be dated in the future.</source>
        <translation>检查时间不能晚于现在。</translation>
    </message>
    <message>
        <source>A check is recorded within {days} days of the visit.</source>
        <translation>检查须在检查后 {days} 天内录入。</translation>
    </message>
    <message>
        <source>Staff number {staff_no} is not counter staff of this hall.</source>
        <translation>工号 {staff_no} 不是本厅的窗口人员。</translation>
    </message>
    <message>
        <source>The hall has no counter {number}.</source>
        <translation>本厅没有 {number} 号窗口。</translation>
    </message>
    <message>
        <source>A note is at most {count} characters.</source>
        <translation>说明最多 {count} 个字。</translation>
    </message>
    <message>
        <source>Say what is to be put right by {date}.</source>
        <translation>请写明须在 {date} 前整改的内容。</translation>
    </message>
    <message>
        <source>A follow-up cannot be due before the visit.</source>
        <translation>整改期限不能早于检查日期。</translation>
    </message>
    <message>
        <source>“{code}” is not an item of this scorecard.</source>
        <translation>“{code}”不是本评分表的项目。</translation>
    </message>
    <message>
        <source>Score every item: “{item}” has no score.</source>
        <translation>每一项都要评分：“{item}”尚未评分。</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number of points.</source>
        <translation>“{value}”不是整数分值。</translation>
    </message>
    <message>
        <source>“{item}” takes 0 to {points} points.</source>
        <translation>“{item}”的得分应在 0 到 {points} 分之间。</translation>
    </message>
    <message>
        <source>A checklist item is either passed or failed: “{item}”.</source>
        <translation>检查表项目只能判定通过或未通过：“{item}”。</translation>
    </message>
    <message>
        <source>There is no such check.</source>
        <translation>没有这条检查记录。</translation>
    </message>
    <message>
        <source>Drills run in training mode only.</source>
        <translation>练习只能在培训模式下进行。</translation>
    </message>
    <message>
        <source>The training copy has no line that fits drill “{drill}”; reset the copy.</source>
        <translation>培训副本中没有适合练习“{drill}”的号码；请重置培训副本。</translation>
    </message>
    <message>
        <source>Drill “{drill}” is still running: finish it first.</source>
        <translation>练习“{drill}”还在进行：请先结束它。</translation>
    </message>
    <message>
        <source>No drill is running.</source>
        <translation>当前没有进行中的练习。</translation>
    </message>
    <message>
        <source>There is no drill “{code}”.</source>
        <translation>没有练习“{code}”。</translation>
    </message>
    <message>
        <source>Training mode works on a terminal's own database file, not on a server.</source>
        <translation>培训模式只能使用终端自己的数据库文件，不能使用服务器。</translation>
    </message>
    <message>
        <source>There is no hall database at {path} to make a training copy of.</source>
        <translation>{path} 没有营业厅数据库，无法制作培训副本。</translation>
    </message>
    <message>
        <source>{path} is not a training copy; it is left as it is.</source>
        <translation>{path} 不是培训副本，保持原样不动。</translation>
    </message>
    <message>
        <source>Only a training copy can be reset, and only in training mode.</source>
        <translation>只有培训副本可以重置，而且只能在培训模式下重置。</translation>
    </message>
    <message>
        <source>Only a manager or an inspector may see the hall's evaluation.</source>
        <translation>只有值班经理或检查人员可以查看营业厅评定。</translation>
    </message>
    <message>
        <source>Give the year as four digits, e.g. 2026.</source>
        <translation>请用四位数字填写年份，例如 2026。</translation>
    </message>
    <message>
        <source>The year {year} has not begun or lies before the hall's data.</source>
        <translation>{year} 年尚未开始，或早于营业厅的数据。</translation>
    </message>
    <message>
        <source>Every step needs its phrase in both languages: “{step}” has none.</source>
        <translation>每个环节都要有中英文用语：“{step}”还没有。</translation>
    </message>
    <message>
        <source>A phrase is at most {count} characters: “{step}”.</source>
        <translation>服务用语最多 {count} 个字：“{step}”。</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>The year's evaluation</source>
        <translation>年度等级评定</translation>
    </message>
    <message>
        <source>{year} (to date)</source>
        <translation>{year}（截至目前）</translation>
    </message>
    <message>
        <source>Measured service</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <source>Standard-hall checklist</source>
        <translation>标准营业厅检查</translation>
    </message>
    <message>
        <source>Spot checks</source>
        <translation>服务质量抽查</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>评定内容</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>示范</translation>
    </message>
    <message>
        <source>Print the evaluation</source>
        <translation>打印评定</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>{year}: {grade}</source>
        <translation>{year}：{grade}</translation>
    </message>
    <message>
        <source>{level} needs: {criteria}</source>
        <translation>达到“{level}”还需要：{criteria}</translation>
    </message>
    <message>
        <source>The highest level is reached.</source>
        <translation>已达到最高等级。</translation>
    </message>
    <message>
        <source>checklist of {date}</source>
        <translation>{date} 的检查表</translation>
    </message>
    <message>
        <source>no checklist this year</source>
        <translation>本年没有标准营业厅检查</translation>
    </message>
    <message>
        <source>{first} to {last}: {customers} customers served; {checklist}; {checks} spot checks.</source>
        <translation>{first} 至 {last}：服务客户 {customers} 人；{checklist}；服务质量抽查 {checks} 次。</translation>
    </message>
    <message>
        <source>Hall evaluation {year}</source>
        <translation>营业厅等级评定 {year}</translation>
    </message>
</context>
<context>
    <name>InspectorWindow</name>
    <message>
        <source>Service checks — {hall} — {name}</source>
        <translation>服务检查 — {hall} — {name}</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Record a check…</source>
        <translation>录入检查…</translation>
    </message>
    <message>
        <source>&amp;Checks</source>
        <translation>检查(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Phrases</name>
    <message>
        <source>The hall's standard phrase for this step</source>
        <translation>本厅在这一环节的服务规范用语</translation>
    </message>
</context>
<context>
    <name>PhrasesDialog</name>
    <message>
        <source>Standard phrases</source>
        <translation>服务规范用语</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Record a service check</source>
        <translation>录入服务检查</translation>
    </message>
    <message>
        <source>Spot check</source>
        <translation>服务质量抽查</translation>
    </message>
    <message>
        <source>Mystery-shopper visit</source>
        <translation>社会监督员暗访</translation>
    </message>
    <message>
        <source>Standard-hall checklist</source>
        <translation>标准营业厅检查</translation>
    </message>
    <message>
        <source>— the hall —</source>
        <translation>— 全厅 —</translation>
    </message>
    <message>
        <source>to be put right by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Time of the visit</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体评价</translation>
    </message>
    <message>
        <source>To put right</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>示范</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Total {score} of {points}</source>
        <translation>合计 {score} / {points} 分</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>Preparing the training copy of the hall…</source>
        <translation>正在准备营业厅的培训副本…</translation>
    </message>
    <message>
        <source>Training mode</source>
        <translation>培训模式</translation>
    </message>
    <message>
        <source>Training mode could not be started.</source>
        <translation>无法启动培训模式。</translation>
    </message>
    <message>
        <source>Training mode…</source>
        <translation>培训模式…</translation>
    </message>
    <message>
        <source>Practise at the counter on a copy of the hall with made-up customers; nothing you do there counts or leaves the copy.</source>
        <translation>在营业厅副本上练习窗口业务，客户均为虚构；所做的一切都不计入营业、也不会离开副本。</translation>
    </message>
    <message>
        <source>培训 TRAINING — practice copy of the hall: made-up customers; nothing here is real money, counts in the hall's figures or goes to the hub</source>
        <translation>培训 TRAINING — 营业厅培训副本：客户均为虚构；这里的款项不是真实资金，不计入营业数据，也不会上传省中心</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <source>Reset the training copy…</source>
        <translation>重置培训副本…</translation>
    </message>
    <message>
        <source>Make the practice copy afresh from the hall's database: every practice ticket, order and payment is gone.</source>
        <translation>从营业厅数据库重新制作培训副本：所有练习用的排队号、业务单和缴费都将清除。</translation>
    </message>
    <message>
        <source>Reset the training copy</source>
        <translation>重置培训副本</translation>
    </message>
    <message>
        <source>Make the training copy afresh from the hall's database? Everything practised in it is gone (drill scores are kept).</source>
        <translation>从营业厅数据库重新制作培训副本？副本中练习的内容都将清除（练习成绩保留）。</translation>
    </message>
    <message>
        <source>The training copy was made afresh.</source>
        <translation>培训副本已重新制作。</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>New assessment</source>
        <translation>新建考核</translation>
    </message>
    <message>
        <source>Assessment {month}</source>
        <translation>{month} 考核</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>合格分</translation>
    </message>
    <message>
        <source>Drills</source>
        <translation>练习项目</translation>
    </message>
    <message>
        <source>New assessment…</source>
        <translation>新建考核…</translation>
    </message>
    <message>
        <source>Standard phrases…</source>
        <translation>服务规范用语…</translation>
    </message>
    <message>
        <source>What a clerk says at each step, shown at the counter at that step</source>
        <translation>营业员在每个环节应说的话，到该环节时显示在窗口上</translation>
    </message>
    <message>
        <source>Month (YYYY-MM)</source>
        <translation>月份（年-月）</translation>
    </message>
    <message>
        <source>Print the month's report</source>
        <translation>打印本月报告</translation>
    </message>
    <message>
        <source>Open the counter in training mode</source>
        <translation>以培训模式打开窗口</translation>
    </message>
    <message>
        <source>For a new clerk: the counter on a copy of the hall with made-up customers; nothing done there counts or leaves the copy.</source>
        <translation>供新员工使用：在营业厅副本上打开窗口，客户均为虚构；所做的一切都不计入营业、也不会离开副本。</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>考核得分</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Drills done</source>
        <translation>已做练习</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>练习次数</translation>
    </message>
    <message>
        <source>Trend (6 months)</source>
        <translation>走势（6个月）</translation>
    </message>
    <message>
        <source>Last drill</source>
        <translation>最近练习</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>No assessment yet: set one with “New assessment…”. Drills done in training mode are listed in the month's report.</source>
        <translation>还没有考核：用“新建考核…”设置。培训模式下的练习列在本月报告中。</translation>
    </message>
    <message>
        <source>Pass mark {mark}; {passed} of {count} clerks passed. Drills: {drills}.</source>
        <translation>合格分 {mark}；{count} 名营业员中 {passed} 名合格。练习项目：{drills}。</translation>
    </message>
    <message>
        <source>Hall's monthly average drill score</source>
        <translation>全厅月平均练习得分</translation>
    </message>
    <message>
        <source>Training report {month}</source>
        <translation>培训考核报告 {month}</translation>
    </message>
</context>
</TS>
