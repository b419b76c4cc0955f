<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ManagerWindow</name>
    <message>
        <source>Hall manager — {hall}</source>
        <translation>值班经理 — {hall}</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日概况</translation>
    </message>
    <message>
        <source>Hall board</source>
        <translation>厅堂看板</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>Hall grade</source>
        <translation>营业厅评级</translation>
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
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
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
        <source>Tickets today</source>
        <translation>今日取号</translation>
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
