<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CustomerView</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <source>VIP tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Home city</source>
        <translation>归属地</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>No customer has the number {phone}.</source>
        <translation>没有找到号码为 {phone} 的客户。</translation>
    </message>
</context>
<context>
    <name>IdentifyBar</name>
    <message>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
</context>
</TS>
