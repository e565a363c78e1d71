import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText { role: "hero"; text: shell.terminalName; horizontalAlignment: Text.AlignHCenter }
    KText {
        role: "muted"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("在这里可以办理常见政务服务，查询办件进度。")
    }
    Item { Layout.preferredHeight: theme.gap }
    KButton {
        objectName: "btnStart"
        kind: "primary"
        Layout.fillWidth: true
        Layout.preferredHeight: theme.targetPx * 2
        font.pixelSize: theme.heroPx
        text: qsTr("开始办事")
        onClicked: session.go("finder")
    }
    KButton {
        objectName: "btnElderEntry"
        Layout.fillWidth: true
        Layout.preferredHeight: theme.targetPx * 1.5
        font.pixelSize: theme.titlePx
        selected: theme.elder
        text: theme.elder ? qsTr("长辈版已打开（大字、语音）") : qsTr("长辈版（大字、语音）")
        Accessible.name: qsTr("长辈版：大字、高对比、语音播报")
        onClicked: shell.setElder(!theme.elder)
    }
    GridLayout {
        Layout.fillWidth: true
        columns: theme.elder ? 1 : 3
        columnSpacing: theme.gap
        rowSpacing: theme.gap
        KButton {
            objectName: "btnStatus"
            Layout.fillWidth: true
            text: qsTr("查询办件进度")
            onClicked: session.go("status")
        }
        KButton {
            objectName: "btnProblem"
            Layout.fillWidth: true
            text: qsTr("办不成事反映")
            onClicked: session.go("problem")
        }
        KButton {
            objectName: "btnHelp"
            Layout.fillWidth: true
            text: qsTr("帮办代办")
            Accessible.description: qsTr("请工作人员来帮您办理")
            onClicked: session.go("help")
        }
    }
    KText {
        role: "muted"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("咨询投诉热线：%1").arg(shell.hotline)
    }
}
