import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A labelled text field with its problem shown in words under it (with a symbol, not colour only).
ColumnLayout {
    id: field
    property string name: ""
    property string label: ""
    property string error: ""
    property string help: ""
    property bool required: false
    property alias text: input.text
    property alias input: input
    property int hints: Qt.ImhNone
    signal edited(string text)
    Layout.fillWidth: true
    spacing: 4
    KText {
        text: field.label + (field.required ? " *" : "")
        font.bold: true
    }
    TextField {
        id: input
        objectName: "field_" + field.name
        Layout.fillWidth: true
        implicitHeight: theme.targetPx
        font.pixelSize: theme.bodyPx
        color: theme.c.text
        placeholderTextColor: theme.c.muted
        inputMethodHints: field.hints
        Accessible.role: Accessible.EditableText
        Accessible.name: field.label
        Accessible.description: field.error !== "" ? field.error : field.help
        background: Rectangle {
            color: theme.c.surface
            radius: theme.radius
            border.width: input.activeFocus ? theme.outlineWidth + 1 : theme.outlineWidth
            border.color: field.error !== "" ? theme.c.error : (input.activeFocus ? theme.c.focus : theme.c.outline)
        }
        onTextEdited: field.edited(text)
    }
    KText {
        visible: field.error !== ""
        role: "error"
        text: "！ " + field.error
    }
    KText {
        visible: field.help !== "" && field.error === ""
        role: "small"
        text: field.help
    }
}
