<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Errors</name>
    <message>
        <source>There is no such customer.</source>
        <translation>没有这个客户。</translation>
    </message>
    <message>
        <source>The bill of {month} has already been issued.</source>
        <translation>{month} 的账单已经出过了。</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <source>owed {amount}</source>
        <translation>欠费 {amount}</translation>
    </message>
    <message>
        <source>credit {amount}</source>
        <translation>结余 {amount}</translation>
    </message>
</context>
</TS>
