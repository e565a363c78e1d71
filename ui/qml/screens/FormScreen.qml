import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText { role: "muted"; text: qsTr("带 * 的必须填写。已从证件读出的内容请核对。") }
    KText {
        objectName: "formEnglishName"
        visible: form.englishName !== ""
        text: qsTr("英文姓名：%1").arg(form.englishName) + qsTr("（已从证件读取）")
    }
    Repeater {
        model: form.fieldNames
        ColumnLayout {
            id: row
            required property int index
            readonly property var f: form.fields[index] || ({})
            visible: row.f.hidden !== true
            Layout.fillWidth: true
            spacing: 4
            KField {
                id: kf
                visible: row.f.type !== "enum"
                name: row.f.name || ""
                label: (session.language === "en" ? row.f.labelEn : row.f.label) + (row.f.prefilled ? qsTr("（已从证件读取）") : "")
                required: row.f.required === true
                error: row.f.error || ""
                help: row.f.help || ""
                kind: row.f.kind || "text"
                Component.onCompleted: text = shown(row.f.value || "")
                onEdited: (t) => form.setValue(row.f.name, t)
            }
            // a date can be typed (the keypad puts in the dashes) or picked
            KButton {
                visible: row.f.type !== "enum" && row.f.kind === "date"
                objectName: "btnPickDate_" + (row.f.name || "")
                text: qsTr("选择日期")
                Accessible.name: qsTr("选择日期：%1").arg(session.language === "en" ? row.f.labelEn : row.f.label)
                onClicked: {
                    datePicker.title = row.f.label
                    datePicker.titleEn = row.f.labelEn
                    datePicker.target = row.f.name
                    datePicker.openAt(kf.text)
                }
                Connections {
                    target: datePicker
                    enabled: datePicker.target === row.f.name
                    function onPicked(date) {
                        kf.text = date
                        form.setValue(row.f.name, date)
                    }
                }
            }
            KText {
                visible: row.f.type === "enum"
                font.bold: true
                text: (session.language === "en" ? row.f.labelEn : row.f.label) + (row.f.required ? " *" : "")
            }
            Flow {
                visible: row.f.type === "enum"
                Layout.fillWidth: true
                spacing: theme.gap / 2
                Repeater {
                    model: row.f.type === "enum" ? row.f.options : []
                    KButton {
                        objectName: "opt_" + row.f.name + "_" + modelData.value
                        selected: row.f.value === modelData.value
                        selectable: true
                        text: modelData.label
                        onClicked: form.setValue(row.f.name, modelData.value)
                    }
                }
            }
            KText {
                visible: row.f.type === "enum" && (row.f.error || "") !== ""
                role: "error"
                text: qsTr("！ ") + (row.f.error || "")
            }
        }
    }
    DatePicker {
        id: datePicker
        property string target: ""
    }
    actions: [
        KButton {
            objectName: "btnFormNext"
            kind: "primary"
            Layout.fillWidth: true
            text: qsTr("下一步：提交材料")
            onClicked: form.next()
        }
    ]
}
