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
    // How it is typed (FormVM.input_kind): "account" and "digits" open the numeric keypad
    // (an account number is shown in groups of four; the value stays digits), "number" the
    // keypad with a decimal point, "date" the keypad with the dashes put in (YYYY-MM-DD).
    property string kind: "text"
    readonly property int kindHints: kind === "account" || kind === "digits" || kind === "date"
                                     ? Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText
                                     : kind === "number" ? Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                                     : Qt.ImhNone
    signal edited(string text)

    // The text shown for a value: digits grouped in fours, a date's dashes put in.
    function shown(v) {
        if (field.kind === "account" && /^[0-9 ]*$/.test(v))
            return v.replace(/ /g, "").replace(/([0-9]{4})(?=[0-9])/g, "$1 ")
        if (field.kind === "date") {
            const d = v.replace(/[^0-9]/g, "").slice(0, 8)
            return d.length > 6 ? d.slice(0, 4) + "-" + d.slice(4, 6) + "-" + d.slice(6)
                 : d.length > 4 ? d.slice(0, 4) + "-" + d.slice(4) : d
        }
        return v
    }
    // Reformat what was typed (keeping the cursor after the same digit); returns the value.
    function reformat() {
        const raw = input.text
        if (field.kind !== "account" && field.kind !== "date")
            return raw
        const s = field.shown(raw)
        if (s !== raw) {
            const digitsBefore = raw.slice(0, input.cursorPosition).replace(/[^0-9]/g, "").length
            input.text = s
            let pos = 0
            for (let n = 0; pos < s.length && n < digitsBefore; ++pos)
                if (s[pos] >= "0" && s[pos] <= "9") ++n
            input.cursorPosition = pos
        }
        return field.kind === "account" ? s.replace(/ /g, "") : s
    }
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
        inputMethodHints: field.hints | field.kindHints
        maximumLength: field.kind === "date" ? 10 : 32767
        placeholderText: field.kind === "date" ? qsTr("年-月-日，如 2024-03-01") : ""
        Accessible.role: Accessible.EditableText
        Accessible.name: field.label
        Accessible.description: field.error !== "" ? field.error : field.help
        background: Rectangle {
            color: theme.c.surface
            radius: theme.radius
            border.width: input.activeFocus ? theme.outlineWidth + 1 : theme.outlineWidth
            border.color: field.error !== "" ? theme.c.error : (input.activeFocus ? theme.c.focus : theme.c.outline)
        }
        onTextEdited: field.edited(field.reformat())
    }
    KText {
        visible: field.error !== ""
        role: "error"
        text: qsTr("！ ") + field.error
    }
    KText {
        visible: field.help !== "" && field.error === ""
        role: "small"
        text: field.help
    }
}
