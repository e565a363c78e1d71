import QtQuick
import QtQuick.Layouts

// A state shown with a symbol AND words, so colour is never the only signal.
Rectangle {
    id: badge
    property string tone: "info"   // info | ok | warn | error
    property string text: ""
    readonly property string symbol: tone === "ok" ? "✓" : tone === "error" ? "×" : tone === "warn" ? "！" : "i"
    implicitWidth: row.implicitWidth + theme.gap
    implicitHeight: row.implicitHeight + theme.gap / 2
    radius: theme.radius
    color: theme.c.surface
    border.width: theme.outlineWidth
    border.color: tone === "ok" ? theme.c.ok : tone === "error" ? theme.c.error : tone === "warn" ? theme.c.warn : theme.c.outline
    Accessible.role: Accessible.StaticText
    Accessible.name: text
    Row {
        id: row
        anchors.centerIn: parent
        spacing: 6
        Text {
            text: badge.symbol
            font.pixelSize: theme.smallPx
            font.bold: true
            color: badge.border.color
        }
        Text {
            text: badge.text
            font.pixelSize: theme.smallPx
            color: badge.tone === "info" ? theme.c.text : badge.border.color
        }
    }
}
