import QtQuick
import QtQuick.Layouts

// Developer panel (config ui.developer_panel only): flips the simulators' states.
Item {
    id: panel
    anchors.fill: parent
    visible: devpanel.enabled
    z: 60
    KButton {
        objectName: "btnDevPanel"
        anchors { right: parent.right; bottom: parent.bottom; margins: 8 }
        text: devpanel.open ? "× DEV" : "DEV"
        Accessible.name: "developer panel"
        onClicked: devpanel.setOpen(!devpanel.open)
    }
    Rectangle {
        visible: devpanel.open
        anchors { right: parent.right; bottom: parent.bottom; bottomMargin: theme.targetPx + 24; rightMargin: 8 }
        width: 420
        height: grid.implicitHeight + 60
        color: theme.c.surface
        border.width: 2
        border.color: theme.c.outline
        radius: 8
        ColumnLayout {
            id: grid
            anchors { fill: parent; margins: 10 }
            spacing: 6
            Repeater {
                model: devpanel.actions
                KButton {
                    objectName: "dev_" + modelData.key
                    Layout.fillWidth: true
                    implicitHeight: 44
                    font.pixelSize: 16
                    text: modelData.label
                    onClicked: devpanel.act(modelData.key)
                }
            }
            Text { text: devpanel.last; font.pixelSize: 14; color: theme.c.muted; Layout.fillWidth: true; wrapMode: Text.Wrap }
        }
    }
}
