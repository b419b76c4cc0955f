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
        <source>{count} waiting</source>
        <translation>等候 {count} 人</translation>
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
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Queue</source>
        <translation>排队叫号</translation>
    </message>
    <message>
        <source>Counter {number}</source>
        <translation>{number}号窗口</translation>
    </message>
</context>
</TS>
