import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The terminal's header on top (name and place; date, time and network on the right); below
// it home / back on the left; display settings, language and voice on the right; the step's
// title on its own line below (it wraps, never cut), so nothing shifts when the text grows.
Rectangle {
    id: bar
    property string title: ""
    signal homeAsked()
    signal settingsAsked()
    implicitHeight: info.height + theme.gap / 2 + row.implicitHeight + theme.gap
                    + (titleText.visible ? titleText.implicitHeight + theme.gap / 2 : 0)
    color: theme.c.primary
    // The header: its height never changes with the network state or the minute (the right
    // column is as wide as its widest text in either state), so nothing below it moves.
    Item {
        id: info
        objectName: "terminalHeader"
        anchors { left: parent.left; right: parent.right; top: parent.top
                  leftMargin: theme.gap; rightMargin: theme.gap; topMargin: theme.gap / 2 }
        height: Math.max(placeText.implicitHeight, clockText.implicitHeight + netBox.height)
        TextMetrics { id: clockWidest; font.pixelSize: theme.smallPx; font.bold: true
                      text: kioskHeader.clockSample }
        TextMetrics { id: onlineWidth; font.pixelSize: theme.smallPx; text: "✓ " + qsTr("已联网") }
        TextMetrics { id: offlineWidth; font.pixelSize: theme.smallPx; font.bold: true; text: "！ " + qsTr("未联网") }
        Text {
            id: placeText
            objectName: "headerPlace"
            anchors { left: parent.left; right: rightCol.left; rightMargin: theme.gap; top: parent.top }
            text: kioskHeader.name + "  ·  " + kioskHeader.place
            color: theme.c.onPrimary
            font.pixelSize: theme.smallPx
            font.bold: true
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        // the terminal's name held 5 s on the idle start screen opens the maintenance PIN pad (a
        // technician's way in; nothing happens during a resident's session)
        MouseArea {
            objectName: "terminalName"
            anchors.fill: placeText
            enabled: session.screen === "attract"
            pressAndHoldInterval: 5000
            onPressAndHold: if (maintenance) maintenance.openPin()
            Accessible.role: Accessible.StaticText
            Accessible.name: placeText.text
        }
        Item {
            id: rightCol
            anchors { right: parent.right; top: parent.top }
            width: Math.ceil(Math.max(clockWidest.advanceWidth, clockText.implicitWidth,
                                      onlineWidth.advanceWidth, offlineWidth.advanceWidth)) + theme.gap
            height: parent.height
            Text {
                id: clockText
                objectName: "headerClock"
                anchors { right: parent.right; top: parent.top; rightMargin: theme.gap / 4 }
                text: kioskHeader.date + "  " + kioskHeader.time
                color: theme.c.onPrimary
                font.pixelSize: theme.smallPx
                font.bold: true
                textFormat: Text.PlainText
                Accessible.role: Accessible.Clock
                Accessible.name: qsTr("现在时间：%1").arg(text)
            }
            // words and a symbol, never colour alone; offline in the status strip's colours
            Rectangle {
                id: netBox
                anchors { right: parent.right; top: clockText.bottom }
                width: netText.implicitWidth + theme.gap / 2
                height: netText.implicitHeight + 4
                radius: 4
                color: devices.online ? "transparent" : theme.c.stripBg
                Text {
                    id: netText
                    objectName: "headerNetwork"
                    anchors { right: parent.right; rightMargin: theme.gap / 4; verticalCenter: parent.verticalCenter }
                    text: devices.online ? "✓ " + qsTr("已联网")
                                         : (session.language === "en" ? "! " : "！ ") + qsTr("未联网")
                    color: devices.online ? theme.c.onPrimary : theme.c.stripText
                    font.pixelSize: theme.smallPx
                    font.bold: !devices.online
                    textFormat: Text.PlainText
                    Accessible.role: Accessible.StaticText
                    Accessible.name: devices.online ? qsTr("网络：已联网") : qsTr("网络：未联网，可以照常办理")
                }
            }
        }
    }
    // plain anchors, not a column layout: this bar is on the start screen's first frame
    RowLayout {
            id: row
            anchors { left: parent.left; right: parent.right; top: info.bottom; margins: theme.gap / 2 }
            anchors.leftMargin: theme.gap
            anchors.rightMargin: theme.gap
            spacing: theme.gap / 2
            KButton {
                objectName: "btnHome"
                visible: session.screen !== "attract"
                text: qsTr("首页")
                Accessible.description: qsTr("回到首页，并清除本次填写的信息")
                onClicked: bar.homeAsked()
            }
            KButton {
                objectName: "btnBack"
                visible: session.canGoBack
                text: qsTr("上一步")
                onClicked: session.back()
            }
            Item { Layout.fillWidth: true }
            KButton {
                objectName: "btnDisplay"
                text: qsTr("字号颜色")
                Accessible.name: qsTr("显示设置：文字大小和颜色")
                onClicked: bar.settingsAsked()
            }
            KButton {
                objectName: "btnLanguage"
                text: session.language === "en" ? "中文" : "English"
                Accessible.name: session.language === "en" ? "切换到中文" : "Switch to English"
                onClicked: session.setLanguage(session.language === "en" ? "zh_CN" : "en")
            }
            KButton {
                objectName: "btnVoice"
                visible: voice.available
                selected: voice.enabled
                text: qsTr("语音")
                Accessible.name: voice.enabled ? qsTr("关闭语音播报") : qsTr("打开语音播报")
                onClicked: voice.setEnabled(!voice.enabled)
            }
        }
    Text {
            id: titleText
            objectName: "screenTitle"
            anchors { left: parent.left; right: parent.right; top: row.bottom; topMargin: theme.gap / 2; leftMargin: theme.gap; rightMargin: theme.gap }
            visible: bar.title !== ""
            text: bar.title
            color: theme.c.onPrimary
            font.pixelSize: theme.titlePx
            font.bold: true
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: bar.title
        }
}
