import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText { role: "title"; text: qsTr("需要什么帮助？") }
    Repeater {
        model: help.reasons
        KButton {
            objectName: "help_" + modelData.key
            Layout.fillWidth: true
            enabled: help.state === "" || help.state === "error"
            text: qsTranslate("Help", modelData.label)
            onClicked: help.ask(modelData.key)
        }
    }
    Badge {
        objectName: "helpSent"
        visible: help.state === "sent"
        Layout.fillWidth: true
        tone: "ok"
        text: qsTr("已通知工作人员（编号 %1），请在原地稍候，马上有人来帮您。").arg(help.ref)
    }
    Badge {
        visible: help.state === "error"
        Layout.fillWidth: true
        tone: "error"
        text: qsTr("呼叫没有发出，请拨打热线。")
    }
    KText { role: "title"; text: qsTr("服务热线：%1").arg(help.hotline) }
    actions: [
        KButton {
            objectName: "btnHelpBack"
            Layout.fillWidth: true
            text: qsTr("返回首页")
            onClicked: session.restart()  // 返回首页 keeps the display settings and language
        }
    ]
}
