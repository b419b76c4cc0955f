<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Desktop</name>
    <message>
        <source>The windows need a desktop session and none was found here (no display). The headless commands work without one: counter-app --help</source>
        <translation>窗口界面需要桌面会话，本机未找到显示器。无界面命令无需桌面即可使用：counter-app --help</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{name} is not an ESC/POS printer address. Use escpos:tcp://HOST:9100, escpos:usb:VENDOR:PRODUCT, escpos:serial:PORT or escpos:file:PATH.</source>
        <translation>{name} 不是有效的 ESC/POS 打印机地址。请使用 escpos:tcp://主机:9100、escpos:usb:厂商号:产品号、escpos:serial:端口 或 escpos:file:路径。</translation>
    </message>
    <message>
        <source>There is no printer named {name}. Printers on this computer: {names}.</source>
        <translation>没有名为 {name} 的打印机。本机的打印机：{names}。</translation>
    </message>
    <message>
        <source>No printer is set up on this computer.</source>
        <translation>本机尚未安装打印机。</translation>
    </message>
    <message>
        <source>The document could not be shown: it is not a readable PDF.</source>
        <translation>无法显示该单据：不是可读的PDF文件。</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is switched on and has paper.</source>
        <translation>打印机无法启动，请检查是否开机、是否有纸。</translation>
    </message>
    <message>
        <source>An ESC/POS printer prints only on the 80 mm roll (tickets and receipts); name a printer queue for this document.</source>
        <translation>ESC/POS 打印机只能打印 80 毫米卷纸（号票和收据）；此单据请指定一个打印队列。</translation>
    </message>
    <message>
        <source>The printer {name} is out of paper. Nothing was printed; print again when paper is in.</source>
        <translation>打印机 {name} 缺纸，未打印任何内容；装纸后请重新打印。</translation>
    </message>
    <message>
        <source>The cover of the printer {name} is open. Close it and print again.</source>
        <translation>打印机 {name} 的纸仓盖未关好，请关好后重新打印。</translation>
    </message>
    <message>
        <source>The printer {name} does not answer. Check that it is switched on and connected, then print again.</source>
        <translation>打印机 {name} 没有响应。请检查是否已开机并连接好，然后重新打印。</translation>
    </message>
</context>
<context>
    <name>TicketPrinter</name>
    <message>
        <source>The ticket printer is out of paper.</source>
        <translation>取号打印机缺纸。</translation>
    </message>
    <message>
        <source>The ticket printer's cover is open.</source>
        <translation>取号打印机的纸仓盖未关好。</translation>
    </message>
    <message>
        <source>The ticket printer is offline.</source>
        <translation>取号打印机未连接。</translation>
    </message>
    <message>
        <source>The ticket printer is not available.</source>
        <translation>取号打印机暂不可用。</translation>
    </message>
    <message>
        <source>Please note your number {code} on screen, or ask our staff.</source>
        <translation>请记下屏幕上的号码 {code}，或咨询工作人员。</translation>
    </message>
</context>
</TS>
