import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    Item { Layout.preferredHeight: theme.targetPx }
    KText { role: "hero"; horizontalAlignment: Text.AlignHCenter; text: qsTr("谢谢，办理结束") }
    KText { horizontalAlignment: Text.AlignHCenter; text: qsTr("请带好您的证件和回执。点“完成”后，本次信息会从机器上清除。") }
    actions: [
        KButton {
            objectName: "btnFinish"
            kind: "primary"
            Layout.fillWidth: true
            text: qsTr("完成")
            onClicked: session.home()
        }
    ]
}
