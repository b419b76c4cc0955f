<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Errors</name>
    <message>
        <source>The line {phone} is suspended for arrears: it resumes once the {due} yuan due are paid.</source>
        <translation>号码 {phone} 已欠费停机：缴清应缴的 {due} 元后即可复机。</translation>
    </message>
    <message>
        <source>The line {phone} is {state}: it works again with “{cancel}” when the customer has found the SIM card, or with a “{replace}”.</source>
        <translation>号码 {phone} 当前状态为“{state}”：客户找回SIM卡的可办理“{cancel}”，否则办理“{replace}”后恢复通信。</translation>
    </message>
    <message>
        <source>The line {phone} is {state}; “{business}” can be done only when it is: {allowed}.</source>
        <translation>号码 {phone} 当前状态为“{state}”；“{business}”仅在以下状态可办理：{allowed}。</translation>
    </message>
    <message>
        <source>Order {order} cannot be voided: the later “{business}” (order {later}) depends on it. Void that one first.</source>
        <translation>受理单 {order} 不能作废：其后办理的“{business}”（受理单 {later}）以它为前提，请先作废该单。</translation>
    </message>
    <message>
        <source>Order {order} cannot be voided: the new line has taken a payment since (receipt {receipt}). Reverse the payment first.</source>
        <translation>受理单 {order} 不能作废：新号码此后已有缴费（收据 {receipt}），请先冲正该笔缴费。</translation>
    </message>
    <message>
        <source>Order {order} cannot be voided: complaint {complaint} has been opened on the new line since.</source>
        <translation>受理单 {order} 不能作废：新号码此后已受理投诉 {complaint}。</translation>
    </message>
    <message>
        <source>Order {order} cannot be voided: the line has changed since (elsewhere, or by a business not recorded here).</source>
        <translation>受理单 {order} 不能作废：号码状态此后已变化（在其他终端或由本机未记录的业务所致）。</translation>
    </message>
</context>
</TS>
