import QtQuick
import QtQuick.Controls.Basic

// A touch target that meets the size numbers of the current mode, with a visible outline
// (≥ 3:1) and text ≥ 4.5:1 against its fill. "selected" also shows a √, never colour alone.
// A disabled button keeps its place and size and stays readable (muted text on the surface,
// ≥ 4.5:1), instead of fading to an unreadable grey.
Button {
    id: b
    property string kind: "secondary"   // primary | secondary | danger
    property bool selected: false
    // an option that may be chosen: room for the ✓ is kept, so it does not widen when chosen
    property bool selectable: false
    property int minWidth: theme.targetPx
    property int align: Text.AlignHCenter
    readonly property bool filled: (kind === "primary" && enabled) || selected
    implicitHeight: Math.max(theme.targetPx, label.implicitHeight + theme.gap)
    implicitWidth: Math.max(minWidth, Math.ceil(selectable ? Math.max(label.implicitWidth, marked.advanceWidth)
                                                          : label.implicitWidth) + 2 * theme.gap)
    TextMetrics { id: marked; font: label.font; text: "✓ " + b.text }
    font.pixelSize: theme.bodyPx
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.checked: selected
    contentItem: Text {
        id: label
        text: (b.selected ? "✓ " : "") + b.text
        font.pixelSize: b.font.pixelSize
        font.bold: b.kind === "primary"
        color: b.filled ? theme.c.onPrimary : !b.enabled ? theme.c.muted
               : (b.kind === "danger" ? theme.c.error : theme.c.text)
        horizontalAlignment: b.align
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        lineHeight: 1.2
    }
    background: Rectangle {
        radius: theme.radius
        color: b.filled ? (b.down ? Qt.darker(theme.c.primary, 1.2) : theme.c.primary)
                        : (b.down ? theme.c.pressed : theme.c.surface)
        border.width: b.visualFocus ? theme.outlineWidth + 2 : theme.outlineWidth
        border.color: b.visualFocus ? theme.c.focus
                      : (b.filled ? theme.c.primary : (b.kind === "danger" ? theme.c.error : theme.c.outline))
    }
}
