import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Home / back on the left; display settings, language and voice on the right; the step's
// title on its own line below (it wraps, never cut), so nothing shifts when the text grows.
Rectangle {
    id: bar
    property string title: ""
    signal homeAsked()
    signal settingsAsked()
    implicitHeight: row.implicitHeight + theme.gap
                    + (titleText.visible ? titleText.implicitHeight + theme.gap / 2 : 0)
    color: theme.c.primary
    // plain anchors, not a column layout: this bar is on the start screen's first frame
    RowLayout {
            id: row
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: theme.gap / 2 }
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
            // the terminal's name; held 5 s on the idle start screen it opens the maintenance PIN
            // pad (a technician's way in; nothing happens during a resident's session)
            Text {
                id: nameText
                objectName: "terminalName"
                Layout.fillWidth: true
                Layout.minimumHeight: theme.targetPx
                verticalAlignment: Text.AlignVCenter
                text: shell.terminalName
                color: theme.c.onPrimary
                font.pixelSize: theme.smallPx
                wrapMode: Text.Wrap
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                MouseArea {
                    anchors.fill: parent
                    enabled: session.screen === "attract"
                    pressAndHoldInterval: 5000
                    onPressAndHold: maintenance.openPin()
                }
            }
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
