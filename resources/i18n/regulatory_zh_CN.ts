<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Errors</name>
    <message>
        <source>Verify the subscriber first: their ID document, the service password, or an agent with the owner's written authorisation.</source>
        <translation>请先核验机主身份：机主本人证件、服务密码，或代办人持机主书面授权。</translation>
    </message>
    <message>
        <source>This document is not the one the line {phone} is registered to.</source>
        <translation>该证件不是号码 {phone} 登记的机主证件。</translation>
    </message>
    <message>
        <source>The service password of {phone} is wrong.</source>
        <translation>号码 {phone} 的服务密码不正确。</translation>
    </message>
    <message>
        <source>Too many failed checks for {phone}. Try again in {minutes} minutes, or verify with the subscriber's ID document.</source>
        <translation>号码 {phone} 核验失败次数过多。请 {minutes} 分钟后再试，或请机主出示本人证件。</translation>
    </message>
    <message>
        <source>No such customer line.</source>
        <translation>没有这个号码。</translation>
    </message>
    <message>
        <source>Let the customer type the service password.</source>
        <translation>请客户输入服务密码。</translation>
    </message>
    <message>
        <source>Enter the holder's name as on the document.</source>
        <translation>请按证件输入机主姓名。</translation>
    </message>
    <message>
        <source>Enter the holder's document number.</source>
        <translation>请输入机主证件号码。</translation>
    </message>
    <message>
        <source>Enter the holder's address: the real-name rules record it.</source>
        <translation>请输入机主证件地址：实名制须登记地址。</translation>
    </message>
    <message>
        <source>This document does not show the birth date: enter the holder's date of birth.</source>
        <translation>该证件号码不含出生日期：请输入机主出生日期。</translation>
    </message>
    <message>
        <source>The holder is {age}: a guardian (监护人) must come with them; record the guardian's name and document.</source>
        <translation>机主年仅 {age} 岁：须由监护人陪同办理，请登记监护人姓名及证件。</translation>
    </message>
    <message>
        <source>The guardian's document is the holder's own.</source>
        <translation>监护人证件即机主本人证件。</translation>
    </message>
    <message>
        <source>The guardian must be of age (18 or older).</source>
        <translation>监护人须已成年（年满 18 周岁）。</translation>
    </message>
    <message>
        <source>Enter the agent's name as on their ID document.</source>
        <translation>请按代办人证件输入其姓名。</translation>
    </message>
    <message>
        <source>Record the agent's own document number.</source>
        <translation>请登记代办人本人的证件号码。</translation>
    </message>
    <message>
        <source>Record the holder's written authorisation (its number or what it says).</source>
        <translation>请登记机主的书面授权（编号或内容）。</translation>
    </message>
    <message>
        <source>The agent's document is the holder's own: the holder registers in person, without an agent.</source>
        <translation>代办人证件即机主本人证件：机主本人办理，无需代办。</translation>
    </message>
    <message>
        <source>This person already holds {count} lines in the province; one document may hold at most {limit} (一证五号).</source>
        <translation>该用户在全省已有 {count} 个号码；同一证件最多办理 {limit} 个（一证五号）。</translation>
    </message>
    <message>
        <source>The hub could not be reached: this terminal counts {count} line(s) for this document. The hub will confirm the count of {limit} per person.</source>
        <translation>无法连接省中心：本终端统计该证件已有 {count} 个号码。每证 {limit} 个的限制将由省中心复核。</translation>
    </message>
    <message>
        <source>That is too long for a name.</source>
        <translation>姓名过长。</translation>
    </message>
    <message>
        <source>Record the subscriber's written authorisation (its number or what it says).</source>
        <translation>请登记机主的书面授权（编号或内容）。</translation>
    </message>
    <message>
        <source>The authorisation note is too long (at most 200 characters).</source>
        <translation>授权说明过长（最多 200 字）。</translation>
    </message>
    <message>
        <source>The agent's document is the subscriber's own: verify the subscriber with their ID document instead.</source>
        <translation>代办人证件即机主本人证件：请改用机主本人证件核验。</translation>
    </message>
    <message>
        <source>The line {phone} has no active SIM card to unlock.</source>
        <translation>号码 {phone} 没有可解锁的在用 SIM 卡。</translation>
    </message>
    <message>
        <source>Choose the type of identity document.</source>
        <translation>请选择证件类型。</translation>
    </message>
    <message>
        <source>Enter the document number.</source>
        <translation>请输入证件号码。</translation>
    </message>
    <message>
        <source>A passport number is 5 to 17 letters and digits.</source>
        <translation>护照号码为 5 至 17 位字母和数字。</translation>
    </message>
    <message>
        <source>A Hong Kong or Macao permit number is H or M and 8 digits (older cards: 10 digits).</source>
        <translation>港澳居民来往内地通行证号码为 H 或 M 加 8 位数字（旧证为 10 位数字）。</translation>
    </message>
    <message>
        <source>A Taiwan permit number has 8 digits (older cards: 10).</source>
        <translation>台湾居民来往大陆通行证号码为 8 位数字（旧证为 10 位）。</translation>
    </message>
    <message>
        <source>A residence permit for Hong Kong, Macao or Taiwan residents starts with 810000, 820000 or 830000.</source>
        <translation>港澳台居民居住证号码以 810000、820000 或 830000 开头。</translation>
    </message>
    <message>
        <source>The birth date in the card number (characters 6–11) is not a real date.</source>
        <translation>证件号码中的出生日期（第 6–11 位）不是有效日期。</translation>
    </message>
    <message>
        <source>A foreign permanent resident card number is 3 letters and 12 digits, or 18 characters starting with 9.</source>
        <translation>外国人永久居留身份证号码为 3 位字母加 12 位数字，或以 9 开头的 18 位。</translation>
    </message>
    <message>
        <source>This card number is 17 digits and a final digit or X.</source>
        <translation>该证件号码为 17 位数字加一位数字或 X。</translation>
    </message>
    <message>
        <source>The birth date in the card number (characters 7–14) is not a real date.</source>
        <translation>证件号码中的出生日期（第 7–14 位）不是有效日期。</translation>
    </message>
    <message>
        <source>The check digit of the card number is wrong (last character).</source>
        <translation>证件号码的校验位（最后一位）不正确。</translation>
    </message>
    <message>
        <source>The check character of the unified social credit code is wrong (last character).</source>
        <translation>统一社会信用代码的校验位（最后一位）不正确。</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 digits and capital letters.</source>
        <translation>统一社会信用代码为 18 位数字和大写字母。</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>请先查找客户。</translation>
    </message>
    <message>
        <source>The payments of {phone} in {month} are already in invoice request {request}.</source>
        <translation>{phone} 在 {month} 的缴费已在开票申请 {request} 中。</translation>
    </message>
    <message>
        <source>{phone} paid nothing at this hall in {month}: there is nothing to invoice.</source>
        <translation>{phone} 在 {month} 未在本厅缴费：没有可开票的金额。</translation>
    </message>
    <message>
        <source>Choose who the invoice is made out to.</source>
        <translation>请选择发票抬头类型。</translation>
    </message>
    <message>
        <source>Enter the invoice title (the buyer's full name).</source>
        <translation>请输入发票抬头（购买方全称）。</translation>
    </message>
    <message>
        <source>A company's invoice needs its unified social credit code.</source>
        <translation>单位抬头须填写统一社会信用代码。</translation>
    </message>
    <message>
        <source>Invoice request {request} was already sent to the e-invoice system; it cannot be voided here.</source>
        <translation>开票申请 {request} 已报送电子发票系统，不能在此作废。</translation>
    </message>
    <message>
        <source>There is no invoice request {request}.</source>
        <translation>没有开票申请 {request}。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify the subscriber of {phone}</source>
        <translation>核验号码 {phone} 的机主身份</translation>
    </message>
    <message>
        <source>ID &amp;document</source>
        <translation>本人证件(&amp;D)</translation>
    </message>
    <message>
        <source>Service &amp;password</source>
        <translation>服务密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Agent with authorisation</source>
        <translation>代办人凭授权(&amp;A)</translation>
    </message>
    <message>
        <source>Type it, or read the card with the reader</source>
        <translation>手工输入，或用读卡器读取证件</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>The customer types the line's 6-digit service password.</source>
        <translation>请客户输入该号码的 6 位服务密码。</translation>
    </message>
    <message>
        <source>Service password</source>
        <translation>服务密码</translation>
    </message>
    <message>
        <source>Number or content of the signed authorisation kept on file</source>
        <translation>留存的机主签字授权书编号或内容</translation>
    </message>
    <message>
        <source>Subscriber's document type</source>
        <translation>机主证件类型</translation>
    </message>
    <message>
        <source>Subscriber's document number</source>
        <translation>机主证件号码</translation>
    </message>
    <message>
        <source>Agent's name</source>
        <translation>代办人姓名</translation>
    </message>
    <message>
        <source>Agent's document type</source>
        <translation>代办人证件类型</translation>
    </message>
    <message>
        <source>Agent's document number</source>
        <translation>代办人证件号码</translation>
    </message>
    <message>
        <source>Written authorisation</source>
        <translation>书面授权</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Sensitive businesses and detailed records are for the subscriber only. The check and its result are recorded.</source>
        <translation>敏感业务和详单仅向机主本人提供。核验过程及结果均会记录。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>Subscriber of {phone} verified.</source>
        <translation>号码 {phone} 的机主身份已核验。</translation>
    </message>
</context>
</TS>
