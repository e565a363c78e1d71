import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Controls.impl

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
    // An icon of assets/icons/ (Tabler, by file name without .svg), drawn in the text's colour
    // (IconImage tints it on the CPU: no shader effect), left of the text or above it (tiles).
    property string iconName: ""
    property bool iconAbove: false
    property int iconPx: iconName === "" ? 0 : Math.round(font.pixelSize * (iconAbove ? 1.6 : 1.15))
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
        font.bold: b.kind === "primary" || b.font.bold
        color: b.filled ? theme.c.onPrimary : !b.enabled ? theme.c.muted
               : (b.kind === "danger" ? theme.c.error : theme.c.text)
        horizontalAlignment: b.align
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        lineHeight: 1.2
        // room for the icon (the text keeps its own box, so its width/height checks hold)
        leftPadding: b.iconName !== "" && !b.iconAbove ? b.iconPx + theme.gap / 2 : 0
        topPadding: b.iconName !== "" && b.iconAbove ? b.iconPx + theme.gap / 4 : 0
        // made only for a button with an icon, once icons are on (see ThemeCache.icons)
        Loader {
            active: b.iconName !== "" && theme.icons
            sourceComponent: IconImage {
                objectName: "icon"
                // beside the text's first line start: centred text takes its icon along
                x: b.iconAbove ? (label.width - b.iconPx) / 2
                   : b.align === Text.AlignHCenter
                     ? Math.max(0, label.leftPadding - b.iconPx - theme.gap / 2
                                   + (label.width - label.leftPadding - label.contentWidth) / 2)
                     : 0
                y: b.iconAbove
                   ? Math.max(0, label.topPadding - b.iconPx - theme.gap / 4
                                 + (label.height - label.topPadding - label.contentHeight) / 2)
                   : (label.height - b.iconPx) / 2
                source: "../../../assets/icons/" + b.iconName + ".svg"
                sourceSize: Qt.size(b.iconPx, b.iconPx)
                width: b.iconPx
                height: b.iconPx
                color: label.color
                asynchronous: true
            }
        }
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
