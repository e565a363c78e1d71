import QtQuick

// The quiet status strip: words plus a symbol when something is wrong. Its line is kept when
// all is well (empty, the window's colour), so the page does not move when a notice comes or
// goes mid-form; only notices that do not fit on one line make it taller.
Rectangle {
    id: strip
    objectName: "statusStrip"
    readonly property bool shown: devices.notices.length > 0
    implicitHeight: Math.max(line.implicitHeight, col.implicitHeight) + theme.gap
    color: shown ? theme.c.stripBg : "transparent"
    // one line of a notice, measured in the notices' own (Chinese) font
    Text { id: line; visible: false; text: "！ 网络"; font.pixelSize: theme.smallPx }
    Accessible.role: Accessible.StatusBar
    Accessible.name: qsTr("设备状态")
    // the notices side by side on one line while they fit (offline plus a reader out of use
    // does at the usual sizes), each wrapping inside the strip only when it alone is too long
    Flow {
        id: col
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: theme.gap }
        spacing: theme.gap
        Repeater {
            model: devices.notices
            Text {
                objectName: "notice_" + modelData.device
                width: Math.min(implicitWidth, col.width)
                text: qsTr("！ ") + qsTranslate("Strip", modelData.text)
                color: theme.c.stripText
                font.pixelSize: theme.smallPx
                wrapMode: Text.Wrap
            }
        }
    }
}
