import QtQuick
import QtQuick.Layouts

// A white panel with an outline; children go into a column.
Rectangle {
    default property alias content: col.data
    property alias spacing: col.spacing
    Layout.fillWidth: true
    implicitHeight: col.implicitHeight + 2 * theme.gap
    color: theme.c.surface
    radius: theme.radius
    border.width: 1
    border.color: theme.c.outline
    ColumnLayout {
        id: col
        x: theme.gap
        y: theme.gap
        width: parent.width - 2 * theme.gap
        spacing: theme.gap / 2
    }
}
