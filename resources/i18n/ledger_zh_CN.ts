<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Errors</name>
    <message>
        <source>There is no such customer.</source>
        <translation>没有这个客户。</translation>
    </message>
</context>
</TS>
