import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Home / back on the left, the step's title, then language, 长辈版, text size, voice.
Rectangle {
    id: bar
    property string title: ""
    implicitHeight: row.implicitHeight + theme.gap
    color: theme.c.primary
    RowLayout {
        id: row
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: theme.gap }
        spacing: theme.gap / 2
        KButton {
            objectName: "btnHome"
            visible: session.screen !== "attract"
            text: qsTr("首页")
            Accessible.description: qsTr("回到首页，并清除本次信息")
            onClicked: session.home()
        }
        KButton {
            objectName: "btnBack"
            visible: session.canGoBack
            text: qsTr("上一步")
            onClicked: session.back()
        }
        Text {
            Layout.fillWidth: true
            text: bar.title
            color: theme.c.onPrimary
            font.pixelSize: theme.titlePx
            font.bold: true
            elide: Text.ElideRight
            Accessible.role: Accessible.Heading
            Accessible.name: bar.title
        }
        KButton {
            objectName: "btnSmaller"
            visible: theme.elder
            enabled: theme.canSmaller
            text: qsTr("字小")
            Accessible.name: qsTr("缩小文字")
            onClicked: theme.smaller()
        }
        KButton {
            objectName: "btnBigger"
            visible: theme.elder
            enabled: theme.canBigger
            text: qsTr("字大")
            Accessible.name: qsTr("放大文字")
            onClicked: theme.bigger()
        }
        KButton {
            objectName: "btnElder"
            text: theme.elder ? qsTr("标准版") : qsTr("长辈版")
            Accessible.name: theme.elder ? qsTr("切换到标准版") : qsTr("切换到长辈版：大字、高对比、语音")
            onClicked: shell.setElder(!theme.elder)
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
}
