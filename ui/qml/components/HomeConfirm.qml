import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// 首页 after something was entered: ask first. Yes wipes the identity, the form and the scans;
// the display settings and the language stay.
Rectangle {
    id: dlg
    objectName: "homeConfirm"
    signal closed()
    color: "#99000000"
    MouseArea { anchors.fill: parent; Accessible.ignored: true }
    Rectangle {
        anchors.centerIn: parent
        width: parent.width - 2 * theme.gap
        height: col.implicitHeight + 4 * theme.gap
        radius: theme.radius
        color: theme.c.surface
        border.width: theme.outlineWidth
        border.color: theme.c.outline
        ColumnLayout {
            id: col
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 2 * theme.gap }
            spacing: theme.gap
            KText { role: "title"; text: qsTr("回到首页？") }
            KText { text: qsTr("您已读取的证件信息、填写的内容和扫描的材料将被清除，需要重新办理。") }
            KButton {
                objectName: "btnHomeStay"
                kind: "primary"
                Layout.fillWidth: true
                text: qsTr("继续办理")
                onClicked: dlg.closed()
            }
            KButton {
                objectName: "btnHomeConfirm"
                Layout.fillWidth: true
                kind: "danger"
                text: qsTr("清除并回到首页")
                onClicked: { dlg.closed(); session.restart() }
            }
        }
    }
}
