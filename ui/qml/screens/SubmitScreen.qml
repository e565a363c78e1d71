import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

ScreenPage {
    Item { Layout.preferredHeight: theme.targetPx }
    BusyIndicator {
        Layout.alignment: Qt.AlignHCenter
        running: !shell.still
        Accessible.name: qsTr("正在提交")
    }
    KText {
        role: "title"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("正在保存您的申请，请不要离开…")
    }
}
