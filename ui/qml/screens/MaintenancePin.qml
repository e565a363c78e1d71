import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

// The maintenance PIN pad, over the start screen (opened by holding the terminal's name 5 s).
// Digits only; the PIN is shown as dots; a wrong PIN says how long the lockout lasts.
Rectangle {
    id: pad
    objectName: "maintenancePin"
    color: "#99000000"
    property string pin: ""
    function m(x) { return x && x.text ? (x.arg !== "" ? qsTranslate("Maintenance", x.text).arg(x.arg) : qsTranslate("Maintenance", x.text)) : "" }
    MouseArea { anchors.fill: parent }   // nothing beneath answers while the pad shows
    Connections {
        target: maintenance
        function onPinMessageChanged() { pad.pin = "" }
    }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * theme.gap, 720)
        height: col.implicitHeight + 2 * theme.gap
        radius: theme.radius
        color: theme.c.surface
        border.width: theme.outlineWidth
        border.color: theme.c.outline
        ColumnLayout {
            id: col
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: theme.gap }
            spacing: theme.gap
            KText { role: "title"; text: qsTr("维护模式：请输入维护密码") }
            KText {
                objectName: "pinDots"
                horizontalAlignment: Text.AlignHCenter
                font.pixelSize: theme.heroPx
                text: pad.pin.length > 0 ? "●".repeat(pad.pin.length) : " "
                Accessible.name: qsTr("已输入 %1 位").arg(pad.pin.length)
            }
            Badge {
                objectName: "pinMessage"
                visible: text !== ""
                Layout.fillWidth: true
                tone: "error"
                text: pad.m(maintenance.pinMessage)
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 3
                columnSpacing: theme.gap
                rowSpacing: theme.gap
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"]
                    KButton {
                        objectName: "pinKey_" + modelData
                        Layout.fillWidth: true
                        Layout.preferredHeight: theme.targetPx * 1.3
                        kind: modelData === "ok" ? "primary" : "secondary"
                        enabled: maintenance.busy === "" && (modelData !== "ok" || pad.pin.length > 0)
                        font.pixelSize: theme.titlePx
                        text: modelData === "del" ? qsTr("删除") : modelData === "ok" ? qsTr("确定") : modelData
                        onClicked: {
                            if (modelData === "del") pad.pin = pad.pin.slice(0, -1)
                            else if (modelData === "ok") maintenance.enterPin(pad.pin)
                            else if (pad.pin.length < 16) pad.pin += modelData
                        }
                    }
                }
            }
            KButton {
                objectName: "btnPinCancel"
                Layout.fillWidth: true
                text: qsTr("取消")
                onClicked: maintenance.closePin()
            }
        }
    }
}
