import QtQuick
import QtQuick.Layouts
import "../components"

// The maintenance PIN pad, over the start screen (opened by holding the terminal's name 5 s).
// The shared PinPad: digits only, shown as dots; a wrong PIN says how long the lockout lasts.
Rectangle {
    id: overlay
    objectName: "maintenancePin"
    color: "#99000000"
    function m(x) { return x && x.text ? (x.arg !== "" ? qsTranslate("Maintenance", x.text).arg(x.arg) : qsTranslate("Maintenance", x.text)) : "" }
    MouseArea { anchors.fill: parent }   // nothing beneath answers while the pad shows
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * theme.gap, 760)
        height: col.implicitHeight + 2 * theme.gap
        radius: theme.radius
        color: theme.c.surface
        border.width: theme.outlineWidth
        border.color: theme.c.outline
        ColumnLayout {
            id: col
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: theme.gap }
            spacing: theme.gap
            PinPad {
                keyPrefix: "maintPin"
                minLength: 6
                maxLength: 12
                busy: maintenance.busy !== ""
                prompt: qsTr("维护模式：请输入维护密码")
                warning: overlay.m(maintenance.pinMessage)
                onAccepted: function(pin) { maintenance.enterPin(pin) }
                onCancelled: maintenance.closePin()
            }
        }
    }
}
