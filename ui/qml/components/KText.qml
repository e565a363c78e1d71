import QtQuick
import QtQuick.Layouts

// Body text: size from the theme, line spacing ≥ 1.3, wraps inside layouts.
Text {
    property string role: "body"   // body | title | hero | small | muted | error | ok
    Layout.fillWidth: true
    color: role === "muted" || role === "small" ? theme.c.muted
           : role === "error" ? theme.c.error : role === "ok" ? theme.c.ok : theme.c.text
    font.pixelSize: role === "title" ? theme.titlePx : role === "hero" ? theme.heroPx
                    : role === "small" ? theme.smallPx : theme.bodyPx
    font.bold: role === "title" || role === "hero"
    wrapMode: Text.Wrap
    lineHeight: theme.lineHeight
    textFormat: Text.PlainText
}
