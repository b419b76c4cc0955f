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
    <message>
        <source>{month} is not over yet: a month is billed from the first day of the next month.</source>
        <translation>{month} 尚未结束：账单从次月1日起出账。</translation>
    </message>
    <message>
        <source>Cannot read the bill file {file}: {reason}</source>
        <translation>无法读取账单文件 {file}：{reason}</translation>
    </message>
    <message>
        <source>The bill file {file} is not valid JSON: {reason}</source>
        <translation>账单文件 {file} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>The bill file {file} has no "bills" list.</source>
        <translation>账单文件 {file} 中没有“bills”列表。</translation>
    </message>
    <message>
        <source>The bill file {file} lacks the columns: {columns}.</source>
        <translation>账单文件 {file} 缺少以下列：{columns}。</translation>
    </message>
    <message>
        <source>The bill file {file} holds no bills.</source>
        <translation>账单文件 {file} 中没有账单。</translation>
    </message>
    <message>
        <source>The bill file {file} has {count} error(s); nothing was written: {errors}</source>
        <translation>账单文件 {file} 有 {count} 处错误，未写入任何数据：{errors}</translation>
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
