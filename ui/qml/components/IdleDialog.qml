import QtQuick
import QtQuick.Layouts

// "Are you still there?" — the countdown can always be extended with one tap.
Rectangle {
    id: dlg
    objectName: "idleDialog"
    anchors.fill: parent
    visible: session.idleWarning
    color: "#99000000"
    z: 50
    // the keyboard does not stay live on top of the warning; the field keeps the focus (taking
    // it away would commit half-typed Pinyin as the first suggested character)
    function takeOver() {
        if (visible)
            Qt.inputMethod.hide()
    }
    onVisibleChanged: takeOver()
    Component.onCompleted: takeOver()
    MouseArea { anchors.fill: parent; Accessible.ignored: true }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 900)
        height: col.implicitHeight + 4 * theme.gap
        radius: theme.radius
        color: theme.c.surface
        border.width: theme.outlineWidth
        border.color: theme.c.outline
        ColumnLayout {
            id: col
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 2 * theme.gap }
            spacing: theme.gap
            KText { role: "title"; text: qsTr("您还在办理吗？") }
            KText {
                objectName: "idleCountdown"
                text: qsTr("%n 秒后将清除本次填写的信息并回到首页。", "", session.idleLeft)
            }
            RowLayout {
                spacing: theme.gap
                KButton {
                    objectName: "btnMoreTime"
                    kind: "primary"
                    Layout.fillWidth: true
                    text: qsTr("我还需要时间")
                    onClicked: session.extendTime()
                }
                KButton {
                    objectName: "btnEndSession"
                    Layout.fillWidth: true
                    text: qsTr("结束并清除")
                    onClicked: session.home()
                }
            }
        }
    }
}
