<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="15" />
        <source>在这里可以办理常见政务服务，查询办件进度。</source>
        <translation>Apply for common government services here and check the progress of an application.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="24" />
        <source>开始办事</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="25" />
        <source>搜索或按主题查找要办的事</source>
        <translation>Search or browse by theme for what you need</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="34" />
        <source>我的空间：我的办件、证照和待遇</source>
        <translation>My space: my applications, licences and benefits</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="35" />
        <source>刷证件查看您的办件进度、电子证照和可享受的待遇</source>
        <translation>Show your card to see your applications, e-licences and the benefits you qualify for</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="45" />
        <source>长辈版已打开（大字、语音）</source>
        <translation>Senior mode is on (large text, voice)</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="45" />
        <source>长辈版（大字、语音）</source>
        <translation>Senior mode (large text, voice)</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="46" />
        <source>长辈版：大字、高对比、语音播报</source>
        <translation>Senior mode: large text, high contrast, voice guidance</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="54" />
        <source>常用服务</source>
        <translation>Frequently used services</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="83" />
        <source>个人办事</source>
        <translation>For individuals</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="84" />
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/AttractScreen.qml" line="110" />
        <source>%n 项服务</source>
        <translation><numerusform>%n service</numerusform><numerusform>%n services</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="121" />
        <source>服务目录正在准备，可以先点“开始办事”。</source>
        <translation>The service list is being prepared; you can tap "Start".</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="135" />
        <source>查询办件进度</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="143" />
        <source>办不成事反映</source>
        <translation>Report a problem</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="151" />
        <source>帮办代办</source>
        <translation>Ask for help</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="152" />
        <source>请工作人员来帮您办理</source>
        <translation>A member of staff will come and help you</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="126" />
        <source>咨询投诉热线：%1</source>
        <translation>Enquiries and complaints hotline: %1</translation>
    </message>
</context>
<context>
    <name>Badge</name>
    <message>
        <location filename="../qml/components/Badge.qml" line="9" />
        <source>！</source>
        <translation>!</translation>
    </message>
</context>
<context>
    <name>ClosedNotice</name>
    <message>
        <location filename="../qml/components/ClosedNotice.qml" line="12" />
        <location filename="../qml/components/ClosedNotice.qml" line="26" />
        <source>现在不是服务时间</source>
        <translation>Outside service hours</translation>
    </message>
    <message>
        <location filename="../qml/components/ClosedNotice.qml" line="13" />
        <location filename="../qml/components/ClosedNotice.qml" line="33" />
        <source>本终端服务时间 %1</source>
        <translation>Service hours %1</translation>
    </message>
    <message>
        <location filename="../qml/components/ClosedNotice.qml" line="46" />
        <source>现在仍可以：</source>
        <translation>You can still:</translation>
    </message>
    <message>
        <location filename="../qml/components/ClosedNotice.qml" line="53" />
        <source>查询办件进度</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../qml/components/ClosedNotice.qml" line="60" />
        <source>办不成事反映</source>
        <translation>Report a problem</translation>
    </message>
    <message>
        <location filename="../qml/components/ClosedNotice.qml" line="68" />
        <source>申请办事和找工作人员帮办，请在服务时间内来。如需帮助，请拨打服务热线 %1</source>
        <translation>To apply for a service or ask staff for help, please come during service hours. For help, call the service hotline %1</translation>
    </message>
</context>
<context>
    <name>DatePicker</name>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="92" />
        <source>选择日期：%1</source>
        <translation>Pick a date: %1</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="92" />
        <source>选择日期</source>
        <translation>Pick a date</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="98" />
        <location filename="../qml/components/DatePicker.qml" line="183" />
        <source>%1 年 %2 月 %3 日</source>
        <translation>%1-%2-%3</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="107" />
        <source>往前十年</source>
        <translation>Ten years back</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="115" />
        <source>前一年</source>
        <translation>One year back</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="125" />
        <source>%1 年</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="131" />
        <source>后一年</source>
        <translation>One year on</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="139" />
        <source>往后十年</source>
        <translation>Ten years on</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="161" />
        <source>%1 月</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="194" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/components/DatePicker.qml" line="201" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>Delegation</name>
    <message>
        <location filename="../viewmodels/delegation.py" line="27" />
        <source>请代办人先将本人身份证放在读卡区，保持不动</source>
        <translation>Agent: first place your own ID card on the reader and keep it still</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="28" />
        <source>请选择确认委托人身份的方式</source>
        <translation>Choose how to confirm the identity of the person you apply for</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="29" />
        <source>请取走您的身份证，将委托人（家人）的身份证放在读卡区</source>
        <translation>Take your ID card away and place theirs (your family member's) on the reader</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="30" />
        <source>请输入委托人的身份证号码，再扫描委托人的授权码</source>
        <translation>Enter their ID number, then scan their authorisation code</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="31" />
        <source>请打开委托人的代办授权二维码，对准扫码窗口</source>
        <translation>Open their QR authorisation and hold it to the scanner window</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="32" />
        <source>没有检测到证件或二维码，请重新放置后再试一次。</source>
        <translation>No card or code was found; place it again and try once more.</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="33" />
        <source>这张卡读不出来，请重新放好；仍不行请点“帮办代办”。</source>
        <translation>This card cannot be read; place it again, or tap "Ask for help".</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="36" />
        <source>证件已过有效期，不能用于代办。</source>
        <translation>The card has expired and cannot be used.</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="37" />
        <source>读卡或扫码设备暂时不能使用，请点“帮办代办”。</source>
        <translation>The card reader or scanner cannot be used now; tap "Ask for help".</translation>
    </message>
    <message>
        <location filename="../viewmodels/delegation.py" line="38" />
        <source>请按授权委托书填写委托人的姓名和身份证号码；委托书原件稍后在提交材料时扫描</source>
        <translation>Enter their name and ID number as the power of attorney gives them; you scan the document itself with the materials</translation>
    </message>
</context>
<context>
    <name>DelegationScreen</name>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="18" />
        <source>替他人办理：%1</source>
        <translation>Applying for someone else: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="19" />
        <source>替家人办理</source>
        <translation>Applying for a family member</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="25" />
        <source>代办人先读本人身份证，再确认委托人（被代办的家人）的身份。申请以委托人的名义提交，回执上写明双方。</source>
        <translation>First you (the agent) read your own ID card, then the identity of the person you apply for is confirmed. The application is made in their name, and the receipt names you both.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="34" />
        <source>代办人：%1</source>
        <translation>Agent: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="40" />
        <source>委托人：%1</source>
        <translation>Applying for: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="50" />
        <source>读取委托人身份证</source>
        <translation>Read their ID card</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="51" />
        <source>委托人的身份证原件，在您的身份证之后放到读卡区</source>
        <translation>Their own ID card, placed on the reader after yours</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="59" />
        <source>委托人的授权码（身份证号 + 二维码）</source>
        <translation>Their authorisation code (ID number + QR code)</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="60" />
        <source>委托人在政务服务平台为您开具的代办授权二维码</source>
        <translation>The QR authorisation they issued to you on the government service platform</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="68" />
        <source>授权委托书（委托人签名的纸质委托书）</source>
        <translation>A power of attorney (a paper they signed)</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="69" />
        <source>填写委托人的姓名和身份证号码，提交材料时扫描委托书</source>
        <translation>Enter their name and ID number; scan the power of attorney with the materials</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="77" />
        <source>委托人姓名</source>
        <translation>Name of the person you apply for</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="86" />
        <location filename="../qml/screens/DelegationScreen.qml" line="105" />
        <source>委托人身份证号码</source>
        <translation>ID number of the person you apply for</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="87" />
        <location filename="../qml/screens/DelegationScreen.qml" line="106" />
        <source>18位，最后一位可能是X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="97" />
        <source>确认委托人</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="116" />
        <source>扫描委托人的授权码</source>
        <translation>Scan their authorisation code</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="131" />
        <source>已确认：您（%1）替 %2 办理。</source>
        <translation>Confirmed: you (%1) are applying for %2.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="136" />
        <source>请委托人本人到场办理，或点“帮办代办”请工作人员协助。</source>
        <translation>The person concerned must come themselves; or tap "Ask for help" for a member of staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="140" />
        <source>双方的证件信息只用于本次办理，离开后会立即清除。</source>
        <translation>Both cards' details are used only for this application and are erased as soon as you leave.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="148" />
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="157" />
        <source>换一种方式</source>
        <translation>Choose another way</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="165" />
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="177" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/screens/DelegationScreen.qml" line="185" />
        <source>帮办代办</source>
        <translation>Ask for help</translation>
    </message>
</context>
<context>
    <name>DisplaySettings</name>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="33" />
        <source>显示设置</source>
        <translation>Display settings</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="34" />
        <source>文字大小</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="41" />
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="41" />
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="41" />
        <source>特大</source>
        <translation>Largest</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="41" />
        <source>更大</source>
        <translation>Larger</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="50" />
        <source>文字大小：%1</source>
        <translation>Text size: %1</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="55" />
        <source>颜色</source>
        <translation>Colours</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="58" />
        <source>标准颜色</source>
        <translation>Standard colours</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="59" />
        <source>高对比：白底黑字</source>
        <translation>High contrast: black on white</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="60" />
        <source>高对比：黑底白字</source>
        <translation>High contrast: white on black</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="74" />
        <source>长辈版（大字、语音）</source>
        <translation>Senior mode (large text, voice)</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="75" />
        <source>切换到标准版</source>
        <translation>Switch to the standard mode</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="75" />
        <source>切换到长辈版：大字、高对比、语音</source>
        <translation>Switch to senior mode: large text, high contrast, voice</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="80" />
        <source>这些设置在您办完离开后自动恢复。</source>
        <translation>These settings go back to normal when you finish.</translation>
    </message>
    <message>
        <location filename="../qml/components/DisplaySettings.qml" line="86" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../qml/screens/DoneScreen.qml" line="7" />
        <source>谢谢，办理结束</source>
        <translation>Thank you, you are done</translation>
    </message>
    <message>
        <location filename="../qml/screens/DoneScreen.qml" line="8" />
        <source>请带好您的证件和回执。点“完成”后，本次信息会从机器上清除。</source>
        <translation>Please take your card and your receipt. After you tap "Finish", your information is erased from this machine.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DoneScreen.qml" line="14" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ElderHomeScreen</name>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="35" />
        <source>您好！请点您要办的事</source>
        <translation>Hello! Tap what you need</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="50" />
        <source>帮家人办</source>
        <translation>Apply for a family member</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="51" />
        <source>替家人或他人办理：先读您的身份证，再确认家人的身份</source>
        <translation>Apply for a family member or someone else: first your ID card, then theirs</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="57" />
        <source>办其他事</source>
        <translation>Other services</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="58" />
        <source>按主题查找或搜索要办的事</source>
        <translation>Browse by theme or search for a service</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="64" />
        <source>我的空间</source>
        <translation>My space</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="65" />
        <source>刷证件查看您的办件进度、电子证照和可享受的待遇</source>
        <translation>Show your card to see your applications, e-licences and the benefits you qualify for</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="71" />
        <source>查办事进度</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="72" />
        <source>扫回执上的二维码或输入受理编号</source>
        <translation>Scan the QR code on your receipt or type its number</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="78" />
        <source>找人帮忙</source>
        <translation>Ask someone to help</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="79" />
        <source>请工作人员来帮您办理</source>
        <translation>A member of staff will come and help you</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="86" />
        <source>回到标准版</source>
        <translation>Back to the standard screen</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="87" />
        <source>关闭长辈版：字变小，回到标准首页</source>
        <translation>Turn senior mode off: smaller text, the standard start screen</translation>
    </message>
    <message>
        <location filename="../qml/screens/ElderHomeScreen.qml" line="93" />
        <source>咨询投诉热线：%1</source>
        <translation>Enquiries and complaints hotline: %1</translation>
    </message>
</context>
<context>
    <name>FinderScreen</name>
    <message>
        <location filename="../qml/screens/FinderScreen.qml" line="10" />
        <source>搜索（可输入汉字、拼音或首字母，如“社保”“shebao”“sb”）</source>
        <translation>Search in Chinese, pinyin or pinyin initials (e.g. "shebao" or "sb")</translation>
    </message>
    <message>
        <location filename="../qml/screens/FinderScreen.qml" line="33" />
        <source>个人办事</source>
        <translation>For individuals</translation>
    </message>
    <message>
        <location filename="../qml/screens/FinderScreen.qml" line="41" />
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message>
        <location filename="../qml/screens/FinderScreen.qml" line="52" />
        <source>常用</source>
        <translation>Frequently used</translation>
    </message>
    <message>
        <location filename="../qml/screens/FinderScreen.qml" line="69" />
        <source>没有找到相关事项。可以换个说法，或点“办不成事反映”告诉我们。</source>
        <translation>Nothing found. Try other words, or tap "Report a problem" to tell us.</translation>
    </message>
    <message>
        <location filename="../qml/screens/FinderScreen.qml" line="89" />
        <source>找不到？反映一下</source>
        <translation>Can't find it? Tell us</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="7" />
        <source>带 * 的必须填写。已从证件读出的内容请核对。</source>
        <translation>Fields marked * are required. Please check what was read from your card.</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="11" />
        <location filename="../qml/screens/FormScreen.qml" line="26" />
        <source>（已从证件读取）</source>
        <translation> (read from your card)</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="11" />
        <source>英文姓名：%1</source>
        <translation>English name: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="38" />
        <source>选择日期</source>
        <translation>Pick a date</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="39" />
        <source>选择日期：%1</source>
        <translation>Pick a date: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="78" />
        <source>！ </source>
        <translation>! </translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="91" />
        <source>下一步：提交材料</source>
        <translation>Next: materials</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <location filename="../viewmodels/catalog.py" line="16" />
        <source>个工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location filename="../viewmodels/catalog.py" line="17" />
        <source>个自然日</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <location filename="../viewmodels/catalog.py" line="18" />
        <source>即时办结</source>
        <translation>done on the spot</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="8" />
        <source>实施机构：%1</source>
        <translation>Handled by: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="13" />
        <source>部分内容仅提供中文</source>
        <translation>Available in Chinese only</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="19" />
        <source>此事项须本人到窗口办理（如采集照片、指纹或当面签字），本机不能提交申请。请打印指南，按下面的办理地点和办公时间前往。</source>
        <translation>This service must be done in person at a service window (photos, fingerprints or signatures are taken there); it cannot be submitted at this terminal. Print the guide and go to the place below during its opening hours.</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="27" />
        <source>办理条件</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="34" />
        <source>需要的材料</source>
        <translation>Materials needed</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="39" />
        <source>【非必需】</source>
        <translation> [optional]</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="40" />
        <source>【可用电子证照】</source>
        <translation> [e-license accepted]</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="41" />
        <source>【可容缺后补】</source>
        <translation> [may be supplied later]</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="52" />
        <source>办理时限：即时办结</source>
        <translation>Time limit: done on the spot</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="38" />
        <source>%1（%2，%3）</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/GuideScreen.qml" line="38" />
        <source>%n 份</source>
        <translation><numerusform>%n copy</numerusform><numerusform>%n copies</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="48" />
        <source>即时办结</source>
        <translation>done on the spot</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/GuideScreen.qml" line="49" />
        <source>%n 个自然日</source>
        <translation><numerusform>%n calendar day</numerusform><numerusform>%n calendar days</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/GuideScreen.qml" line="50" />
        <source>%n 个工作日</source>
        <translation><numerusform>%n working day</numerusform><numerusform>%n working days</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="53" />
        <source>承诺时限：%1（法定 %2）</source>
        <translation>Promised within %1 (legal limit %2)</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="55" />
        <source>收费：不收费</source>
        <translation>Fees: free of charge</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="55" />
        <source>收费：见下</source>
        <translation>Fees: see below</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="58" />
        <source>%1 元</source>
        <translation>%1 yuan</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="58" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="60" />
        <source>办理地点：%1</source>
        <translation>Where: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="61" />
        <source>办公时间：%1</source>
        <translation>Opening hours: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="62" />
        <source>咨询电话：%1</source>
        <translation>Enquiries: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="67" />
        <source>指南已打印，请取走</source>
        <translation>The guide is printed; please take it</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="68" />
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="69" />
        <source>打印机暂时不能打印，请拍照或记下要点</source>
        <translation>The printer cannot print right now; please take a photo or note the key points</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="78" />
        <source>打印指南</source>
        <translation>Print the guide</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuideScreen.qml" line="88" />
        <source>开始办理</source>
        <translation>Apply now</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../viewmodels/feedback.py" line="30" />
        <source>不会操作，需要有人帮忙</source>
        <translation>I don't know how to use this; I need someone to help</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="31" />
        <source>行动或视力不便</source>
        <translation>I have difficulty moving or seeing</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="32" />
        <source>替家人代办</source>
        <translation>I am applying for a family member</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="33" />
        <source>机器不能用</source>
        <translation>The machine does not work</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <location filename="../qml/screens/HelpScreen.qml" line="6" />
        <source>需要什么帮助？</source>
        <translation>What help do you need?</translation>
    </message>
    <message>
        <location filename="../qml/screens/HelpScreen.qml" line="22" />
        <source>已通知工作人员（编号 %1），请在原地稍候，马上有人来帮您。</source>
        <translation>Staff have been called (no. %1). Please wait here; someone is coming to help you.</translation>
    </message>
    <message>
        <location filename="../qml/screens/HelpScreen.qml" line="28" />
        <source>呼叫没有发出，请拨打热线。</source>
        <translation>The call did not go through; please phone the hotline.</translation>
    </message>
    <message>
        <location filename="../qml/screens/HelpScreen.qml" line="30" />
        <source>服务热线：%1</source>
        <translation>Service hotline: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/HelpScreen.qml" line="35" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>HomeConfirm</name>
    <message>
        <location filename="../qml/components/HomeConfirm.qml" line="25" />
        <source>回到首页？</source>
        <translation>Go back to the start?</translation>
    </message>
    <message>
        <location filename="../qml/components/HomeConfirm.qml" line="26" />
        <source>您已读取的证件信息、填写的内容和扫描的材料将被清除，需要重新办理。</source>
        <translation>The card details read, what you entered and the scanned documents will be erased; you will need to start again.</translation>
    </message>
    <message>
        <location filename="../qml/components/HomeConfirm.qml" line="31" />
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../qml/components/HomeConfirm.qml" line="38" />
        <source>清除并回到首页</source>
        <translation>Erase and go to the start</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="221" />
        <location filename="../viewmodels/identify.py" line="43" />
        <source>读卡设备暂时都不能使用。请点“帮办代办”，工作人员会来协助。</source>
        <translation>No card reader can be used right now. Tap "Ask for help" and staff will assist you.</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="22" />
        <source>请将身份证放在读卡区，保持不动</source>
        <translation>Place your ID card on the reader and keep it still</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="23" />
        <source>请将社保卡芯片朝内插入读卡口</source>
        <translation>Insert your social security card, chip first, into the slot</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="24" />
        <source>请打开电子证照二维码，对准扫码窗口</source>
        <translation>Open your e-ID QR code and hold it to the scanner window</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="25" />
        <source>读卡时证件被移开了。请重新放好，读完前不要移动。</source>
        <translation>The card was moved while it was being read. Place it again and keep it still until it is read.</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="26" />
        <source>这张卡读不出来。请擦拭后重新放置；仍不行请换用其他方式，或点“帮办代办”。</source>
        <translation>This card cannot be read. Wipe it and place it again; if that fails, choose another way or tap "Ask for help".</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="29" />
        <source>没有检测到证件。请重新放置后点“再试一次”。</source>
        <translation>No card was detected. Place it again and tap "Try again".</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="30" />
        <source>证件已过有效期。请换用社保卡或电子证照码，或到人工窗口办理。</source>
        <translation>This card has expired. Use your social security card or e-ID code, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="33" />
        <source>这种方式暂时不能使用，请选择其他方式。</source>
        <translation>This option is not available right now; please choose another.</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="34" />
        <source>这张社保卡需要输入密码（6位数字）。</source>
        <translation>This social security card needs its PIN (6 digits).</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="35" />
        <source>密码不对，请重新输入。</source>
        <translation>Wrong PIN. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="36" />
        <source>正在核对密码，请不要拔卡……</source>
        <translation>Checking the PIN. Please leave the card in the reader...</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="37" />
        <source>还剩最后一次，输错将锁卡</source>
        <translation>Last try: a wrong PIN will lock the card</translation>
    </message>
    <message>
        <location filename="../viewmodels/identify.py" line="38" />
        <source>这张社保卡的密码已锁定，本机不能再读取。请改用居民身份证，或点“帮办代办”；解锁请到社保经办机构或社保卡服务银行网点。</source>
        <translation>The PIN of this social security card is locked; this terminal cannot read the card. Please use your resident ID card, or tap "Ask for help". To unlock the card, go to a social security office or a bank branch that serves social security cards.</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="8" />
        <source>请选择一种方式确认身份</source>
        <translation>Choose how to prove who you are</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="55" />
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="55" />
        <source>居民身份证（暂不可用）</source>
        <translation>Resident ID card (not available)</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="64" />
        <source>社会保障卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="64" />
        <source>社会保障卡（暂不可用）</source>
        <translation>Social security card (not available)</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="73" />
        <source>电子证照二维码</source>
        <translation>E-ID QR code</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="73" />
        <source>电子证照二维码（暂不可用）</source>
        <translation>E-ID QR code (not available)</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="177" />
        <source>读卡区</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="146" />
        <source>证件</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="8" />
        <source>委托代办：双方身份已确认</source>
        <translation>Applying for someone else: both identities confirmed</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="18" />
        <source>您（代办人 %1）正在替 %2 办理。</source>
        <translation>You (agent %1) are applying for %2.</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="33" />
        <source>继续为委托人办理</source>
        <translation>Continue for them</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="39" />
        <source>改为本人办理</source>
        <translation>Apply for myself instead</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="81" />
        <source>替他人办理（帮家人办）</source>
        <translation>Apply for someone else (a family member)</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="82" />
        <source>先读您本人的身份证，再确认委托人的身份</source>
        <translation>First your own ID card, then the identity of the person you apply for</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="89" />
        <source>身份证读卡区也能读外国人永久居留身份证和港澳台居民居住证。</source>
        <translation>The ID card reader also takes the foreign permanent resident ID card and the Hong Kong, Macao and Taiwan residence permit.</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="118" />
        <source>图中亮起的位置是扫码窗口</source>
        <translation>The lit-up part of the picture is the QR code window</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="119" />
        <source>图中亮起的位置是社保卡插卡口</source>
        <translation>The lit-up part of the picture is the social security card slot</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="120" />
        <source>图中亮起的位置是身份证读卡区</source>
        <translation>The lit-up part of the picture is the ID card reader</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="126" />
        <source>看图中亮起的位置</source>
        <translation>See the lit-up part</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="177" />
        <source>扫码窗口</source>
        <translation>QR window</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/IdentifyScreen.qml" line="199" />
        <source>还可以输入 %n 次</source>
        <translation><numerusform>%n try left</numerusform><numerusform>%n tries left</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="208" />
        <source>请输入社保卡密码</source>
        <translation>Enter your social security card PIN</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="216" />
        <source>也可以点“帮办代办”，请工作人员来帮您。</source>
        <translation>You can also tap "Ask for help" and a member of staff will help you.</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="221" />
        <source>！ </source>
        <translation>! </translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="225" />
        <source>您的证件信息只用于本次办理，离开后会立即清除。</source>
        <translation>Your card data is used only for this application and erased as soon as you leave.</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="232" />
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="240" />
        <source>改用居民身份证</source>
        <translation>Use the resident ID card instead</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="247" />
        <source>换一种方式</source>
        <translation>Choose another way</translation>
    </message>
    <message>
        <location filename="../qml/screens/IdentifyScreen.qml" line="254" />
        <source>帮办代办</source>
        <translation>Ask for help</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <location filename="../qml/components/IdleDialog.qml" line="33" />
        <source>您还在办理吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/IdleDialog.qml" line="36" />
        <source>%n 秒后将清除本次填写的信息并回到首页。</source>
        <translation><numerusform>In %n second what you entered will be erased and the start screen shown.</numerusform><numerusform>In %n seconds what you entered will be erased and the start screen shown.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/components/IdleDialog.qml" line="44" />
        <source>我还需要时间</source>
        <translation>I need more time</translation>
    </message>
    <message>
        <location filename="../qml/components/IdleDialog.qml" line="50" />
        <source>结束并清除</source>
        <translation>End and erase</translation>
    </message>
</context>
<context>
    <name>Instant</name>
    <message>
        <location filename="../viewmodels/instant.py" line="30" />
        <source>电子印章未通过验证</source>
        <translation>The electronic seal did not pass the check</translation>
    </message>
    <message>
        <location filename="../viewmodels/instant.py" line="31" />
        <source>证明的持有人与所读证件不一致</source>
        <translation>The document is for another person than the card that was read</translation>
    </message>
    <message>
        <location filename="../viewmodels/instant.py" line="32" />
        <source>平台返回的证明无法读取</source>
        <translation>The document from the platform could not be read</translation>
    </message>
    <message>
        <location filename="../viewmodels/instant.py" line="33" />
        <source>平台未能出具该证明</source>
        <translation>The platform did not issue the document</translation>
    </message>
    <message>
        <location filename="../viewmodels/instant.py" line="34" />
        <source>该事项不能在本机即时出具</source>
        <translation>This service is not issued on the spot at this terminal</translation>
    </message>
    <message>
        <location filename="../viewmodels/instant.py" line="35" />
        <source>暂时取不到证明</source>
        <translation>The document cannot be fetched right now</translation>
    </message>
    <message>
        <location filename="../viewmodels/instant.py" line="36" />
        <source>暂时连不上政务服务平台</source>
        <translation>The government service platform cannot be reached</translation>
    </message>
    <message>
        <location filename="../viewmodels/instant.py" line="37" />
        <source>政务服务平台响应超时</source>
        <translation>The government service platform did not answer in time</translation>
    </message>
</context>
<context>
    <name>KField</name>
    <message>
        <location filename="../qml/components/KField.qml" line="69" />
        <source>年-月-日，如 2024-03-01</source>
        <translation>YYYY-MM-DD, e.g. 2024-03-01</translation>
    </message>
    <message>
        <location filename="../qml/components/KField.qml" line="84" />
        <source>！ </source>
        <translation>! </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="13" />
        <location filename="../qml/Main.qml" line="28" />
        <source>便民自助终端</source>
        <translation>Self-service terminal</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="28" />
        <source>选择要办的事</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="28" />
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="29" />
        <source>确认身份</source>
        <translation>Prove your identity</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="29" />
        <source>填写信息</source>
        <translation>Fill in the form</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="29" />
        <source>提交材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="30" />
        <source>核对信息</source>
        <translation>Check and submit</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="30" />
        <source>正在提交</source>
        <translation>Submitting</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="30" />
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="31" />
        <source>办理结果</source>
        <translation>Your result</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="31" />
        <source>我的空间</source>
        <translation>My space</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="32" />
        <source>服务评价</source>
        <translation>Rate the service</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="32" />
        <source>办理结束</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="32" />
        <source>办件进度查询</source>
        <translation>Application progress</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="33" />
        <source>办不成事反映</source>
        <translation>Report a problem</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="33" />
        <source>帮办代办</source>
        <translation>Ask for help</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="34" />
        <source>替他人办理</source>
        <translation>Applying for someone else</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="35" />
        <source>维护模式</source>
        <translation>Maintenance mode</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <location filename="../viewmodels/maintenance.py" line="57" />
        <source>身份证读卡器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="58" />
        <source>社保卡读卡器</source>
        <translation>Social security card reader</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="59" />
        <source>扫码器</source>
        <translation>QR code reader</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="60" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="61" />
        <source>A4 打印机</source>
        <translation>A4 printer</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="62" />
        <source>扫描仪</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="63" />
        <source>政务平台与时钟</source>
        <translation>Platform and clock</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="64" />
        <location filename="../viewmodels/maintenance.py" line="66" />
        <source>语音播报</source>
        <translation>Voice guidance</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="65" />
        <source>本机存储</source>
        <translation>Local storage</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="67" />
        <source>时钟</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="71" />
        <source>维护密码不正确，请 %1 秒后再试</source>
        <translation>Wrong maintenance PIN; try again in %1 s</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="72" />
        <source>输错次数过多，请 %1 秒后再试</source>
        <translation>Too many wrong tries; try again in %1 s</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="73" />
        <source>本机还没有设置维护密码：请用 kiosk maintenance pin set 设置</source>
        <translation>No maintenance PIN is set on this terminal: set one with kiosk maintenance pin set</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="76" />
        <source>超时：没有在规定时间内得到结果</source>
        <translation>Timed out: no answer within the deadline</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="77" />
        <source>出错了：%1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="78" />
        <source>这不是维护卡。办事请点“开始办事”。</source>
        <translation>This is not a technician card. To use a service, tap "Start".</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="79" />
        <source>维护卡未通过验证（%1），已记录</source>
        <translation>The technician card was not accepted (%1); the attempt was logged</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="80" />
        <source>此功能暂不可用（%1）</source>
        <translation>Not available now (%1)</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="81" />
        <source>维护密码</source>
        <translation>maintenance PIN</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="82" />
        <source>维护卡</source>
        <translation>technician card</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="83" />
        <source>已重新排队：%1</source>
        <translation>Queued again: %1</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="84" />
        <source>没有重试：%1</source>
        <translation>Not retried: %1</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="85" />
        <source>服务目录已是最新：版本 %1</source>
        <translation>The catalog is up to date: version %1</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="86" />
        <source>更新没有完成：%1</source>
        <translation>Update not done: %1</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="87" />
        <source>服务目录已更新到版本 %1</source>
        <translation>Catalog updated to version %1</translation>
    </message>
    <message>
        <location filename="../viewmodels/maintenance.py" line="88" />
        <source>有居民正在办理，现在不能进入维护模式</source>
        <translation>A resident is using the terminal; maintenance mode cannot open now</translation>
    </message>
</context>
<context>
    <name>MaintenanceConfig</name>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="15" />
        <source>已保存 %1 到 %2（原文件保留为 .prev）。已重新启动：%3</source>
        <translation>Saved %1 to %2 (the previous file kept as .prev). Restarted: %3</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="16" />
        <source>无</source>
        <translation>nothing</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="17" />
        <source>需要重新启动整机才能生效</source>
        <translation>The whole kiosk must restart for this to apply</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="18" />
        <source>未保存，%1 不正确：%2</source>
        <translation>Not saved, %1 is wrong: %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="32" />
        <source>可选：%1</source>
        <translation>Choices: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="33" />
        <source>密钥不在这里显示或修改</source>
        <translation>Secrets are not shown or changed here</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="41" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceConfig.qml" line="42" />
        <source>保存 %1</source>
        <translation>Save %1</translation>
    </message>
</context>
<context>
    <name>MaintenanceExport</name>
    <message>
        <location filename="../qml/screens/MaintenanceExport.qml" line="9" />
        <source>导出的内容：日志（已脱敏）、设备状态、配置（不含密钥）、审计链头。整个文件用本机密钥签名。</source>
        <translation>The export holds the logs (masked), device health, the settings (no secrets) and the audit head, signed with this terminal's key.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceExport.qml" line="14" />
        <source>导出到U盘</source>
        <translation>Export to USB drive</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceExport.qml" line="21" />
        <source>上传到政务平台</source>
        <translation>Upload to the platform</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceExport.qml" line="30" />
        <source>导出完成：%1（%2，SHA-256 %3…）</source>
        <translation>Exported: %1 (%2, SHA-256 %3…)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceExport.qml" line="32" />
        <source>导出没有完成：%1</source>
        <translation>Export not done: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceExport.qml" line="34" />
        <source>没有留下看似完整的文件</source>
        <translation>Nothing that looks complete was left behind</translation>
    </message>
</context>
<context>
    <name>MaintenanceOutbox</name>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="13" />
        <source>待发</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="13" />
        <source>发送中</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="13" />
        <source>等待重试</source>
        <translation>waiting to retry</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="13" />
        <source>已发送</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="14" />
        <source>被平台拒绝</source>
        <translation>rejected by the platform</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="14" />
        <source>已隔离</source>
        <translation>quarantined</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="19" />
        <source>待发队列为空</source>
        <translation>The outbox is empty</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="25" />
        <source>最早一条待发已等待 %1 分钟</source>
        <translation>The oldest pending row has waited %1 min</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="37" />
        <source>已尝试 %1 次</source>
        <translation>%1 attempt(s)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="38" />
        <source>原因：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="44" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOutbox.qml" line="45" />
        <source>重试 %1</source>
        <translation>Retry %1</translation>
    </message>
</context>
<context>
    <name>MaintenanceOverview</name>
    <message>
        <location filename="../qml/screens/MaintenanceOverview.qml" line="15" />
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOverview.qml" line="15" />
        <source>不可用</source>
        <translation>not usable</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOverview.qml" line="17" />
        <source>最近一次故障：%1</source>
        <translation>Last fault: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceOverview.qml" line="22" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>MaintenancePin</name>
    <message>
        <location filename="../qml/screens/MaintenancePin.qml" line="30" />
        <source>维护模式：请输入维护密码</source>
        <translation>Maintenance mode: enter the maintenance PIN</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="11" />
        <source>设备概况</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="11" />
        <source>自检</source>
        <translation>Self-tests</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="11" />
        <source>配置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="12" />
        <source>待发队列</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="12" />
        <source>服务目录</source>
        <translation>Service catalog</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="12" />
        <source>审计校验</source>
        <translation>Audit check</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="13" />
        <source>存储</source>
        <translation>Storage</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="13" />
        <source>导出支持包</source>
        <translation>Support export</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="18" />
        <source>已进入维护模式（%1）。离开时本次显示的内容全部清除。</source>
        <translation>Maintenance mode (%1). Everything shown here is erased when you leave.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="38" />
        <source>正在处理，请稍候……</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="58" />
        <source>退出维护</source>
        <translation>Leave maintenance</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceScreen.qml" line="59" />
        <source>退出维护模式，清除本次显示的内容，回到首页</source>
        <translation>Leave maintenance mode, erase what was shown and return to the start screen</translation>
    </message>
</context>
<context>
    <name>MaintenanceSelftest</name>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="11" />
        <source>身份证读卡器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="11" />
        <source>社保卡读卡器</source>
        <translation>Social security card reader</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="11" />
        <source>扫码器</source>
        <translation>QR code reader</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="12" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="12" />
        <source>扫描仪</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="12" />
        <source>语音播报</source>
        <translation>Voice guidance</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="12" />
        <source>政务平台与时钟</source>
        <translation>Platform and clock</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="20" />
        <source>全部自检</source>
        <translation>Test all devices</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="42" />
        <source>%1 项自检全部通过</source>
        <translation>All %1 self-tests passed</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="43" />
        <source>未通过：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="55" />
        <source>已跳过</source>
        <translation>skipped</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="55" />
        <source>通过</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="55" />
        <source>未通过</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="57" />
        <source>需要人在场</source>
        <translation>needs a person</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSelftest.qml" line="67" />
        <source>扫描到的测试页</source>
        <translation>The scanned test page</translation>
    </message>
</context>
<context>
    <name>MaintenanceSystem</name>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="16" />
        <source>当前服务目录版本：%1</source>
        <translation>Catalog version in service: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="22" />
        <source>立即更新</source>
        <translation>Update now</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="36" />
        <source>审计记录完整，签名的链头一致（%1 条）</source>
        <translation>Audit log intact, signed head matches (%1 entries)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="37" />
        <source>审计校验发现问题：</source>
        <translation>The audit check found problems:</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="43" />
        <source>重新校验</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="56" />
        <source>数据目录：%1</source>
        <translation>Data directory: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="57" />
        <source>已用 %1，可用 %2（低于 %3 时暂停受理新申请）</source>
        <translation>Used %1, free %2 (below %3 no new applications are taken)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="59" />
        <source>空间不足：正在暂停受理</source>
        <translation>Low on space: applications are paused</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="65" />
        <source>上次清理：%1（%2）</source>
        <translation>Last purge: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaintenanceSystem.qml" line="66" />
        <source>还没有清理过</source>
        <translation>No purge has run yet</translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <location filename="../viewmodels/materials.py" line="26" />
        <source>扫描仪卡纸了。可以改用电子证照或容缺办理，或点“帮办代办”。</source>
        <translation>The scanner is jammed. You can use an e-license or supply it later, or tap "Ask for help".</translation>
    </message>
    <message>
        <location filename="../viewmodels/materials.py" line="29" />
        <source>没有放入材料。请把材料正面朝下放好，再点“扫描”。</source>
        <translation>No document found. Place it face down and tap "Scan".</translation>
    </message>
    <message>
        <location filename="../viewmodels/materials.py" line="32" />
        <source>扫描仪盖板没有合上，请合上后再试。</source>
        <translation>The scanner cover is open; close it and try again.</translation>
    </message>
    <message>
        <location filename="../viewmodels/materials.py" line="33" />
        <source>扫描仪暂时不能使用。可以改用电子证照或容缺办理，或到人工窗口。</source>
        <translation>The scanner is not available. You can use an e-license or supply it later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../viewmodels/materials.py" line="36" />
        <source>扫描仪没有响应（超时）。可以再试一次，也可以改用电子证照或容缺办理，或点“帮办代办”。</source>
        <translation>The scanner did not answer (timed out). You can try once more, use an e-license or supply it later, or tap "Ask for help".</translation>
    </message>
    <message>
        <location filename="../viewmodels/materials.py" line="40" />
        <source>这次没有扫描成功，请再试一次。</source>
        <translation>That scan did not work; please try again.</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="35" />
        <source>现在无法连接电子证照库：请扫描纸质证件。</source>
        <translation>The e-license service cannot be reached now: please scan the paper documents.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="42" />
        <source>扫描仪暂时不能使用：可以改用电子证照（有的材料可用）、容缺后补（允许的材料），或点“帮办代办”请工作人员协助。</source>
        <translation>The scanner is not available now: use an e-license (where a material offers one), supply it later (where allowed), or tap "Ask for help" for a member of staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="49" />
        <source>帮办代办</source>
        <translation>Ask for help</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="66" />
        <source>（非必需）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="22" />
        <source>图中亮起的位置是扫描区</source>
        <translation>The lit-up part of the picture is the scanner</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="27" />
        <source>请逐项提交。扫描时把材料正面朝下放在扫描区（图中亮起的位置）。</source>
        <translation>Hand in each material. To scan, place the document face down on the scanner (lit up in the picture).</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="28" />
        <source>请逐项提交。</source>
        <translation>Hand in each material.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="68" />
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/MaterialsScreen.qml" line="68" />
        <source>%n 份</source>
        <translation><numerusform>%n copy</numerusform><numerusform>%n copies</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="73" />
        <source>已扫描</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="74" />
        <source>已读取身份证</source>
        <translation>ID card read</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="75" />
        <source>使用电子证照</source>
        <translation>Using the e-license</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="76" />
        <source>容缺后补，请在 %1 前补交</source>
        <translation>To be supplied later, by %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="77" />
        <source>以告知承诺代替</source>
        <translation>Covered by your written commitment</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="78" />
        <source>正在扫描…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="79" />
        <source>没有扫描成功</source>
        <translation>Not scanned</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="80" />
        <source>还没有提交</source>
        <translation>Not handed in yet</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="85" />
        <source>！ </source>
        <translation>! </translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="97" />
        <source>扫描预览：%1</source>
        <translation>Scan preview: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="102" />
        <source>可用电子证照代替：%1</source>
        <translation>Your e-license can replace it: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="115" />
        <location filename="../qml/screens/MaterialsScreen.qml" line="116" />
        <source>重拍</source>
        <translation>Scan again</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="115" />
        <location filename="../qml/screens/MaterialsScreen.qml" line="116" />
        <source>扫描</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="123" />
        <source>用电子证照（免提交）</source>
        <translation>Use my e-license (no paper)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="124" />
        <source>用电子证照代替 %1</source>
        <translation>Use the e-license instead of %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/MaterialsScreen.qml" line="132" />
        <source>暂时没有，容缺后补（%n 个工作日内）</source>
        <translation><numerusform>I don't have it now; supply later (within %n working day)</numerusform><numerusform>I don't have it now; supply later (within %n working days)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="133" />
        <source>容缺后补 %1</source>
        <translation>Supply %1 later</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="140" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="141" />
        <source>撤销 %1 的选择</source>
        <translation>Undo the choice for %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="149" />
        <source>告知承诺书（请完整阅读）</source>
        <translation>Written commitment (please read it all)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="155" />
        <source>我已阅读并承诺以上内容属实（点此撤回）</source>
        <translation>I have read this and confirm it is true (tap to withdraw)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="156" />
        <source>我已阅读，承诺以上内容属实</source>
        <translation>I have read this and confirm it is true</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="165" />
        <source>带 * 的材料都要有着落（扫描、电子证照、容缺或承诺）才能继续。</source>
        <translation>Every material marked * needs a scan, an e-license, a later date or your commitment before you can go on.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MaterialsScreen.qml" line="174" />
        <source>下一步：核对</source>
        <translation>Next: check</translation>
    </message>
</context>
<context>
    <name>MoreHint</name>
    <message>
        <location filename="../qml/components/MoreHint.qml" line="50" />
        <source>下面还有内容，向上滑动查看</source>
        <translation>There is more below: swipe up to see it</translation>
    </message>
    <message>
        <location filename="../qml/components/MoreHint.qml" line="55" />
        <source>下面还有，向上滑动查看</source>
        <translation>More below: swipe up</translation>
    </message>
</context>
<context>
    <name>MySpace</name>
    <message>
        <location filename="../viewmodels/myspace.py" line="32" />
        <source>自助终端</source>
        <translation>the self-service terminal</translation>
    </message>
    <message>
        <location filename="../viewmodels/myspace.py" line="33" />
        <source>网上办事大厅</source>
        <translation>the online service hall</translation>
    </message>
    <message>
        <location filename="../viewmodels/myspace.py" line="34" />
        <source>服务窗口</source>
        <translation>a service window</translation>
    </message>
    <message>
        <location filename="../viewmodels/myspace.py" line="37" />
        <source>已享受，无需操作</source>
        <translation>Being paid; nothing to do</translation>
    </message>
    <message>
        <location filename="../viewmodels/myspace.py" line="38" />
        <source>待您确认</source>
        <translation>Waiting for your confirmation</translation>
    </message>
    <message>
        <location filename="../viewmodels/myspace.py" line="39" />
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
</context>
<context>
    <name>MySpaceScreen</name>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="32" />
        <source>正在打开我的空间</source>
        <translation>Opening your space</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="38" />
        <source>正在向政务服务平台查询您的办件、证照和待遇，请稍候…</source>
        <translation>Asking the government service platform for your applications, licences and benefits, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="51" />
        <source>可以点“返回首页”去办其他事，或点“帮办代办”请工作人员协助。</source>
        <translation>Tap "Back to start" to do something else, or "Ask for help" for a member of staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="58" />
        <source>以下内容来自政务服务平台，只在本次使用时显示，点“完成”或离开后立即从本机清除。</source>
        <translation>This comes from the government service platform and is shown for this visit only: it is erased from this terminal when you tap "Finish" or leave.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="63" />
        <source>事项、待遇和政策的名称仅提供中文。</source>
        <translation>Names of services, benefits and policies are in Chinese only.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="71" />
        <source>可享受的待遇（免申即享）</source>
        <translation>Benefits you qualify for (no application needed)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="77" />
        <source>目前没有您可享受的免申即享待遇。</source>
        <translation>There are no benefits for you to take up at the moment.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="87" />
        <source>政策依据：%1</source>
        <translation>Policy: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="94" />
        <source>（确认编号 %1）</source>
        <translation> (confirmation no. %1)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="98" />
        <source>这项待遇需要您确认后发放，请于 %1 前确认。</source>
        <translation>This benefit is paid once you confirm it; please confirm by %1.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="106" />
        <source>正在确认…</source>
        <translation>Confirming…</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="106" />
        <source>确认领取</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="107" />
        <source>确认领取：%1</source>
        <translation>Confirm: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="125" />
        <source>我的办件（%1）</source>
        <translation>My applications (%1)</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="131" />
        <source>目前没有您的办件记录。</source>
        <translation>You have no applications on record.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="142" />
        <source>编号：%1 · 来自%2</source>
        <translation>No. %1 · via %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="150" />
        <source>  · 更新于 %1</source>
        <translation>  · updated %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="155" />
        <source>下一步：%1</source>
        <translation>Next: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="156" />
        <source>部分内容仅提供中文</source>
        <translation>Available in Chinese only</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="161" />
        <source>截止日期：%1</source>
        <translation>Deadline: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="171" />
        <source>我的电子证照</source>
        <translation>My e-licences</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="177" />
        <source>电子证照暂时取不到，其余内容不受影响。</source>
        <translation>Your e-licences cannot be fetched right now; the rest is shown as usual.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="178" />
        <source>目前没有您的电子证照。</source>
        <translation>You have no e-licences on record.</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="187" />
        <source>证照编号：%1</source>
        <translation>Licence no.: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="191" />
        <source>有效期至：%1</source>
        <translation>Valid until: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="197" />
        <source>已验证 · %1</source>
        <translation>Verified: sealed by %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="208" />
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="217" />
        <source>帮办代办</source>
        <translation>Ask for help</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="225" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="234" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../qml/screens/MySpaceScreen.qml" line="235" />
        <source>结束本次使用，您的信息会从本机清除</source>
        <translation>End this visit: your information is erased from this terminal</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../qml/screens/OutOfServiceScreen.qml" line="13" />
        <location filename="../qml/screens/OutOfServiceScreen.qml" line="26" />
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location filename="../qml/screens/OutOfServiceScreen.qml" line="14" />
        <location filename="../qml/screens/OutOfServiceScreen.qml" line="42" />
        <source>如需帮助，请拨打服务热线 %1</source>
        <translation>For help, call the service hotline %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/OutOfServiceScreen.qml" line="36" />
        <source>本机暂时不能受理业务，已保存的申请不会丢失。请到其他终端或窗口办理。</source>
        <translation>This terminal cannot take applications now; saved applications are kept. Please use another terminal or a service window.</translation>
    </message>
    <message>
        <location filename="../qml/screens/OutOfServiceScreen.qml" line="55" />
        <source>维护人员：%1，请查看 kiosk status</source>
        <translation>Technicians: %1, see kiosk status</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/components/PinPad.qml" line="25" />
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../qml/components/PinPad.qml" line="73" />
        <source>密码，已输入 %1 位</source>
        <translation>PIN, %1 digits entered</translation>
    </message>
    <message>
        <location filename="../qml/components/PinPad.qml" line="111" />
        <source>删除一位</source>
        <translation>Delete one digit</translation>
    </message>
    <message>
        <location filename="../qml/components/PinPad.qml" line="115" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../qml/components/PinPad.qml" line="144" />
        <location filename="../qml/components/PinPad.qml" line="146" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../qml/screens/ProblemScreen.qml" line="6" />
        <source>遇到了什么问题？</source>
        <translation>What went wrong?</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProblemScreen.qml" line="7" />
        <source>您的反映会转给负责部门跟进处理。</source>
        <translation>Your report goes to the department in charge, which will follow it up.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProblemScreen.qml" line="21" />
        <source>补充说明（可不填）</source>
        <translation>More details (optional)</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProblemScreen.qml" line="29" />
        <source>已收到您的反映（编号 %1），我们会尽快处理。</source>
        <translation>We have your report (no. %1) and will deal with it soon.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProblemScreen.qml" line="35" />
        <source>没有保存成功，请再试一次，或拨打热线 %1。</source>
        <translation>It was not saved; please try again or phone the hotline %1.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProblemScreen.qml" line="41" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProblemScreen.qml" line="50" />
        <source>提交反映</source>
        <translation>Send report</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="6" />
        <source>您对本次服务满意吗？</source>
        <translation>Were you satisfied with this service?</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="7" />
        <source>评价自愿，可以直接跳过。</source>
        <translation>Rating is voluntary; you can skip it.</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="21" />
        <source>请告诉我们哪里不满意（至少选一项），我们会跟进整改：</source>
        <translation>Please tell us what was wrong (choose at least one); we will follow it up:</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="43" />
        <source>收起补充评价</source>
        <translation>Hide the details</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="43" />
        <source>补充分项评价和意见（可不填）</source>
        <translation>Rate in detail and add a comment (optional)</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="56" />
        <source>：%1 分</source>
        <translation>: %1 of 5</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="56" />
        <source>：未评</source>
        <translation>: not rated</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="69" />
        <source>%1 %2 分</source>
        <translation>%1 %2 of 5</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="79" />
        <source>1 分最低，5 分最高；再点一次可以取消。</source>
        <translation>1 is lowest, 5 is highest; tap again to clear.</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="84" />
        <source>意见和建议（可不填，最多 500 字）</source>
        <translation>Comments and suggestions (optional, at most 500 characters)</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="92" />
        <source>联系电话（可不填，便于回访）</source>
        <translation>Phone number (optional, so that we can follow up)</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="95" />
        <source>电话号码不对，请检查，或者不填。</source>
        <translation>This phone number is not right; check it or leave it empty.</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="101" />
        <source>评价没有保存成功，可以再试或跳过。</source>
        <translation>Your rating was not saved; try again or skip.</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="108" />
        <source>！ </source>
        <translation>! </translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="108" />
        <source>电话号码不对：改正或清空后才能提交评价。</source>
        <translation>The phone number is not right: correct it or clear it to send the rating.</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="115" />
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../qml/screens/RatingScreen.qml" line="123" />
        <source>提交评价</source>
        <translation>Send rating</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="10" />
        <source>申请已提交并保存</source>
        <translation>Your application is submitted and saved</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="12" />
        <source>受理编号（请保留）：</source>
        <translation>Reference number (please keep it):</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="16" />
        <source>现在没有联网，申请已安全保存在本机，联网后自动发送。凭此编号可以查询进度。</source>
        <translation>There is no network right now. Your application is safely saved here and will be sent automatically. Use this number to check progress.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="26" />
        <source>进度查询二维码</source>
        <translation>QR code to check progress</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="28" />
        <source>可用手机扫码查看进度</source>
        <translation>Scan with your phone to check progress</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="33" />
        <source>容缺受理，以下材料请在期限前补齐：</source>
        <translation>Accepted with materials to follow; please bring these by the date shown:</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="40" />
        <source>%1：请于 %2 前补齐</source>
        <translation>%1: bring it by %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="46" />
        <source>逾期未补齐的，本次申请将不予受理。</source>
        <translation>If they are not brought in time, the application will not be accepted.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="51" />
        <source>接下来：由%1审核办理，承诺时限 %2。</source>
        <translation>Next: %1 reviews and decides your application within %2.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="52" />
        <source>接下来：部门审核办理，承诺时限 %1。</source>
        <translation>Next: the department reviews and decides your application within %1.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="53" />
        <source>接下来：部门审核办理。</source>
        <translation>Next: the department reviews and decides your application.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="54" />
        <source>办理进度和结果可凭受理编号或扫码查询。</source>
        <translation> Check the progress and the result with the reference number or the QR code.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="60" />
        <source>委托人：%1；代办人：%2</source>
        <translation>Applied for: %1; agent: %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="66" />
        <source>办理机关：%1</source>
        <translation>Handled by: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="72" />
        <source>办理结果：%1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="80" />
        <source>回执已打印，请取走</source>
        <translation>Your receipt is printed; please take it</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="81" />
        <source>正在打印回执…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="82" />
        <source>打印机缺纸，回执没有打印出来。请记下编号或用手机扫码；工作人员换纸后可重新打印。</source>
        <translation>The printer is out of paper and your receipt was not printed. Note the number or scan the code with your phone; once staff load paper you can print it again.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="83" />
        <source>打印机暂时不能打印。请记下编号或用手机扫码保存。</source>
        <translation>The printer cannot print right now. Note the number or save it by scanning the code.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="93" />
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="101" />
        <source>下一步</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="21" />
        <source>正在获取证明</source>
        <translation>Getting the document</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="27" />
        <source>正在向政务服务平台获取证明，并核验电子印章，请稍候…</source>
        <translation>Getting the document from the government service platform and checking its electronic seal, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="43" />
        <source>已验证 · %1</source>
        <translation>Verified: sealed by %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="48" />
        <source>电子印章已在本机核验：证明由出具机关盖章，内容未被改动，持有人与所读证件一致。</source>
        <translation>This terminal checked the electronic seal: the issuing body sealed the document, it has not been changed, and it belongs to the card that was read.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="54" />
        <source>持有人：%1  %2</source>
        <translation>Holder: %1  %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="55" />
        <source>持有人证件号码：%1</source>
        <translation>Holder's ID number: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="62" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="68" />
        <source>证明内容为中文。切换到中文界面可以查看各项内容。</source>
        <translation>The document is in Chinese. Switch the screen to Chinese to read its details.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="70" />
        <source>出具时间：%1</source>
        <translation>Issued: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="71" />
        <source>文件编号：%1</source>
        <translation>Document number: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="78" />
        <source>这份证明需要用A4纸打印，本机暂时还不能打印A4纸。证明已出具，请到窗口打印，或点“帮办代办”请工作人员协助。</source>
        <translation>This document needs A4 paper, which this terminal cannot print yet. The document has been issued: please print it at a service window, or tap "Ask for help" for a member of staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="85" />
        <source>证明已打印，请取走</source>
        <translation>The document is printed; please take it</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="86" />
        <source>正在打印证明…</source>
        <translation>Printing the document…</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="87" />
        <source>打印机缺纸，证明没有打印出来。请点“帮办代办”，工作人员换纸后可重新打印。</source>
        <translation>The printer is out of paper and the document was not printed. Tap "Ask for help"; once staff have added paper you can print it again.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="88" />
        <source>打印机暂时不能打印，证明没有打印出来。可以再试一次，或到窗口打印。</source>
        <translation>The printer cannot print right now and the document was not printed. Try again, or print it at a service window.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="120" />
        <source>本机没有打印任何内容。</source>
        <translation>Nothing was printed.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="124" />
        <source>也可以点“帮办代办”，请工作人员来协助。</source>
        <translation>You can also tap "Ask for help" for a member of staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="109" />
        <source>这项证明需要联网才能当场出具。可以改为提交申请：申请保存在本机，联网后自动发送，由工作人员办理。</source>
        <translation>Issuing this document on the spot needs the network. You can submit an application instead: it is saved on this terminal, sent once it is back online, and handled by staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="133" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="141" />
        <source>帮办代办</source>
        <translation>Ask for help</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="148" />
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="156" />
        <source>改为提交申请</source>
        <translation>Apply instead</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="166" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="166" />
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../qml/screens/ResultScreen.qml" line="175" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../viewmodels/submission.py" line="23" />
        <source>已扫描</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location filename="../viewmodels/submission.py" line="24" />
        <source>电子证照</source>
        <translation>E-license</translation>
    </message>
    <message>
        <location filename="../viewmodels/submission.py" line="25" />
        <source>容缺后补</source>
        <translation>Supply later</translation>
    </message>
    <message>
        <location filename="../viewmodels/submission.py" line="26" />
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location filename="../viewmodels/submission.py" line="27" />
        <source>已读取身份证</source>
        <translation>ID card read</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="8" />
        <source>申请人：%1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="10" />
        <source>填写的信息</source>
        <translation>Your answers</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="13" />
        <source>（未填）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="13" />
        <location filename="../qml/screens/ReviewScreen.qml" line="22" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="15" />
        <source>英文姓名：%1</source>
        <translation>English name: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="18" />
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="23" />
        <source>未提交（非必需）</source>
        <translation>Not handed in (optional)</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="24" />
        <source>，%1 前补交</source>
        <translation>, to be supplied by %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="27" />
        <source>已确认告知承诺</source>
        <translation>Commitment confirmed</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="33" />
        <source>没有保存成功，您的信息还在。请再点一次“确认提交”；仍不行请点“帮办代办”。</source>
        <translation>It was not saved, but your information is still here. Tap "Submit" again; if it still fails, tap "Ask for help".</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="39" />
        <source>现在没有联网：提交后先保存在本机，联网后自动发送，回执上的编号同样有效。</source>
        <translation>There is no network right now: your application is saved here and sent automatically later; the number on your receipt is valid.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="45" />
        <source>返回修改</source>
        <translation>Go back and edit</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="53" />
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
</context>
<context>
    <name>ScreenPage</name>
    <message>
        <location filename="../qml/components/ScreenPage.qml" line="73" />
        <source>第 %1 步，共 %2 步</source>
        <translation>Step %1 of %2</translation>
    </message>
</context>
<context>
    <name>SleepOverlay</name>
    <message>
        <location filename="../qml/components/SleepOverlay.qml" line="13" />
        <location filename="../qml/components/SleepOverlay.qml" line="21" />
        <source>轻触屏幕唤醒</source>
        <translation>Touch to wake</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../viewmodels/feedback.py" line="36" />
        <source>已收件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="37" />
        <source>已保存，待发送</source>
        <translation>Saved, waiting to be sent</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="38" />
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="39" />
        <source>需要补充材料</source>
        <translation>More materials needed</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="40" />
        <source>审核中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="41" />
        <source>已通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="42" />
        <source>未通过</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <location filename="../viewmodels/feedback.py" line="43" />
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="11" />
        <source>请把回执上的二维码对准扫码窗口…</source>
        <translation>Hold the QR code on your receipt to the scanner window…</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="11" />
        <source>扫描回执二维码</source>
        <translation>Scan the QR code on your receipt</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="16" />
        <source>或输入受理编号</source>
        <translation>Or type the reference number</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="24" />
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="31" />
        <source>没有找到这个编号，请核对后再试。</source>
        <translation>This number was not found; please check it and try again.</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="31" />
        <source>暂时查不到，请稍后再试。</source>
        <translation>It cannot be looked up right now; please try later.</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="35" />
        <source>编号：%1</source>
        <translation>Number: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="37" />
        <source>更新时间：%1</source>
        <translation>Updated: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="46" />
        <source>已由平台确认，电子印章已验证</source>
        <translation>Confirmed by the platform; electronic seal verified</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="47" />
        <source>已由平台确认，电子印章已验证：%1</source>
        <translation>Confirmed by the platform; electronic seal verified: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="54" />
        <source>（网络未连接，显示的是本机记录）</source>
        <translation>(No network: showing this terminal's own record)</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="64" />
        <source>部分内容仅提供中文</source>
        <translation>Available in Chinese only</translation>
    </message>
    <message>
        <location filename="../qml/screens/StatusScreen.qml" line="72" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../qml/components/StatusStrip.qml" line="15" />
        <source>设备状态</source>
        <translation>Device status</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusStrip.qml" line="27" />
        <source>！ </source>
        <translation>! </translation>
    </message>
</context>
<context>
    <name>Strip</name>
    <message>
        <location filename="../viewmodels/devices.py" line="15" />
        <source>网络未连接：可以照常办理，材料保存在本机，联网后自动发送</source>
        <translation>No network: you can still apply; everything is saved here and sent automatically later</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="18" />
        <source>打印机缺纸：回执可在屏幕上查看</source>
        <translation>Printer out of paper: your receipt is shown on screen</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="19" />
        <source>打印机暂不可用：回执可在屏幕上查看</source>
        <translation>Printer not available: your receipt is shown on screen</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="20" />
        <source>身份证读卡器暂不可用：可用社保卡或二维码</source>
        <translation>ID card reader not available: use your social security card or QR code</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="23" />
        <source>社保卡读卡器暂不可用</source>
        <translation>Social security card reader not available</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="24" />
        <source>扫码器暂不可用</source>
        <translation>QR scanner not available</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="25" />
        <source>扫描仪暂不可用：可用电子证照或到窗口</source>
        <translation>Scanner not available: use e-licenses or a service counter</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="26" />
        <source>扫描仪卡纸</source>
        <translation>Scanner jammed</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="27" />
        <source>本机存储空间不足：暂停受理新申请，可查询进度或到窗口办理</source>
        <translation>Storage low: no new applications for now; you can check a status or go to a service window</translation>
    </message>
    <message>
        <location filename="../viewmodels/devices.py" line="31" />
        <source>语音播报暂不可用：请看屏幕提示</source>
        <translation>Voice guidance not available: please follow the screen</translation>
    </message>
</context>
<context>
    <name>SubmitScreen</name>
    <message>
        <location filename="../qml/screens/SubmitScreen.qml" line="11" />
        <source>正在提交</source>
        <translation>Submitting</translation>
    </message>
    <message>
        <location filename="../qml/screens/SubmitScreen.qml" line="16" />
        <source>正在保存您的申请，请不要离开…</source>
        <translation>Saving your application, please stay…</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/components/TopBar.qml" line="104" />
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="111" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="105" />
        <source>回到首页，并清除本次填写的信息</source>
        <translation>Back to the start; what you entered is erased</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="26" />
        <location filename="../qml/components/TopBar.qml" line="82" />
        <source>已联网</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="27" />
        <location filename="../qml/components/TopBar.qml" line="83" />
        <source>未联网</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="68" />
        <source>现在时间：%1</source>
        <translation>Time now: %1</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="89" />
        <source>网络：已联网</source>
        <translation>Network: online</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="89" />
        <source>网络：未联网，可以照常办理</source>
        <translation>Network: offline; you can still apply as usual</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="117" />
        <source>字号颜色</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="118" />
        <source>显示设置：文字大小和颜色</source>
        <translation>Display settings: text size and colours</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="131" />
        <source>语音</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="132" />
        <source>关闭语音播报</source>
        <translation>Turn voice guidance off</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="132" />
        <source>打开语音播报</source>
        <translation>Turn voice guidance on</translation>
    </message>
</context>
<context>
    <name>Voice</name>
    <message>
        <location filename="../voice.py" line="50" />
        <source>您好，请点击开始办事。需要大字和语音，请点长辈版。</source>
        <translation>Hello. Tap Start to begin. For large text and voice, tap Senior mode.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="51" />
        <source>您好，这是长辈版。请点您要办的事，找人帮忙请点找人帮忙。</source>
        <translation>Hello, this is senior mode. Tap what you need; to get help, tap Ask someone to help.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="54" />
        <source>请选择要办的事，或者在上方输入关键词搜索。</source>
        <translation>Choose a service, or search with a keyword above.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="55" />
        <source>这是办事指南。看好后，请点开始办理。</source>
        <translation>This is the service guide. When you are ready, tap Apply now.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="56" />
        <source>请选择身份证、社保卡或二维码来确认身份。</source>
        <translation>Choose your ID card, social security card or QR code to prove who you are.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="57" />
        <source>请核对并填写表格。</source>
        <translation>Please check and fill in the form.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="58" />
        <source>请逐项提交材料。</source>
        <translation>Please hand in each material.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="59" />
        <source>请核对所有信息，确认无误后点提交。</source>
        <translation>Please check everything, then tap Submit.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="60" />
        <source>正在提交，请稍候。</source>
        <translation>Submitting, please wait.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="61" />
        <source>已提交。请取走回执。</source>
        <translation>Submitted. Please take your receipt.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="62" />
        <source>这是办理结果，请看屏幕上的说明。</source>
        <translation>Here is your result; please read the screen.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="63" />
        <source>这是您的空间，可以查看办件、证照和可享受的待遇。</source>
        <translation>This is your space: your applications, licences and the benefits you qualify for.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="64" />
        <source>欢迎评价本次服务，也可以直接跳过。</source>
        <translation>You are welcome to rate this service, or skip it.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="65" />
        <source>办理结束，请带好您的证件和回执。</source>
        <translation>You are done. Please take your card and receipt.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="66" />
        <source>请扫描回执上的二维码，或输入受理编号。</source>
        <translation>Scan the QR code on your receipt, or type the reference number.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="67" />
        <source>请告诉我们遇到了什么问题。</source>
        <translation>Please tell us what went wrong.</translation>
    </message>
    <message>
        <location filename="../voice.py" line="68" />
        <source>请选择需要什么帮助，工作人员会来协助。</source>
        <translation>Choose the help you need; staff will come to assist you.</translation>
    </message>
</context>
</TS>