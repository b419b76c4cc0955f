<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
</context>
</TS>
