import QtQuick
import QtQuick.Layouts

// A state shown with a symbol AND words, so colour is never the only signal. Long texts wrap.
Rectangle {
    id: badge
    property string tone: "info"   // info | ok | warn | error
    property string text: ""
    readonly property string symbol: tone === "ok" ? "✓" : tone === "error" ? "×" : tone === "warn" ? qsTr("！") : "i"
    readonly property real maxWidth: parent ? parent.width : 1000
    implicitWidth: Math.min(sym.implicitWidth + label.implicitWidth + 1.5 * theme.gap + 6, maxWidth)
    implicitHeight: Math.max(sym.implicitHeight, label.implicitHeight) + theme.gap / 2
    radius: theme.radius
    color: theme.c.surface
    border.width: theme.outlineWidth
    border.color: tone === "ok" ? theme.c.ok : tone === "error" ? theme.c.error : tone === "warn" ? theme.c.warn : theme.c.outline
    Accessible.role: Accessible.StaticText
    Accessible.name: text
    Text {
        id: sym
        x: theme.gap / 2
        y: theme.gap / 4
        text: badge.symbol
        font.pixelSize: theme.smallPx
        font.bold: true
        color: badge.border.color
    }
    Text {
        id: label
        anchors { left: sym.right; leftMargin: 6; right: parent.right; rightMargin: theme.gap / 2 }
        y: theme.gap / 4
        text: badge.text
        font.pixelSize: theme.smallPx
        wrapMode: Text.Wrap
        lineHeight: 1.3
        color: badge.tone === "info" ? theme.c.text : badge.border.color
    }
}
