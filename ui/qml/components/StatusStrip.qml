import QtQuick
import QtQuick.Layouts

// The quiet status strip: only there when something is wrong; words plus a symbol.
Rectangle {
    id: strip
    objectName: "statusStrip"
    visible: devices.notices.length > 0
    implicitHeight: visible ? col.implicitHeight + theme.gap : 0
    color: theme.c.stripBg
    Accessible.role: Accessible.StatusBar
    Accessible.name: qsTr("设备状态")
    ColumnLayout {
        id: col
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: theme.gap }
        spacing: 2
        Repeater {
            model: devices.notices
            Text {
                objectName: "notice_" + modelData.device
                Layout.fillWidth: true
                text: qsTr("！ ") + qsTranslate("Strip", modelData.text)
                color: theme.c.stripText
                font.pixelSize: theme.smallPx
                wrapMode: Text.Wrap
            }
        }
    }
}
